import { DomainValidationError } from '../../core/errors';
import { assertMinorUnits, multiply, sum, DEFAULT_CURRENCY } from './money';

export type FeeKind = 'included' | 'add_on';
export type FeeUnit = 'per_session' | 'per_area' | 'per_unit' | 'per_syringe' | 'per_course' | 'one_off';

export interface FeeItem {
  code: string;
  label: string;
  kind: FeeKind;
  amount: number;
  currency?: string | null;
  unit: FeeUnit;
  minQuantity?: number | null;
  effectiveFrom?: string | null; // YYYY-MM-DD, inclusive
  effectiveUntil?: string | null; // YYYY-MM-DD, inclusive
  note?: string | null;
}

export interface CoursePackage {
  code: string;
  label: string;
  sessions: number;
  amount: number;
  currency?: string | null;
  effectiveFrom?: string | null;
  effectiveUntil?: string | null;
  note?: string | null;
}

export interface PricedTreatment {
  feeItems?: FeeItem[] | null;
  coursePackages?: CoursePackage[] | null;
}

export interface QuoteSelection {
  /** Optional add-ons the client chose, with a quantity (defaults to the item's minimum). */
  addOns?: Array<{ code: string; quantity?: number }>;
  /** Quantities for included items priced per unit/area/syringe (e.g. 40 units of botulinum toxin). */
  quantities?: Record<string, number>;
  /** A course package replacing the per-session included fees. */
  packageCode?: string | null;
}

export interface QuoteLine {
  code: string;
  label: string;
  kind: FeeKind | 'package';
  unit: FeeUnit | 'package';
  unitAmount: number;
  quantity: number;
  amount: number;
  sessions?: number;
}

export interface Quote {
  currency: string;
  priceDate: string;
  packageCode: string | null;
  lines: QuoteLine[];
  total: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const assertDate = (value: string, field = 'date'): string => {
  if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new DomainValidationError(field, `${field} must be a date written YYYY-MM-DD`);
  }
  return value;
};

/** Whether a dated price applies on `date` (both bounds inclusive, open ends allowed). */
export const isEffective = (item: { effectiveFrom?: string | null; effectiveUntil?: string | null }, date: string): boolean =>
  (!item.effectiveFrom || item.effectiveFrom <= date) && (!item.effectiveUntil || date <= item.effectiveUntil);

export const effectiveFeeItems = (t: PricedTreatment, date: string): FeeItem[] => (t.feeItems ?? []).filter((i) => isEffective(i, date));

export const effectivePackages = (t: PricedTreatment, date: string): CoursePackage[] =>
  (t.coursePackages ?? []).filter((p) => isEffective(p, date));

/** Sum of the included items at their minimum quantity: the "from" price a client sees first. */
export const basePrice = (t: PricedTreatment, date: string): number =>
  sum(effectiveFeeItems(t, date).filter((i) => i.kind === 'included').map((i) => multiply(i.amount, i.minQuantity ?? 1)));

const quantityFor = (item: FeeItem, requested: unknown, path: string): number => {
  const min = item.minQuantity ?? 1;
  if (requested === undefined || requested === null) return min;
  if (typeof requested !== 'number' || !Number.isInteger(requested) || requested < min || requested > 10_000) {
    throw new DomainValidationError(path, `${path} must be a whole number between ${min} and 10000`);
  }
  return requested;
};

/**
 * Prices a chosen set of options on a given date. Every line is listed, nothing is hidden:
 * included items (or the chosen package in their place) plus each chosen add-on.
 * With a package, one-off included items (e.g. a consultation fee) still apply.
 */
export const quote = (t: PricedTreatment, selection: QuoteSelection, date: string): Quote => {
  assertDate(date, 'priceDate');
  const items = effectiveFeeItems(t, date);
  const lines: QuoteLine[] = [];
  let packageCode: string | null = null;

  if (selection.packageCode) {
    const pkg = effectivePackages(t, date).find((p) => p.code === selection.packageCode);
    if (!pkg) {
      throw new DomainValidationError('packageCode', `Course package "${selection.packageCode}" is not offered on ${date}`);
    }
    packageCode = pkg.code;
    lines.push({
      code: pkg.code,
      label: pkg.label,
      kind: 'package',
      unit: 'package',
      unitAmount: assertMinorUnits(pkg.amount),
      quantity: 1,
      amount: pkg.amount,
      sessions: pkg.sessions,
    });
  }

  for (const item of items.filter((i) => i.kind === 'included')) {
    if (packageCode && item.unit !== 'one_off') continue;
    const quantity = quantityFor(item, selection.quantities?.[item.code], `quantities.${item.code}`);
    lines.push({
      code: item.code,
      label: item.label,
      kind: 'included',
      unit: item.unit,
      unitAmount: assertMinorUnits(item.amount),
      quantity,
      amount: multiply(item.amount, quantity),
    });
  }

  const chosen = new Set<string>();
  (selection.addOns ?? []).forEach((choice, index) => {
    const path = `addOns[${index}].code`;
    if (!choice || typeof choice.code !== 'string') throw new DomainValidationError(path, `${path} is required`);
    if (chosen.has(choice.code)) throw new DomainValidationError(path, `Add-on "${choice.code}" is chosen twice`);
    chosen.add(choice.code);
    const item = items.find((i) => i.code === choice.code);
    if (!item || item.kind !== 'add_on') {
      throw new DomainValidationError(path, `Add-on "${choice.code}" is not offered on ${date}`);
    }
    const quantity = quantityFor(item, choice.quantity, `addOns[${index}].quantity`);
    lines.push({
      code: item.code,
      label: item.label,
      kind: 'add_on',
      unit: item.unit,
      unitAmount: assertMinorUnits(item.amount),
      quantity,
      amount: multiply(item.amount, quantity),
    });
  });

  const currencies = new Set(
    [...items.map((i) => i.currency || DEFAULT_CURRENCY), ...effectivePackages(t, date).map((p) => p.currency || DEFAULT_CURRENCY)]
  );
  if (currencies.size > 1) {
    throw new DomainValidationError('feeItems', `A treatment must be priced in one currency (found ${[...currencies].join(', ')})`);
  }
  if (lines.length === 0) {
    throw new DomainValidationError('feeItems', `No price is in effect on ${date}`);
  }

  return {
    currency: [...currencies][0] ?? DEFAULT_CURRENCY,
    priceDate: date,
    packageCode,
    lines,
    total: sum(lines.map((l) => l.amount)),
  };
};

/** Fee-item and package changes between two versions of a treatment, keyed by code. */
export interface PriceDiffEntry {
  type: 'fee_item' | 'package';
  code: string;
  change: 'added' | 'removed' | 'changed';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  fields: string[];
}

const FEE_FIELDS = ['label', 'kind', 'amount', 'currency', 'unit', 'minQuantity', 'effectiveFrom', 'effectiveUntil', 'note'] as const;
const PACKAGE_FIELDS = ['label', 'sessions', 'amount', 'currency', 'effectiveFrom', 'effectiveUntil', 'note'] as const;

const normalize = (item: FeeItem | CoursePackage, fields: readonly string[]) => {
  const obj: Record<string, unknown> = { ...item };
  return Object.fromEntries([['code', obj.code], ...fields.map((f) => [f, obj[f] ?? null])]);
};

const diffList = (
  type: PriceDiffEntry['type'],
  before: ReadonlyArray<FeeItem | CoursePackage>,
  after: ReadonlyArray<FeeItem | CoursePackage>,
  fields: readonly string[]
): PriceDiffEntry[] => {
  const out: PriceDiffEntry[] = [];
  const old = new Map(before.map((b) => [b.code, normalize(b, fields)]));
  const now = new Map(after.map((a) => [a.code, normalize(a, fields)]));
  for (const [code, a] of now) {
    const b = old.get(code);
    if (!b) out.push({ type, code, change: 'added', before: null, after: a, fields: [...fields] });
    else {
      const changed = fields.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
      if (changed.length) out.push({ type, code, change: 'changed', before: b, after: a, fields: changed });
    }
  }
  for (const [code, b] of old) if (!now.has(code)) out.push({ type, code, change: 'removed', before: b, after: null, fields: [...fields] });
  return out;
};

export const diffPrices = (before: PricedTreatment | null, after: PricedTreatment | null): PriceDiffEntry[] => [
  ...diffList('fee_item', before?.feeItems ?? [], after?.feeItems ?? [], FEE_FIELDS),
  ...diffList('package', before?.coursePackages ?? [], after?.coursePackages ?? [], PACKAGE_FIELDS),
];

/** Only the price-relevant fields of a treatment, for history rows. */
export const priceView = (t: PricedTreatment | null) =>
  t
    ? {
        feeItems: (t.feeItems ?? []).map((i) => normalize(i, FEE_FIELDS)),
        coursePackages: (t.coursePackages ?? []).map((p) => normalize(p, PACKAGE_FIELDS)),
      }
    : null;

/** Units whose quantity the client chooses (units of toxin, areas, syringes). */
const COUNTED_UNITS = new Set<string>(['per_unit', 'per_area', 'per_syringe']);

/** The options a frozen quote was made from (its lines): what a treatment record starts from. */
export const selectionOf = (snapshot: Partial<Quote> | null | undefined): Required<QuoteSelection> => {
  const lines: QuoteLine[] = Array.isArray(snapshot?.lines) ? snapshot!.lines : [];
  return {
    addOns: lines.filter((l) => l.kind === 'add_on').map((l) => ({ code: l.code, quantity: l.quantity })),
    quantities: Object.fromEntries(lines.filter((l) => l.kind === 'included' && COUNTED_UNITS.has(l.unit)).map((l) => [l.code, l.quantity])),
    packageCode: snapshot?.packageCode ?? null,
  };
};
