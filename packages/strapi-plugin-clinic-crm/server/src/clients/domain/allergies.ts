/**
 * Free-text allergies against a treatment's structured ingredient list. Staff type allergies as
 * they hear them ("lidocaine、阿斯匹靈", "Lidocaine (rash)"); the catalogue lists ingredients and
 * products one per entry ("Lidocaine", "Hyaluronic acid"). Matching is deliberately generous:
 * a false alarm costs a doctor's review, a miss can cost an anaphylaxis.
 */

/** Names of one substance in the clinic's three languages (and common trade or chemical names). */
export const INGREDIENT_SYNONYMS: string[][] = [
  ['lidocaine', 'lignocaine', 'xylocaine', '利多卡因', '利度卡因'],
  ['hyaluronic acid', 'sodium hyaluronate', 'hyaluronan', '玻尿酸', '透明質酸', '透明质酸'],
  ['botulinum toxin', 'botox', '肉毒桿菌素', '肉毒桿菌毒素', '肉毒杆菌素', '肉毒杆菌毒素', '肉毒素'],
  ['salicylic acid', '水楊酸', '水杨酸'],
  ['glycolic acid', '甘醇酸', '乙醇酸', '果酸'],
  ['polynucleotide', 'pdrn', 'salmon', '多核苷酸', '鮭魚', '鲑鱼'],
];

/** Lower case, full-width Latin and punctuation folded to ASCII (NFKC), single spaces. */
export const normalizeText = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const LATIN = /[a-z0-9]/;

/**
 * Whether `term` occurs in `text` (both normalized). A Latin edge of the term must not touch
 * another Latin letter or digit ("none" is not in "hydroquinone"); Chinese has no word breaks.
 */
export const containsTerm = (text: string, term: string): boolean => {
  if (!term) return false;
  const edgeOk = (neighbour: string | undefined, edge: string) => !LATIN.test(edge) || neighbour === undefined || !LATIN.test(neighbour);
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    if (edgeOk(text[i - 1], term[0]) && edgeOk(text[i + term.length], term[term.length - 1])) return true;
  }
  return false;
};

const CJK = /[\u3400-\u9fff]/;
/** The pieces of an allergy text worth comparing: split at list punctuation and "and/or/和/及". */
const allergyTerms = (text: string) =>
  text
    .split(/[\n,;:.()[\]{}<>、，；：。（）【】「」/／|]+|\s(?:and|or|&)\s|[和及與与或]/)
    .map((t) => t.trim())
    .filter((t) => (CJK.test(t) ? t.length >= 2 : t.replace(/[^a-z0-9]/g, '').length >= 3));

/** Every name an ingredient entry goes by: its own ("A / 甲" gives both) and its synonyms'. */
export const ingredientNames = (entry: string): string[] => {
  const own = normalizeText(entry)
    .split(/[/／]/)
    .map((n) => n.trim())
    .filter(Boolean);
  const names = new Set(own);
  for (const group of INGREDIENT_SYNONYMS) {
    if (group.some((syn) => own.some((n) => containsTerm(n, normalizeText(syn))))) group.forEach((syn) => names.add(normalizeText(syn)));
  }
  return [...names];
};

/** The treatment's ingredient entries (as written in the catalogue) that the client's allergy text names. */
export const matchAllergies = (allergies: unknown, ingredients: unknown): string[] => {
  if (typeof allergies !== 'string' || allergies.trim() === '' || !Array.isArray(ingredients)) return [];
  const text = normalizeText(allergies);
  const terms = allergyTerms(text);
  const hits: string[] = [];
  for (const entry of ingredients) {
    if (typeof entry !== 'string' || entry.trim() === '') continue;
    const names = ingredientNames(entry);
    const named = names.some((name) => containsTerm(text, name) || terms.some((term) => containsTerm(name, term)));
    if (named && !hits.includes(entry.trim())) hits.push(entry.trim());
  }
  return hits;
};
