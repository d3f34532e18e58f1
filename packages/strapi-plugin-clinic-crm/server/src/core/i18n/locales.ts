/** Languages the clinic works in. zh-Hant is the default and the fallback for everything. */
export const LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-Hant';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** A person's preferred language when it is one of ours, zh-Hant otherwise. */
export const languageOf = (person: { preferredLanguage?: unknown } | null | undefined): Language =>
  isLanguage(person?.preferredLanguage) ? person!.preferredLanguage : DEFAULT_LANGUAGE;

/** Accepts common spellings (zh-TW, zh_hant, zh-CN, en-US …) and falls back to zh-Hant. */
export const resolveLanguage = (value: unknown): Language => {
  if (typeof value !== 'string' || value.trim() === '') return DEFAULT_LANGUAGE;
  const v = value.trim().toLowerCase().replace('_', '-');
  if (v === 'zh-hant' || v === 'zh-tw' || v === 'zh-hk' || v === 'zh-mo') return 'zh-Hant';
  if (v === 'zh-hans' || v === 'zh-cn' || v === 'zh-sg' || v === 'zh') return 'zh-Hans';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return DEFAULT_LANGUAGE;
};

export type Localized<T = string> = Record<Language, T>;

export const pick = <T>(table: Localized<T>, language: Language): T => table[language] ?? table[DEFAULT_LANGUAGE];

export const CATEGORY_LABELS: Record<string, Localized> = {
  consultation: { 'zh-Hant': '諮詢評估', 'zh-Hans': '咨询评估', en: 'Consultation' },
  injectables: { 'zh-Hant': '微整注射', 'zh-Hans': '微整注射', en: 'Injectables' },
  laser: { 'zh-Hant': '雷射光療', 'zh-Hans': '激光光疗', en: 'Laser & light' },
  energy_devices: { 'zh-Hant': '電波音波拉提', 'zh-Hans': '射频超声提拉', en: 'RF & ultrasound lifting' },
  skin_care: { 'zh-Hant': '皮膚保養', 'zh-Hans': '皮肤护理', en: 'Skin care' },
  peels: { 'zh-Hant': '換膚療程', 'zh-Hans': '换肤疗程', en: 'Chemical peels' },
  body_contouring: { 'zh-Hant': '身體雕塑', 'zh-Hans': '身体塑形', en: 'Body contouring' },
  hair_removal: { 'zh-Hant': '除毛', 'zh-Hans': '脱毛', en: 'Hair removal' },
};

export const CATEGORY_ORDER = Object.keys(CATEGORY_LABELS);

export const UNIT_LABELS: Record<string, Localized> = {
  per_session: { 'zh-Hant': '每次', 'zh-Hans': '每次', en: 'per session' },
  per_area: { 'zh-Hant': '每部位', 'zh-Hans': '每部位', en: 'per area' },
  per_unit: { 'zh-Hant': '每單位', 'zh-Hans': '每单位', en: 'per unit' },
  per_syringe: { 'zh-Hant': '每支', 'zh-Hans': '每支', en: 'per syringe' },
  per_course: { 'zh-Hant': '每療程', 'zh-Hans': '每疗程', en: 'per course' },
  one_off: { 'zh-Hant': '單次收費', 'zh-Hans': '单次收费', en: 'one-off' },
};

export const KIND_LABELS: Record<string, Localized> = {
  included: { 'zh-Hant': '基本費用（已含）', 'zh-Hans': '基本费用（已含）', en: 'Included in base price' },
  add_on: { 'zh-Hant': '自選加購', 'zh-Hans': '自选加购', en: 'Optional add-on' },
};

export const COMPLAINT_CATEGORY_LABELS: Record<string, Localized> = {
  service_attitude: { 'zh-Hant': '服務態度', 'zh-Hans': '服务态度', en: 'Service attitude' },
  price_billing: { 'zh-Hant': '價格與收費', 'zh-Hans': '价格与收费', en: 'Price / billing' },
  result_below_expectation: { 'zh-Hant': '效果不如預期', 'zh-Hans': '效果不如预期', en: 'Result below expectation' },
  side_effect: { 'zh-Hant': '副作用/併發症', 'zh-Hans': '副作用/并发症', en: 'Side effect / complication' },
  product_reaction: { 'zh-Hant': '產品過敏反應', 'zh-Hans': '产品过敏反应', en: 'Product reaction' },
  hygiene_safety: { 'zh-Hant': '衛生與安全', 'zh-Hans': '卫生与安全', en: 'Hygiene / safety' },
  privacy: { 'zh-Hant': '隱私', 'zh-Hans': '隐私', en: 'Privacy' },
  other: { 'zh-Hant': '其他', 'zh-Hans': '其他', en: 'Other' },
};
