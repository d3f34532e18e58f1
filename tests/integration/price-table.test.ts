import http from 'http';
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { UID, publishTreatment, treatmentData, feeItems } from '../helpers/fixtures';

let app: Booted;
let strapi: any;
const T = UID('treatment');
const table = (query = '') => request(app.http).get(`/api/clinic-crm/price-table${query}`);
const allTreatments = (body: any) => body.data.categories.flatMap((c: any) => c.treatments);
const bySlug = (body: any, slug: string) => allTreatments(body).find((t: any) => t.slug === slug);

let laser: any; // zh-Hant + en
let filler: any; // zh-Hant only

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  const picoFees = [
    ...feeItems(8000),
    { code: 'promo-next-month', label: '下月新價', kind: 'add_on', amount: 250, currency: 'TWD', unit: 'per_session', effectiveFrom: '2099-01-01' },
    { code: 'expired', label: '已停售項目', kind: 'add_on', amount: 100, currency: 'TWD', unit: 'one_off', effectiveUntil: '2000-12-31' },
  ];
  laser = await publishTreatment(strapi, { slug: 'pico-test', name: '皮秒雷射', feeItems: picoFees });
  await strapi.documents(T).update({
    documentId: laser.documentId,
    locale: 'en',
    status: 'published',
    data: { ...treatmentData({ slug: 'pico-test', name: 'Picosecond laser', recoveryPeriod: 'Redness 1–3 days' }), feeItems: picoFees.map((f) => ({ ...f, label: `EN ${f.code}` })) },
  });
  filler = await publishTreatment(strapi, { slug: 'filler-test', name: '玻尿酸填補', category: 'injectables' });
  // never published
  await strapi.documents(T).create({ data: treatmentData({ slug: 'draft-only', name: '草稿療程' }) });
});
afterAll(() => stopStrapi(app));

describe('GET /api/clinic-crm/price-table', () => {
  it('is public and lists published treatments by category with every fee, add-on, package and the recovery period', async () => {
    const res = await table();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.body.data.locale).toBe('zh-Hant');
    expect(res.body.data.priceValidOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(res.body.data.categories.map((c: any) => [c.key, c.label])).toEqual([
      ['injectables', '微整注射'],
      ['laser', '雷射光療'],
    ]);
    const t = bySlug(res.body, 'pico-test');
    expect(t.name).toBe('皮秒雷射');
    expect(t.recoveryPeriod).toBe('泛紅約1至3天');
    expect(t.feeItems.map((f: any) => [f.code, f.amount, f.unit])).toEqual([
      ['consultation', 500, 'one_off'],
      ['laser', 8000, 'per_session'],
    ]);
    expect(t.addOns.map((f: any) => f.code)).toEqual(['numbing']); // the expired add-on is gone
    expect(t.upcomingChanges.map((f: any) => [f.code, f.effectiveFrom])).toEqual([['promo-next-month', '2099-01-01']]);
    expect(t.priceValidUntil).toBe('2098-12-31');
    expect(t.packages).toEqual([expect.objectContaining({ code: 'five', sessions: 5, amount: 36000, currency: 'TWD' })]);
    expect(t.basePrice).toBe(8500);
    expect(t.basePriceFormatted).toContain('8,500');
    expect(t.feeItems[1].kindLabel).toBe('基本費用（已含）');
  });

  it('never shows drafts, internal fields or ids, whatever filters/populate/fields are sent', async () => {
    const plain = await table();
    const probing = await table(
      '?populate=*&fields[0]=internalNotes&fields[1]=documentId&filters[internalNotes][$contains]=INTERNAL&status=draft&publicationState=preview&sort=internalNotes'
    );
    expect(probing.status).toBe(200);
    expect(probing.text).toBe(plain.text);
    for (const text of [plain.text, probing.text]) {
      expect(text).not.toContain('INTERNAL-ONLY');
      expect(text).not.toContain('internalNotes');
      expect(text).not.toContain('草稿療程');
      expect(text).not.toContain('documentId');
      expect(text).not.toMatch(/"id":/);
      expect(text).not.toContain('contraindications');
    }
    // and the full REST collection stays closed to anonymous callers
    expect((await request(app.http).get('/api/clinic-crm/treatments?populate=*')).status).toBe(403);
  });

  it('serves the requested locale and falls back to zh-Hant per treatment', async () => {
    const en = await table('?locale=en');
    expect(en.body.data.locale).toBe('en');
    expect(en.headers['content-language']).toBe('en');
    expect(en.body.data.categories.map((c: any) => c.label)).toEqual(['Injectables', 'Laser & light']);
    expect(bySlug(en.body, 'pico-test')).toMatchObject({ name: 'Picosecond laser', locale: 'en', recoveryPeriod: 'Redness 1–3 days' });
    expect(bySlug(en.body, 'pico-test').feeItems[0].label).toBe('EN consultation');
    expect(bySlug(en.body, 'filler-test')).toMatchObject({ name: '玻尿酸填補', locale: 'zh-Hant' });

    const hans = await table('?locale=zh-Hans');
    expect(hans.body.data.categories.map((c: any) => c.label)).toContain('激光光疗');
    expect(bySlug(hans.body, 'pico-test').locale).toBe('zh-Hant');

    for (const odd of ['fr', 'xx-<script>', '']) {
      const res = await table(`?locale=${encodeURIComponent(odd)}`);
      expect(res.status).toBe(200);
      expect(res.body.data.locale).toBe('zh-Hant');
    }
  });

  it('filters by category and refuses an unknown one with a 400 naming the field', async () => {
    const res = await table('?category=injectables');
    expect(res.body.data.categories.map((c: any) => c.key)).toEqual(['injectables']);
    expect(allTreatments(res.body).map((t: any) => t.slug)).toEqual(['filler-test']);
    const bad = await table('?category=astrology');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.errors[0].path).toEqual(['category']);
    expect(bad.text).not.toMatch(/at .*\.js/); // no stack trace
  });

  it('sends ETag and Cache-Control and answers 304 to If-None-Match', async () => {
    const first = await table();
    expect(first.headers.etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toMatch(/public, max-age=\d+, s-maxage=1\b/);
    const again = await table().set('If-None-Match', first.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const otherLocale = await table('?locale=en').set('If-None-Match', first.headers.etag);
    expect(otherLocale.status).toBe(200);
  });

  it('answers compressed to browsers that accept it, and plain JSON otherwise', async () => {
    const br = await table().set('Accept-Encoding', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    const gz = await table().set('Accept-Encoding', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await table().set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.text)).toEqual(br.body);
    expect(gz.body).toEqual(br.body);
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(plain.text));
  });
});

describe('cache invalidation', () => {
  it('shows a published price change, an unpublish and a delete on the very next request', async () => {
    const t = await publishTreatment(strapi, { slug: 'cache-test', name: '快取測試' });
    const before = await table();
    expect(bySlug(before.body, 'cache-test').feeItems[1].amount).toBe(8000);

    // a draft edit changes nothing public…
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', data: { feeItems: feeItems(9900) } });
    const afterDraft = await table().set('If-None-Match', before.headers.etag);
    expect(afterDraft.status).toBe(304);

    // …publishing it does, immediately
    await strapi.documents(T).publish({ documentId: t.documentId, locale: 'zh-Hant' });
    // the very next request (the bar is "within 1 s on the same instance")
    const afterPublish = await table().set('If-None-Match', before.headers.etag);
    expect(afterPublish.status).toBe(200);
    expect(bySlug(afterPublish.body, 'cache-test').feeItems[1].amount).toBe(9900);
    expect(afterPublish.headers.etag).not.toBe(before.headers.etag);

    await strapi.documents(T).unpublish({ documentId: t.documentId, locale: 'zh-Hant' });
    expect(bySlug((await table()).body, 'cache-test')).toBeUndefined();

    await strapi.documents(T).publish({ documentId: t.documentId, locale: 'zh-Hant' });
    expect(bySlug((await table()).body, 'cache-test')).toBeDefined();
    await strapi.documents(T).delete({ documentId: t.documentId, locale: '*' });
    expect(bySlug((await table()).body, 'cache-test')).toBeUndefined();
  });

  it('a table read while the admin’s save + publish transaction is still open is dropped when it commits', async () => {
    // the content manager's Publish saves and publishes in one transaction; a visitor's request in
    // between (outside it) is built from the rows committed so far and must not stay cached
    const t = await publishTreatment(strapi, { slug: 'commit-test', name: '提交測試' });
    expect(bySlug((await table()).body, 'commit-test').feeItems[1].amount).toBe(8000);
    // a listener opened here, outside the transaction: requests it serves do not join it (supertest
    // would listen inside the transaction's async context, and its requests would)
    const server = http.createServer(app.http.listeners('request')[0] as http.RequestListener);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as any).port}/api/clinic-crm/price-table`;
    try {
      let during: Promise<unknown> | null = null;
      await strapi.db.transaction(async () => {
        await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', data: { feeItems: feeItems(9100) } });
        await strapi.documents(T).publish({ documentId: t.documentId, locale: 'zh-Hant' });
        // a visitor, while the transaction is open (on SQLite the read waits for the commit)
        during = fetch(url).then((r) => r.json());
        await Promise.race([during, new Promise((r) => setTimeout(r, 500))]);
      });
      await during;
      expect(bySlug((await table()).body, 'commit-test').feeItems[1].amount).toBe(9100);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('rebuilds after the TTL even without a local write, so several instances converge', async () => {
    await publishTreatment(strapi, {
      slug: 'ttl-test',
      feeItems: [{ code: 'ttl-item', label: 'TTL 測試', kind: 'included', amount: 1000, currency: 'TWD', unit: 'one_off' }],
    });
    expect(bySlug((await table()).body, 'ttl-test').feeItems[0].amount).toBe(1000);
    // Another instance's publish: the rows change, but this instance's middleware never sees it.
    await strapi.db.query('clinic-crm.fee-item').updateMany({ where: { code: 'ttl-item' }, data: { amount: 1200 } });
    expect(bySlug((await table()).body, 'ttl-test').feeItems[0].amount).toBe(1000); // still cached

    const cfg = strapi.config.get('plugin::clinic-crm.priceTable');
    strapi.config.set('plugin::clinic-crm.priceTable', { ...cfg, cacheTtlMs: 0 });
    try {
      expect(bySlug((await table()).body, 'ttl-test').feeItems[0].amount).toBe(1200);
    } finally {
      strapi.config.set('plugin::clinic-crm.priceTable', cfg);
    }
  });
});

describe('one price in every language', () => {
  const amounts = (t: any) => [...t.feeItems, ...t.addOns].map((f: any) => [f.code, f.amount, f.unit]).sort();
  const inAllLocales = async (slug: string) => {
    const out: Record<string, any> = {};
    for (const locale of ['zh-Hant', 'zh-Hans', 'en']) out[locale] = bySlug((await table(`?locale=${locale}`)).body, slug);
    return out;
  };
  const threeLocales = async (slug: string) => {
    const t = await publishTreatment(strapi, { slug, name: '三語價格' });
    for (const [locale, name] of [['zh-Hans', '三语价格'], ['en', 'Three-language price']]) {
      await strapi.documents(T).update({
        documentId: t.documentId,
        locale,
        status: 'published',
        data: { ...treatmentData({ slug, name }), feeItems: feeItems(8000).map((f) => ({ ...f, label: `${locale} ${f.code}` })) },
      });
    }
    return t;
  };

  it('a price published in zh-Hant is the price in every locale; texts stay translated and unpublished edits stay drafts', async () => {
    const t = await threeLocales('three-locales');
    // a translator's pending edit in English, not published yet
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'en', data: { summary: 'DRAFT summary, not for the website' } });
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', data: { feeItems: feeItems(8800) } });
    // saved, not published: no locale of the website moves
    for (const shown of Object.values(await inAllLocales('three-locales'))) expect(shown.feeItems[1].amount).toBe(8000);

    await strapi.documents(T).publish({ documentId: t.documentId, locale: 'zh-Hant' });
    const shown = await inAllLocales('three-locales');
    for (const locale of ['zh-Hant', 'zh-Hans', 'en']) {
      expect(shown[locale].locale).toBe(locale);
      expect(amounts(shown[locale])).toEqual(amounts(shown['zh-Hant']));
      expect(shown[locale].feeItems[1].amount).toBe(8800);
    }
    expect(shown.en.feeItems[1].label).toBe('en laser');
    expect(shown['zh-Hans'].feeItems[1].label).toBe('zh-Hans laser');
    expect(shown.en.summary).not.toContain('DRAFT');
    // every locale's change is in the price history
    const history = await strapi.documents(UID('price-change')).findMany({ filters: { treatmentDocumentId: t.documentId, action: 'published' } });
    expect(history.filter((h: any) => JSON.stringify(h.changes).includes('8800')).map((h: any) => h.treatmentLocale).sort()).toEqual(['en', 'zh-Hans', 'zh-Hant']);
  });

  it('an item added in zh-Hant reaches every locale, with the zh-Hant text until it is translated', async () => {
    const t = await threeLocales('three-locales-add');
    const added = { code: 'mask', label: '術後面膜', kind: 'add_on', amount: 450, currency: 'TWD', unit: 'one_off' };
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', status: 'published', data: { feeItems: [...feeItems(8000), added] } });
    const shown = await inAllLocales('three-locales-add');
    for (const locale of ['zh-Hans', 'en']) {
      expect(shown[locale].addOns.find((a: any) => a.code === 'mask')).toMatchObject({ amount: 450, label: '術後面膜' });
      expect(amounts(shown[locale])).toEqual(amounts(shown['zh-Hant']));
    }
    const enDraft = await strapi.documents(T).findOne({ documentId: t.documentId, locale: 'en', populate: ['feeItems'] });
    expect(enDraft.feeItems.map((f: any) => f.code)).toEqual(['consultation', 'laser', 'numbing', 'mask']);
  });

  it('adding and removing items re-prices the other published versions without publishing their drafts', async () => {
    const t = await threeLocales('three-locales-items');
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'en', data: { summary: 'DRAFT summary, not for the website' } });
    const [consultation, laserFee] = feeItems(8000);
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', status: 'published', data: { feeItems: [consultation, laserFee, { code: 'mask', label: '術後面膜', kind: 'add_on', amount: 450, currency: 'TWD', unit: 'one_off' }] } });
    let shown = await inAllLocales('three-locales-items');
    expect(shown.en.summary).not.toContain('DRAFT');
    expect(shown.en.addOns.map((a: any) => a.code)).toEqual(['mask']); // numbing removed, mask added
    expect(shown.en.feeItems.map((f: any) => f.label)).toEqual(['en consultation', 'en laser']); // its own texts kept
    // and removing everything but one item
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', status: 'published', data: { feeItems: [consultation] } });
    shown = await inAllLocales('three-locales-items');
    for (const locale of ['zh-Hans', 'en']) expect(amounts(shown[locale])).toEqual([['consultation', 500, 'one_off']]);
    expect(shown.en.summary).not.toContain('DRAFT');
    expect((await strapi.documents(T).findOne({ documentId: t.documentId, locale: 'en', status: 'draft' })).summary).toContain('DRAFT');
  });

  it('a translation saved or published while zh-Hant has unpublished price changes: its draft follows zh-Hant’s draft, the website zh-Hant’s published price', async () => {
    const t = await threeLocales('three-locales-pending');
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'zh-Hant', data: { feeItems: feeItems(9500) } }); // not published
    // a text-only save of the English draft is not refused, and it takes zh-Hant's draft price
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'en', data: { summary: 'New English summary' } });
    expect((await strapi.documents(T).findOne({ documentId: t.documentId, locale: 'en', populate: ['feeItems'] })).feeItems[1].amount).toBe(9500);
    // publishing English does not put the unpublished zh-Hant price on the website
    await strapi.documents(T).publish({ documentId: t.documentId, locale: 'en' });
    const shown = await inAllLocales('three-locales-pending');
    expect(shown.en.summary).toBe('New English summary');
    for (const locale of ['zh-Hant', 'zh-Hans', 'en']) expect(shown[locale].feeItems[1].amount).toBe(8000);
    // discarding the English draft is allowed: it comes back at zh-Hant's draft price
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'en', data: { summary: 'to be discarded' } });
    await strapi.documents(T).discardDraft({ documentId: t.documentId, locale: 'en' });
    expect((await strapi.documents(T).findOne({ documentId: t.documentId, locale: 'en', populate: ['feeItems'] })).feeItems[1].amount).toBe(9500);
  });

  it('refuses a different price written in another locale, naming the field; its texts can still change', async () => {
    const t = await threeLocales('three-locales-refuse');
    const enFees = feeItems(8000).map((f) => ({ ...f, label: `en ${f.code}` }));
    enFees[1].amount = 9999;
    await expect(strapi.documents(T).update({ documentId: t.documentId, locale: 'en', data: { feeItems: enFees } })).rejects.toMatchObject({
      name: 'ValidationError',
      details: { errors: [expect.objectContaining({ path: ['feeItems', '1', 'amount'], message: expect.stringContaining('繁體中文') })] },
    });
    enFees[1].amount = 8000;
    enFees[1].label = 'Full-face picosecond laser';
    await strapi.documents(T).update({ documentId: t.documentId, locale: 'en', status: 'published', data: { feeItems: enFees } });
    const shown = await inAllLocales('three-locales-refuse');
    expect(shown.en.feeItems[1]).toMatchObject({ amount: 8000, label: 'Full-face picosecond laser' });
  });

  it('brings prices written before alignment in line at start-up', async () => {
    const t = await threeLocales('three-locales-legacy');
    const en = await strapi.documents(T).findOne({ documentId: t.documentId, locale: 'en', status: 'published', populate: ['feeItems'] });
    await strapi.db.query('clinic-crm.fee-item').update({ where: { id: en.feeItems[1].id }, data: { amount: 7000 } });
    await strapi.plugin('clinic-crm').service('price-table').invalidate();
    expect((await inAllLocales('three-locales-legacy')).en.feeItems[1].amount).toBe(7000);
    await strapi.plugin('clinic-crm').service('price-alignment').alignAll();
    for (const shown of Object.values(await inAllLocales('three-locales-legacy'))) expect(shown.feeItems[1].amount).toBe(8000);
  });
});
