import { alignPrices, firstPriceDifference, priceFieldsOf, samePrices } from './price-alignment';

const zh = {
  feeItems: [
    { id: 11, code: 'botox-unit', label: '肉毒桿菌素(每單位)', kind: 'included', amount: 160, currency: 'TWD', unit: 'per_unit', minQuantity: 20, note: '依部位' },
    { id: 12, code: 'numbing', label: '表面麻醉', kind: 'add_on', amount: 300, currency: 'TWD', unit: 'one_off', minQuantity: 1 },
  ],
  coursePackages: [{ id: 21, code: 'pack-3', label: '三次套組', sessions: 3, amount: 9000, currency: 'TWD' }],
} as any;

const en = {
  feeItems: [
    { id: 31, code: 'botox-unit', label: 'Botulinum toxin (per unit)', kind: 'included', amount: 150, currency: 'TWD', unit: 'per_unit', minQuantity: 20, note: 'by area' },
    { id: 32, code: 'old-item', label: 'Old item', kind: 'add_on', amount: 1, currency: 'TWD', unit: 'one_off', minQuantity: 1 },
  ],
  coursePackages: [{ id: 41, code: 'pack-3', label: '3-session pack', sessions: 3, amount: 8500, currency: 'TWD' }],
} as any;

describe('one price in every language', () => {
  it('takes every price field from the source and keeps the target’s own texts and component ids', () => {
    const aligned = alignPrices(zh, en);
    expect(aligned.feeItems[0]).toMatchObject({ id: 31, code: 'botox-unit', amount: 160, unit: 'per_unit', minQuantity: 20, label: 'Botulinum toxin (per unit)', note: 'by area' });
    expect(aligned.coursePackages[0]).toMatchObject({ id: 41, amount: 9000, sessions: 3, label: '3-session pack' });
    expect(samePrices(aligned, zh)).toBe(true);
  });

  it('drops items the source no longer has and copies new ones with the source texts, to be translated', () => {
    const aligned = alignPrices(zh, en);
    expect(aligned.feeItems.map((f) => f.code)).toEqual(['botox-unit', 'numbing']);
    expect(aligned.feeItems[1]).toMatchObject({ code: 'numbing', label: '表面麻醉', amount: 300 });
    expect((aligned.feeItems[1] as any).id).toBeUndefined();
  });

  it('tells a difference in price from a difference in texts, and names the first price field that differs', () => {
    expect(samePrices(zh, en)).toBe(false);
    const translatedOnly = { ...zh, feeItems: zh.feeItems.map((f: any) => ({ ...f, label: `${f.label} EN`, note: null })) };
    expect(samePrices(zh, translatedOnly)).toBe(true);
    expect(firstPriceDifference(zh, en)).toBe('feeItems.0.amount');
    expect(firstPriceDifference(zh, alignPrices(zh, en))).toBeNull();
    expect(firstPriceDifference(zh, { feeItems: zh.feeItems.slice(0, 1), coursePackages: zh.coursePackages } as any)).toBe('feeItems.1');
    expect(samePrices(null, { feeItems: [], coursePackages: [] })).toBe(true);
  });

  it('gives the price fields of a row without its texts', () => {
    expect(priceFieldsOf(zh.feeItems[0], 'fee')).toEqual({ code: 'botox-unit', kind: 'included', amount: 160, currency: 'TWD', unit: 'per_unit', minQuantity: 20, effectiveFrom: null, effectiveUntil: null });
    expect(Object.keys(priceFieldsOf(zh.coursePackages[0], 'package'))).toEqual(['code', 'sessions', 'amount', 'currency', 'effectiveFrom', 'effectiveUntil']);
  });
});
