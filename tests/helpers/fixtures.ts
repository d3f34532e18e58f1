import path from 'path';
/** Small builders for valid documents, so each test states only what it is about. */
let n = 0;
const next = () => {
  n += 1;
  return `${Date.now().toString(36)}${n}`.toUpperCase();
};

export const UID = (name: string) => `plugin::clinic-crm.${name}`;

export const staffData = (over: Record<string, unknown> = {}) => ({
  fullName: '王雅雯',
  email: `staff-${next().toLowerCase()}@clinic.test`,
  department: 'beautician',
  isActive: true,
  ...over,
});

// one client per phone number: each test client gets its own (0900-000-000 … 0999-999-999)
let phoneSeq = Math.floor(Math.random() * 9_000_000) * 10;
export const uniquePhone = () => {
  const d = String(phoneSeq++ % 100_000_000).padStart(8, '0');
  return `09${d.slice(0, 2)}-${d.slice(2, 5)}-${d.slice(5)}`;
};

export const clientData = (over: Record<string, unknown> = {}) => ({
  clientNumber: `C-${next()}`,
  fullName: '周小姐',
  phone: uniquePhone(),
  email: `client-${next().toLowerCase()}@example.com`,
  allergies: '盤尼西林',
  medications: '無',
  pregnancyStatus: 'not_pregnant',
  aestheticGoals: '淡斑',
  ...over,
});

export const feeItems = (amount = 8000) => [
  { code: 'consultation', label: '醫師諮詢評估費', kind: 'included', amount: 500, currency: 'TWD', unit: 'one_off' },
  { code: 'laser', label: '皮秒雷射全臉', kind: 'included', amount, currency: 'TWD', unit: 'per_session' },
  { code: 'numbing', label: '局部麻醉藥膏', kind: 'add_on', amount: 300, currency: 'TWD', unit: 'per_session' },
];

export const treatmentData = (over: Record<string, unknown> = {}) => {
  const id = next().toLowerCase();
  return {
    name: `皮秒雷射 ${id}`,
    slug: `pico-${id}`,
    category: 'laser',
    summary: '改善斑點與膚色不均,效果因人而異。',
    recoveryPeriod: '泛紅約1至3天',
    risksAndSideEffects: '短暫泛紅、腫脹',
    internalNotes: 'INTERNAL-ONLY: supplier cost NT$1,200',
    feeItems: feeItems(),
    coursePackages: [{ code: 'five', label: '五堂套組', sessions: 5, amount: 36000, currency: 'TWD' }],
    ...over,
  };
};

export const consentTemplateBody =
  '本人 {{client.fullName}} 已了解「{{treatment.name}}」之風險:{{#each risks}}{{this}};{{/each}}費用:{{#each price.lines}}{{label}}×{{quantity}}={{amount}};{{/each}}合計 {{price.total}} {{price.currency}}。';

/** A published treatment with a published zh-Hant consent template (key `tpl-<slug>`), as the clinic would have. */
export const publishTreatment = async (strapi: any, over: Record<string, unknown> = {}, locale = 'zh-Hant') => {
  const treatment = await strapi
    .documents(UID('treatment'))
    .create({ locale, status: 'published', data: treatmentData(over), populate: ['feeItems', 'coursePackages'] });
  await strapi.documents(UID('consent-template')).create({
    status: 'published',
    data: { title: '同意書', templateKey: `tpl-${treatment.slug}`.slice(0, 64), language: 'zh-Hant', version: 1, body: consentTemplateBody, riskList: ['短暫泛紅'], treatment: treatment.documentId },
  });
  return treatment;
};

/** The client signs the current consent for a treatment (optionally choosing options). */
/**
 * A consent signed by the client. Outside a request, like the demo seed, it is dated `signedAt`
 * (default: 30 days ago, so records dated in the past are performed after it); `signedAt: null`
 * signs now.
 */
export const signConsent = (strapi: any, client: any, treatment: any, over: Record<string, unknown> = {}) => {
  const { signedAt = new Date(Date.now() - 30 * 86_400_000).toISOString(), ...rest } = over;
  const create = () => strapi.documents(UID('consent-record')).create({ data: { client: client.documentId, treatment: treatment.documentId, signerName: client.fullName ?? '客戶', ...rest, ...(signedAt ? { signedAt } : {}) } });
  if (!signedAt) return create();
  return strapi.plugin('clinic-crm').service('consent').importingHistory(create);
};

/** A real PNG (white, `width`×`height`, one dark stroke) as a data URL, like signature_pad's toDataURL. */
export const signaturePng = (width = 600, height = 200) => {
  const zlib = require('zlib') as typeof import('zlib');
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((width + 1) * height, 0xff);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // filter: none
    if (y === Math.floor(height / 2)) for (let x = 20; x < width - 20; x++) rows[y * (width + 1) + 1 + x] = 0x20;
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString('base64')}`;
};
