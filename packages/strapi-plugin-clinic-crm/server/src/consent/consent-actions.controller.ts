import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID, getConfig } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { formatMoney } from '../pricing/domain/money';
import { resolveLanguage, Language } from '../core/i18n/locales';
import { formatLocalDateTime } from '../core/time/time';
import { getService } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { requireSessionStaff } from '../core/http/session';

const SIGN_FIELDS = new Set(['client', 'treatment', 'language', 'consentTemplate', 'priceSnapshot', 'signerName', 'witness', 'contraindicationOverride', 'clientDevice', 'signatureImage']);

const SAY = {
  signature: {
    'zh-Hant': '請客戶在簽名區親筆簽名。',
    'zh-Hans': '请客户在签名区亲笔签名。',
    en: 'The client signs by hand in the signature area.',
  },
};


const escapeHtml = (s: unknown) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const LABELS: Record<Language, Record<string, string>> = {
  'zh-Hant': { title: '知情同意書', fees: '費用明細', item: '項目', qty: '數量', amount: '金額', total: '合計', signer: '簽署人', witness: '見證人員', signedAt: '簽署時間', version: '範本版本', hash: '內容雜湊（SHA-256）', override: '醫師禁忌症評估' },
  'zh-Hans': { title: '知情同意书', fees: '费用明细', item: '项目', qty: '数量', amount: '金额', total: '合计', signer: '签署人', witness: '见证人员', signedAt: '签署时间', version: '模板版本', hash: '内容哈希（SHA-256）', override: '医师禁忌症评估' },
  en: { title: 'Informed consent', fees: 'Fees', item: 'Item', qty: 'Qty', amount: 'Amount', total: 'Total', signer: 'Signed by', witness: 'Witness', signedAt: 'Signed at', version: 'Template version', hash: 'Content hash (SHA-256)', override: 'Doctor’s contraindication review' },
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST …/consent-records/sign — renders the current template for the client and treatment and records the signature. */
  async sign(ctx) {
    const body = ctx.request.body ?? {};
    const input = body.data && typeof body.data === 'object' ? body.data : body;
    if (!input || typeof input !== 'object' || Array.isArray(input)) throw fieldError('data', 'body must be an object');
    for (const key of Object.keys(input)) if (!SIGN_FIELDS.has(key)) throw fieldError(key, `${key} cannot be set when signing (the server fills it)`);
    if (input.clientDevice !== undefined && (typeof input.clientDevice !== 'string' || input.clientDevice.length > 300)) throw fieldError('clientDevice', 'clientDevice must be text of at most 300 characters');
    if (ctx.state?.auth?.strategy?.name === 'admin') {
      // the staff screen: a linked staff member witnesses, and the client draws the signature
      // (witness and override are bound to the signed-in person by the consent service, on every path)
      await requireSessionStaff(strapi, ctx, 'witness');
      if (input.signatureImage === undefined || input.signatureImage === null || input.signatureImage === '') throw fieldError('signatureImage', say(requestLanguage(strapi), SAY.signature));
    }
    const created: any = await strapi.documents(UID.consentRecord).create({ data: { ...input, clientIp: ctx.request.ip } as any });
    ctx.status = 201;
    ctx.body = {
      data: {
        documentId: created.documentId,
        templateKey: created.templateKey,
        templateVersion: created.templateVersion,
        language: created.language,
        renderedText: created.renderedText,
        priceTotal: created.priceSnapshot?.total,
        currency: created.priceSnapshot?.currency,
        signedAt: created.signedAt,
        contentHash: created.contentHash,
        consentStatus: created.consentStatus,
      },
    };
  },

  /** GET /clinic-crm/consent-records/:documentId/verify — recomputes the hash. */
  async verify(ctx) {
    const result = await getService(strapi, 'consent').verify(ctx.params.documentId);
    if (!result) throw new errors.NotFoundError('Consent record not found');
    ctx.body = { data: result };
  },

  /** GET /clinic-crm/consent-records/:documentId/print — a clean printable page in the consent's language. */
  async print(ctx) {
    const r: any = await strapi.db.query(UID.consentRecord).findOne({ where: { documentId: ctx.params.documentId }, populate: { witness: { select: ['fullName'] } } });
    if (!r) throw new errors.NotFoundError('Consent record not found');
    const lang = resolveLanguage(r.language);
    const L = LABELS[lang];
    const snap = r.priceSnapshot ?? { lines: [], total: 0, currency: 'TWD' };
    const signedLocal = `${formatLocalDateTime(r.signedAt, getConfig(strapi).timeZone)} (${getConfig(strapi).timeZone})`;
    const rows = (snap.lines ?? [])
      .map((l: any) => `<tr><td>${escapeHtml(l.label)}</td><td class="n">${escapeHtml(l.quantity)}</td><td class="n">${escapeHtml(formatMoney(l.amount, snap.currency, lang))}</td></tr>`)
      .join('');
    // the doctor's clinical reasoning only for roles that may read it (front desk prints the client's copy without it)
    const mayRead = (field: string) => Boolean(ctx.state.userAbility?.can?.('plugin::content-manager.explorer.read', UID.consentRecord, field));
    const override = r.contraindicationOverride && mayRead('contraindicationOverride')
      ? `<p class="override"><b>${L.override}:</b> ${escapeHtml(r.contraindicationOverride.doctorName)} — ${escapeHtml(r.contraindicationOverride.reason)}</p>`
      : '';
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    ctx.body = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${L.title} · ${escapeHtml(r.signerName)}</title>
<style>body{font-family:'Noto Sans TC','PingFang TC','Microsoft JhengHei',sans-serif;max-width:760px;margin:2em auto;color:#111;line-height:1.7}
h1{font-size:1.5em;border-bottom:2px solid #333;padding-bottom:.3em}.text{white-space:pre-wrap}table{border-collapse:collapse;width:100%;margin:1em 0}
td,th{border:1px solid #999;padding:.3em .6em;text-align:left}.n{text-align:right}.meta{font-size:.9em;color:#333}.hash{font-family:monospace;font-size:.8em;word-break:break-all}
@media print{body{margin:0}}</style></head><body>
<h1>${escapeHtml(getConfig(strapi).clinicName)} · ${L.title}</h1>
<div class="text">${escapeHtml(r.renderedText)}</div>
<h2>${L.fees}</h2><table><thead><tr><th>${L.item}</th><th>${L.qty}</th><th>${L.amount}</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><th colspan="2">${L.total}</th><th class="n">${escapeHtml(formatMoney(snap.total, snap.currency, lang))}</th></tr></tfoot></table>
${override}
${r.signatureImage ? `<p><img class="signature" alt="${L.signer}" src="${escapeHtml(r.signatureImage)}" style="max-width:360px;border-bottom:1px solid #333"></p>` : ''}
<p class="meta">${L.signer}: ${escapeHtml(r.signerName)}<br>${L.witness}: ${escapeHtml(r.witness?.fullName ?? '—')}<br>${L.signedAt}: ${escapeHtml(signedLocal)}<br>${L.version}: ${escapeHtml(r.templateKey)} v${escapeHtml(r.templateVersion)}</p>
<p class="meta">${L.hash}: <span class="hash">${escapeHtml(r.contentHash)}</span></p>
</body></html>`;
  },
});
