import { quote, basePrice, isEffective, diffPrices, selectionOf, PricedTreatment } from './pricing';
import { formatMoney, multiply, sum } from './money';
import { DomainValidationError } from '../../core/errors';

const picosure: PricedTreatment = {
  feeItems: [
    { code: 'consult', label: '醫師諮詢費', kind: 'included', amount: 500, currency: 'TWD', unit: 'one_off' },
    { code: 'laser', label: '皮秒雷射全臉', kind: 'included', amount: 8000, currency: 'TWD', unit: 'per_session' },
    { code: 'numbing', label: '局部麻醉藥膏', kind: 'add_on', amount: 300, currency: 'TWD', unit: 'per_session' },
    { code: 'mask', label: '術後修護面膜', kind: 'add_on', amount: 150, currency: 'TWD', unit: 'per_unit', minQuantity: 2 },
    { code: 'laser-promo', label: '週年慶優惠', kind: 'add_on', amount: 100, currency: 'TWD', unit: 'one_off', effectiveFrom: '2026-12-01', effectiveUntil: '2026-12-31' },
  ],
  coursePackages: [
    { code: 'five', label: '五堂套組', sessions: 5, amount: 36000, currency: 'TWD' },
    { code: 'old-ten', label: '十堂套組(已停售)', sessions: 10, amount: 65000, currency: 'TWD', effectiveUntil: '2026-06-30' },
  ],
};

describe('quote totals', () => {
  it('sums included items at their minimum quantity when nothing is chosen', () => {
    const q = quote(picosure, {}, '2026-11-23');
    expect(q.lines.map((l) => l.code)).toEqual(['consult', 'laser']);
    expect(q.total).toBe(8500);
    expect(q.currency).toBe('TWD');
    expect(basePrice(picosure, '2026-11-23')).toBe(8500);
  });

  it('adds chosen add-ons with quantities', () => {
    const q = quote(picosure, { addOns: [{ code: 'numbing' }, { code: 'mask', quantity: 3 }] }, '2026-11-23');
    expect(q.lines.find((l) => l.code === 'mask')).toMatchObject({ quantity: 3, unitAmount: 150, amount: 450 });
    expect(q.total).toBe(500 + 8000 + 300 + 450);
  });

  it('a package replaces per-session fees but keeps one-off fees', () => {
    const q = quote(picosure, { packageCode: 'five', addOns: [{ code: 'numbing' }] }, '2026-11-23');
    expect(q.lines.map((l) => [l.code, l.amount])).toEqual([
      ['five', 36000],
      ['consult', 500],
      ['numbing', 300],
    ]);
    expect(q.total).toBe(36800);
    expect(q.packageCode).toBe('five');
  });

  it('honours effective dates on items and packages (bounds inclusive)', () => {
    expect(() => quote(picosure, { addOns: [{ code: 'laser-promo' }] }, '2026-11-30')).toThrow(/not offered/);
    expect(quote(picosure, { addOns: [{ code: 'laser-promo' }] }, '2026-12-01').total).toBe(8600);
    expect(quote(picosure, { addOns: [{ code: 'laser-promo' }] }, '2026-12-31').total).toBe(8600);
    expect(() => quote(picosure, { addOns: [{ code: 'laser-promo' }] }, '2027-01-01')).toThrow(/not offered/);
    expect(quote(picosure, { packageCode: 'old-ten' }, '2026-06-30').total).toBe(65500);
    expect(() => quote(picosure, { packageCode: 'old-ten' }, '2026-07-01')).toThrow(DomainValidationError);
    expect(isEffective({ effectiveFrom: null, effectiveUntil: null }, '1999-01-01')).toBe(true);
  });

  it('names the offending field for bad selections', () => {
    const attempt = (sel: any) => {
      try {
        quote(picosure, sel, '2026-11-23');
      } catch (e) {
        return (e as DomainValidationError).path;
      }
      return 'no error';
    };
    expect(attempt({ addOns: [{ code: 'numbing' }, { code: 'nope' }] })).toBe('addOns[1].code');
    expect(attempt({ addOns: [{ code: 'laser' }] })).toBe('addOns[0].code'); // included item is not an add-on
    expect(attempt({ addOns: [{ code: 'mask', quantity: 1 }] })).toBe('addOns[0].quantity'); // below minimum
    expect(attempt({ addOns: [{ code: 'mask', quantity: 2.5 }] })).toBe('addOns[0].quantity');
    expect(attempt({ addOns: [{ code: 'numbing' }, { code: 'numbing' }] })).toBe('addOns[1].code');
    expect(attempt({ packageCode: 'ghost' })).toBe('packageCode');
  });

  it('refuses mixed currencies and fractional amounts', () => {
    const mixed: PricedTreatment = {
      feeItems: [
        { code: 'a', label: 'a', kind: 'included', amount: 1, currency: 'TWD', unit: 'one_off' },
        { code: 'b', label: 'b', kind: 'included', amount: 1, currency: 'USD', unit: 'one_off' },
      ],
    };
    expect(() => quote(mixed, {}, '2026-01-01')).toThrow(/one currency/);
    const fractional: PricedTreatment = { feeItems: [{ code: 'a', label: 'a', kind: 'included', amount: 10.5, unit: 'one_off' }] };
    expect(() => quote(fractional, {}, '2026-01-01')).toThrow(/integer/);
  });

  it('uses integer arithmetic only', () => {
    expect(multiply(1999, 3)).toBe(5997);
    expect(sum([1, 2, 3])).toBe(6);
    expect(() => multiply(Number.MAX_SAFE_INTEGER, 2)).toThrow(/overflow/);
    // one format per currency in every language: NT$ is never a bare "$"
    for (const language of ['zh-Hant', 'zh-Hans', 'en']) expect(formatMoney(8000, 'TWD', language)).toBe('NT$8,000');
    expect(formatMoney(1234567, 'TWD', 'zh-Hant')).toBe('NT$1,234,567');
    expect(formatMoney(-500, 'TWD', 'en')).toBe('-NT$500');
    expect(formatMoney(123456, 'USD', 'en')).toBe('US$1,234.56');
  });
});

describe('price diff', () => {
  it('reports added, removed and changed items by code', () => {
    const after: PricedTreatment = {
      feeItems: [
        { ...picosure.feeItems![1], amount: 8800 },
        { code: 'new', label: '新項目', kind: 'add_on', amount: 200, unit: 'one_off' },
      ],
      coursePackages: picosure.coursePackages,
    };
    const before: PricedTreatment = { feeItems: picosure.feeItems!.slice(0, 2), coursePackages: picosure.coursePackages };
    const d = diffPrices(before, after);
    expect(d.map((x) => [x.code, x.change])).toEqual([
      ['laser', 'changed'],
      ['new', 'added'],
      ['consult', 'removed'],
    ]);
    expect(d[0].fields).toEqual(['amount']);
    expect(d[0].before!.amount).toBe(8000);
    expect(d[0].after!.amount).toBe(8800);
    expect(diffPrices(picosure, picosure)).toEqual([]);
  });
});

describe('the options a quote was made from', () => {
  const botox: PricedTreatment = {
    feeItems: [
      { code: 'consult', label: '諮詢', kind: 'included', amount: 500, currency: 'TWD', unit: 'one_off' },
      { code: 'unit', label: '肉毒桿菌素（每單位）', kind: 'included', amount: 150, currency: 'TWD', unit: 'per_unit', minQuantity: 20 },
      { code: 'numbing', label: '麻醉', kind: 'add_on', amount: 300, currency: 'TWD', unit: 'per_session' },
    ],
  };
  it('gives back the choices, so the same quote is priced again', () => {
    const chosen = { quantities: { unit: 30 }, addOns: [{ code: 'numbing', quantity: 1 }] };
    const signed = quote(botox, chosen, '2026-11-24');
    expect(selectionOf(signed)).toEqual({ addOns: [{ code: 'numbing', quantity: 1 }], quantities: { unit: 30 }, packageCode: null });
    expect(quote(botox, selectionOf(signed), '2026-11-24')).toEqual(signed);
    expect(selectionOf(quote(picosure, { packageCode: 'five' }, '2026-11-24'))).toMatchObject({ packageCode: 'five', quantities: {} });
    expect(selectionOf(null)).toEqual({ addOns: [], quantities: {}, packageCode: null });
  });
});

