/**
 * Contraindications recorded on a treatment, matched against a client's health history. Every
 * code a treatment may carry is in CONTRAINDICATIONS, with how it is matched:
 * - `field`: a structured field of the client record (a yes/no question of the health history,
 *   the pregnancy status, a date);
 * - `review`: no structured field; the code matches when the client's free-text history (e.g.
 *   allergies) names one of its keywords, in any of the three languages, and then needs a
 *   doctor's review recorded as an override, like any other match.
 * A treatment's saved codes are checked against this table (an unknown code is a 400), and a code
 * that still is unknown when matched (data from before the check) matches every client: it can
 * only be passed by a doctor's override, never silently. The treatment's `ingredients` are matched
 * against the client's free-text allergies (domain/allergies), as `allergy:<ingredient>`.
 */
import { containsTerm, matchAllergies, normalizeText } from './allergies';
import { DomainValidationError } from '../../core/errors';
import type { Language, Localized } from '../../core/i18n/locales';

export interface HealthFlags {
  pregnancyStatus?: string | null;
  dateOfBirth?: string | null;
  isotretinoinLastTakenAt?: string | null;
  onAnticoagulants?: boolean | null;
  activeSkinInfection?: boolean | null;
  keloidHistory?: boolean | null;
  guardianConsent?: boolean | null;
  photosensitisingMedication?: boolean | null;
  neuromuscularDisease?: boolean | null;
  implantedDevice?: boolean | null;
  metalImplantsInArea?: boolean | null;
  coldUrticaria?: boolean | null;
  herniaInArea?: boolean | null;
  allergies?: string | null;
  medications?: string | null;
  medicalConditions?: string | null;
}

type FreeTextField = 'allergies' | 'medications' | 'medicalConditions';

export type ContraindicationRule = Localized & (
  | { kind: 'field'; fields: Array<keyof HealthFlags>; matches: (client: HealthFlags, today: string) => boolean }
  | { kind: 'review'; fields: FreeTextField[]; keywords: string[] }
);

const monthsBefore = (date: string, months: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

const ageOn = (dob: string, today: string) => {
  const [y, m, d] = dob.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
};

const flag = (field: keyof HealthFlags) => ({ kind: 'field' as const, fields: [field], matches: (c: HealthFlags) => c[field] === true });

export const CONTRAINDICATIONS: Record<string, ContraindicationRule> = {
  pregnancy: { 'zh-Hant': '懷孕', 'zh-Hans': '怀孕', en: 'pregnancy', kind: 'field', fields: ['pregnancyStatus'], matches: (c) => c.pregnancyStatus === 'pregnant' },
  lactation: { 'zh-Hant': '哺乳中', 'zh-Hans': '哺乳中', en: 'breastfeeding', kind: 'field', fields: ['pregnancyStatus'], matches: (c) => c.pregnancyStatus === 'lactating' },
  isotretinoin_6m: {
    'zh-Hant': '六個月內服用 A 酸（isotretinoin）',
    'zh-Hans': '六个月内服用 A 酸（isotretinoin）',
    en: 'isotretinoin within 6 months',
    kind: 'field',
    fields: ['isotretinoinLastTakenAt'],
    matches: (c, today) => !!c.isotretinoinLastTakenAt && c.isotretinoinLastTakenAt >= monthsBefore(today, 6),
  },
  anticoagulants: { 'zh-Hant': '服用抗凝血劑', 'zh-Hans': '服用抗凝血剂', en: 'anticoagulants', ...flag('onAnticoagulants') },
  active_skin_infection: { 'zh-Hant': '皮膚感染中', 'zh-Hans': '皮肤感染中', en: 'active skin infection', ...flag('activeSkinInfection') },
  keloid_history: { 'zh-Hant': '蟹足腫體質', 'zh-Hans': '瘢痕疙瘩体质', en: 'history of keloids', ...flag('keloidHistory') },
  under_18: {
    'zh-Hant': '未滿 18 歲且無監護人同意',
    'zh-Hans': '未满 18 岁且无监护人同意',
    en: 'under 18 without guardian consent',
    kind: 'field',
    fields: ['dateOfBirth', 'guardianConsent'],
    matches: (c, today) => !!c.dateOfBirth && ageOn(c.dateOfBirth, today) < 18 && c.guardianConsent !== true,
  },
  photosensitising_drugs: { 'zh-Hant': '服用光敏感藥物', 'zh-Hans': '服用光敏药物', en: 'photosensitising medication', ...flag('photosensitisingMedication') },
  neuromuscular_disease: { 'zh-Hant': '神經肌肉疾病（如重症肌無力）', 'zh-Hans': '神经肌肉疾病（如重症肌无力）', en: 'neuromuscular disease (e.g. myasthenia gravis)', ...flag('neuromuscularDisease') },
  pacemaker: { 'zh-Hant': '心律調節器或植入式電子裝置', 'zh-Hans': '心脏起搏器或植入式电子装置', en: 'pacemaker or implanted electronic device', ...flag('implantedDevice') },
  metal_implants_area: { 'zh-Hant': '治療部位有金屬植入物', 'zh-Hans': '治疗部位有金属植入物', en: 'metal implants in the treatment area', ...flag('metalImplantsInArea') },
  cold_urticaria: { 'zh-Hant': '寒冷性蕁麻疹', 'zh-Hans': '寒冷性荨麻疹', en: 'cold urticaria', ...flag('coldUrticaria') },
  hernia_area: { 'zh-Hant': '治療部位疝氣', 'zh-Hans': '治疗部位疝气', en: 'hernia in the treatment area', ...flag('herniaInArea') },
  aspirin_allergy: {
    'zh-Hant': '阿斯匹靈／水楊酸鹽過敏（需醫師評估）',
    'zh-Hans': '阿司匹林／水杨酸盐过敏（需医师评估）',
    en: 'aspirin / salicylate allergy (doctor’s review)',
    kind: 'review',
    fields: ['allergies'],
    keywords: ['aspirin', 'acetylsalicylic', 'salicylate', 'salicylic', 'asa', '阿斯匹靈', '阿斯匹林', '阿司匹林', '水楊酸', '水杨酸', '乙醯水楊酸', '乙酰水杨酸'],
  },
};

export const KNOWN_CONTRAINDICATIONS = Object.keys(CONTRAINDICATIONS);

/** Prefix of the code an allergy match is reported under: `allergy:Lidocaine`. */
export const ALLERGY_PREFIX = 'allergy:';

/** A code's name in a language (an allergy match names its ingredient; an unknown code is itself). */
export const contraindicationLabel = (code: string, language: Language): string => {
  if (code.startsWith(ALLERGY_PREFIX)) {
    const what = code.slice(ALLERGY_PREFIX.length);
    return language === 'en' ? `allergy to ${what}` : language === 'zh-Hans' ? `对 ${what} 过敏` : `對 ${what} 過敏`;
  }
  return CONTRAINDICATIONS[code]?.[language] ?? code;
};

/** Every client field the table reads (what a caller must load from the client record). */
export const CONTRAINDICATION_CLIENT_FIELDS: string[] = [
  ...new Set([...Object.values(CONTRAINDICATIONS).flatMap((r) => r.fields as string[]), 'allergies']),
];

const reviewMatches = (rule: { fields: FreeTextField[]; keywords: string[] }, client: HealthFlags) =>
  rule.fields.some((f) => {
    const text = typeof client[f] === 'string' ? normalizeText(client[f] as string) : '';
    return text !== '' && rule.keywords.some((k) => containsTerm(text, normalizeText(k)));
  });

/**
 * The treatment's contraindications that this client's history matches, on the clinic-local date
 * `today`: its codes, then `allergy:<ingredient>` for each listed ingredient the client's allergies name.
 */
export const matchContraindications = (treatmentCodes: unknown, client: HealthFlags, today: string, ingredients?: unknown): string[] => {
  const codes = Array.isArray(treatmentCodes) ? treatmentCodes.filter((c): c is string => typeof c === 'string') : [];
  const hits: string[] = [];
  for (const code of codes) {
    const rule = CONTRAINDICATIONS[code];
    const matched = !rule ? true : rule.kind === 'field' ? rule.matches(client, today) : reviewMatches(rule, client);
    if (matched && !hits.includes(code)) hits.push(code);
  }
  for (const ingredient of matchAllergies(client.allergies, ingredients)) hits.push(`${ALLERGY_PREFIX}${ingredient}`);
  return hits;
};

const MESSAGES = {
  notList: { 'zh-Hant': '禁忌症須為代碼清單。', 'zh-Hans': '禁忌症须为代码清单。', en: 'contraindications must be a list of codes.' },
  unknown: {
    'zh-Hant': (code: string, known: string) => `未知的禁忌症代碼「${code}」，可用代碼：${known}`,
    'zh-Hans': (code: string, known: string) => `未知的禁忌症代码“${code}”，可用代码：${known}`,
    en: (code: string, known: string) => `unknown contraindication code "${code}"; known codes: ${known}`,
  },
  ingredientsNotList: { 'zh-Hant': '成分／產品須為名稱清單。', 'zh-Hans': '成分／产品须为名称清单。', en: 'ingredients must be a list of names.' },
  ingredient: {
    'zh-Hant': '每項成分／產品須為 1 至 120 字的名稱。',
    'zh-Hans': '每项成分／产品须为 1 至 120 字的名称。',
    en: 'each ingredient or product is a name of 1 to 120 characters.',
  },
};

/** Refuses (DomainValidationError naming `contraindications.<i>`) anything but a list of known codes. */
export const assertKnownContraindications = (value: unknown, language: Language): void => {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new DomainValidationError('contraindications', MESSAGES.notList[language]);
  const known = KNOWN_CONTRAINDICATIONS.join(language === 'en' ? ', ' : '、');
  value.forEach((code, i) => {
    if (typeof code !== 'string' || !CONTRAINDICATIONS[code]) throw new DomainValidationError(`contraindications.${i}`, MESSAGES.unknown[language](String(code), known));
  });
};

/** Refuses (naming `ingredients.<i>`) anything but a list of short, non-empty names. */
export const assertIngredients = (value: unknown, language: Language): void => {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.length > 100) throw new DomainValidationError('ingredients', MESSAGES.ingredientsNotList[language]);
  value.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '' || name.length > 120) throw new DomainValidationError(`ingredients.${i}`, MESSAGES.ingredient[language]);
  });
};
