/**
 * One price in every language. A treatment's fee items and course packages are stored per locale
 * (their labels and notes are translated), but everything that makes the price — code, kind,
 * amount, currency, unit, quantities, sessions, validity dates — must be the same in every locale.
 * The locale that was just written is the source; every other locale takes its price fields and
 * keeps its own texts (matched by code). An item the other locale does not have yet is copied with
 * the source's texts, to be translated.
 */
import type { CoursePackage, FeeItem, PricedTreatment } from './pricing';

export const FEE_PRICE_FIELDS = ['code', 'kind', 'amount', 'currency', 'unit', 'minQuantity', 'effectiveFrom', 'effectiveUntil'] as const;
export const PACKAGE_PRICE_FIELDS = ['code', 'sessions', 'amount', 'currency', 'effectiveFrom', 'effectiveUntil'] as const;
const TEXT_FIELDS = ['label', 'note'] as const;

/** A fee item or a package row (component id included); fields are named by the lists above. */
type Row = Partial<FeeItem> & Partial<CoursePackage> & { id?: number };
type Field = keyof Row;

const pickFields = (row: Row | undefined, fields: readonly Field[]): Row =>
  Object.fromEntries(fields.map((f) => [f, row?.[f] ?? null])) as Row;

const alignList = (source: readonly Row[] | null | undefined, target: readonly Row[] | null | undefined, priceFields: readonly Field[]): Row[] => {
  const own = new Map((target ?? []).map((row) => [row.code, row]));
  return (source ?? []).map((row) => {
    const mine = own.get(row.code);
    const texts = mine ? pickFields(mine, TEXT_FIELDS) : pickFields(row, TEXT_FIELDS);
    return { ...(mine?.id !== undefined ? { id: mine.id } : {}), ...pickFields(row, priceFields), ...texts };
  });
};

const priceKey = (rows: readonly Row[] | null | undefined, fields: readonly Field[]) => JSON.stringify((rows ?? []).map((r) => pickFields(r, fields)));

/** True when both have the same items, in the same order, at the same prices (texts aside). */
export const samePrices = (a: PricedTreatment | null | undefined, b: PricedTreatment | null | undefined): boolean =>
  priceKey(a?.feeItems, FEE_PRICE_FIELDS) === priceKey(b?.feeItems, FEE_PRICE_FIELDS) &&
  priceKey(a?.coursePackages, PACKAGE_PRICE_FIELDS) === priceKey(b?.coursePackages, PACKAGE_PRICE_FIELDS);

/** The target locale's fee items and packages re-priced from the source (component ids kept). */
export const alignPrices = (source: PricedTreatment, target: PricedTreatment): { feeItems: FeeItem[]; coursePackages: CoursePackage[] } => ({
  feeItems: alignList(source.feeItems, target.feeItems, FEE_PRICE_FIELDS) as FeeItem[],
  coursePackages: alignList(source.coursePackages, target.coursePackages, PACKAGE_PRICE_FIELDS) as CoursePackage[],
});

/** The price fields of one fee item or package, to write over a row of another locale in place. */
export const priceFieldsOf = (row: Row, kind: 'fee' | 'package'): Row => pickFields(row, kind === 'fee' ? FEE_PRICE_FIELDS : PACKAGE_PRICE_FIELDS);

/** The first price field where `other` differs from `source`, as a path ("feeItems.1.amount"). */
export const firstPriceDifference = (source: PricedTreatment, other: PricedTreatment): string | null => {
  const lists = [
    ['feeItems', FEE_PRICE_FIELDS],
    ['coursePackages', PACKAGE_PRICE_FIELDS],
  ] as const;
  for (const [name, fields] of lists) {
    const a: readonly Row[] = source[name] ?? [];
    const b: readonly Row[] = other[name] ?? [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (!a[i] || !b[i]) return `${name}.${i}`;
      const field = fields.find((f) => (a[i][f] ?? null) !== (b[i][f] ?? null));
      if (field) return `${name}.${i}.${field}`;
    }
  }
  return null;
};
