/**
 * JSON with object keys sorted at every level: the same content always gives the same bytes. One
 * encoding for the consent hash and for the evidence ledger's digests and MACs (values are plain
 * JSON there: dates are ISO strings before they get here).
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(',')}}`;
};
