/**
 * Advertising-claim check. Medical advertising may not promise results or absence of risk
 * (seed document 000: 廣告宣傳不得誇大療效). Text is compared after Unicode NFKC folding
 * (full-width ％ and letters become ASCII), lower-casing and removing white space, so
 * "１００ ％" and "Risk - free" are caught as well as the plain spellings.
 */
export const DEFAULT_CLAIM_PHRASES: string[] = [
  // zh-Hant
  '保證有效', '保證見效', '永久見效', '永久有效', '百分之百', '無副作用', '零風險', '零副作用', '絕對安全', '無痛無風險',
  // zh-Hans
  '保证有效', '保证见效', '永久见效', '永久有效', '无副作用', '零风险', '绝对安全',
  // en
  '100%', 'guaranteed', 'guarantee results', 'permanent results', 'risk-free', 'risk free', 'no side effects', 'zero risk',
];

export interface ClaimViolation {
  field: string;
  phrase: string;
  excerpt: string;
}

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '');

const foldWithIndex = (s: string): { folded: string; origin: number[] } => {
  // Keep, for every folded character, where it came from so the excerpt shows the original text.
  let folded = '';
  const origin: number[] = [];
  [...s].forEach((ch, i) => {
    const f = fold(ch);
    for (const c of f) {
      folded += c;
      origin.push(i);
    }
  });
  return { folded, origin };
};

const toText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(toText).join('\n');
  if (typeof value === 'object') return Object.values(value as object).map(toText).join('\n');
  return String(value);
};

export const findClaims = (fields: Record<string, unknown>, phrases: string[] = DEFAULT_CLAIM_PHRASES): ClaimViolation[] => {
  const needles = phrases.map((p) => ({ phrase: p, folded: fold(p) })).filter((p) => p.folded.length > 0);
  const out: ClaimViolation[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const text = toText(value);
    if (!text) continue;
    const chars = [...text];
    const { folded, origin } = foldWithIndex(text);
    for (const n of needles) {
      const at = folded.indexOf(n.folded);
      if (at === -1) continue;
      const start = origin[at];
      const end = origin[at + n.folded.length - 1] + 1;
      out.push({ field, phrase: n.phrase, excerpt: chars.slice(Math.max(0, start - 10), end + 10).join('') });
    }
  }
  return out;
};
