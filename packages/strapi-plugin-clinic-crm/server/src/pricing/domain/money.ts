/**
 * Money is an integer number of the currency's minor units. TWD is quoted in whole dollars
 * in Taiwan (no cents in use), so its exponent here is 0; the others use cents.
 * No floating-point arithmetic ever touches an amount.
 */
export const CURRENCY_EXPONENT: Record<string, number> = { TWD: 0, HKD: 2, CNY: 2, USD: 2 };
export const CURRENCIES = Object.keys(CURRENCY_EXPONENT);
export const DEFAULT_CURRENCY = 'TWD';

export const assertMinorUnits = (amount: unknown, field = 'amount'): number => {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`${field} must be a non-negative integer number of minor units`);
  }
  return amount;
};

/** Multiplies an integer amount by an integer quantity, refusing anything that would lose precision. */
export const multiply = (amount: number, quantity: number): number => {
  assertMinorUnits(amount);
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new RangeError('quantity must be a non-negative integer');
  const result = amount * quantity;
  if (!Number.isSafeInteger(result)) throw new RangeError('amount overflow');
  return result;
};

export const sum = (amounts: number[]): number =>
  amounts.reduce((acc, a) => {
    const next = acc + assertMinorUnits(a);
    if (!Number.isSafeInteger(next)) throw new RangeError('amount overflow');
    return next;
  }, 0);

/**
 * Each currency is written the same way in every language, with a symbol that cannot be mistaken
 * for another dollar: "NT$8,000" in 繁體, 简体 and English alike (Intl writes TWD as "$" in zh-TW).
 */
const UNAMBIGUOUS_SYMBOL: Record<string, string> = { TWD: 'NT$', HKD: 'HK$', USD: 'US$', CNY: 'CN¥' };

/**
 * "NT$8,000" style display string, computed from integers only (BigInt keeps the conversion exact
 * for any safe integer). The language does not change it: one format per currency.
 */
export const formatMoney = (amount: number, currency: string, _language = 'zh-Hant'): string => {
  const symbol = UNAMBIGUOUS_SYMBOL[currency] ?? `${currency} `;
  const exponent = CURRENCY_EXPONENT[currency] ?? 2;
  const abs = BigInt(Math.abs(amount));
  const divisor = 10n ** BigInt(exponent);
  const whole = (abs / divisor).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent === 0 ? '' : `.${(abs % divisor).toString().padStart(exponent, '0')}`;
  return `${amount < 0 ? '-' : ''}${symbol}${whole}${fraction}`;
};
