import { fieldErrors, FieldError } from '../core/http/validation-errors';
import { EMAIL } from '../core/http/fields';
import { COMPLAINT_CATEGORY_LABELS, LANGUAGES, Language, isLanguage } from '../core/i18n/locales';

const FIELD_NAMES: Record<string, Record<Language, string>> = {
  name: { 'zh-Hant': '姓名', 'zh-Hans': '姓名', en: 'name' },
  phone: { 'zh-Hant': '電話', 'zh-Hans': '电话', en: 'phone' },
  email: { 'zh-Hant': '電子郵件', 'zh-Hans': '电子邮件', en: 'email' },
  description: { 'zh-Hant': '意見內容', 'zh-Hans': '意见内容', en: 'description' },
  treatmentName: { 'zh-Hant': '療程名稱', 'zh-Hans': '疗程名称', en: 'treatmentName' },
  treatmentDate: { 'zh-Hant': '療程日期', 'zh-Hans': '疗程日期', en: 'treatmentDate' },
};

/** The public form's messages in the visitor's language ({f} = the field's name, {n} = a number). */
const MESSAGES: Record<string, Record<Language, string>> = {
  required: { 'zh-Hant': '請填寫{f}。', 'zh-Hans': '请填写{f}。', en: '{f} is required' },
  text: { 'zh-Hant': '{f}須為文字。', 'zh-Hans': '{f}须为文字。', en: '{f} must be text' },
  control: { 'zh-Hant': '{f}含有無法使用的控制字元。', 'zh-Hans': '{f}含有无法使用的控制字符。', en: '{f} contains control characters' },
  min: { 'zh-Hant': '{f}至少需要 {n} 個字。', 'zh-Hans': '{f}至少需要 {n} 个字。', en: '{f} must be at least {n} characters' },
  max: { 'zh-Hant': '{f}最多 {n} 個字。', 'zh-Hans': '{f}最多 {n} 个字。', en: '{f} must be at most {n} characters' },
  unknown: { 'zh-Hant': '「{f}」不是此表單的欄位。', 'zh-Hans': '“{f}”不是此表单的字段。', en: '{f} is not a field of the complaint form' },
  phone: { 'zh-Hant': '電話號碼只能包含數字、空格、+、- 與括號。', 'zh-Hans': '电话号码只能包含数字、空格、+、- 与括号。', en: 'phone must be a phone number (digits, spaces, +, -, parentheses)' },
  email: { 'zh-Hant': '電子郵件格式不正確。', 'zh-Hans': '电子邮件格式不正确。', en: 'email must be an email address' },
  contact: { 'zh-Hant': '請留下電話或電子郵件，診所才能回覆您。', 'zh-Hans': '请留下电话或电子邮件，诊所才能回复您。', en: 'phone or email is required so that the clinic can answer' },
  treatmentDate: { 'zh-Hant': '療程日期須為今天以前的日期（YYYY-MM-DD）。', 'zh-Hans': '疗程日期须为今天以前的日期（YYYY-MM-DD）。', en: 'treatmentDate must be a past date written YYYY-MM-DD' },
  category: { 'zh-Hant': '請選擇意見類別。', 'zh-Hans': '请选择意见类别。', en: 'category must be one of: {list}' },
  preferredLanguage: { 'zh-Hant': '語言須為 {list} 之一。', 'zh-Hans': '语言须为 {list} 之一。', en: 'preferredLanguage must be one of: {list}' },
  consentToContact: {
    'zh-Hant': '請勾選同意診所就此意見與您聯繫。',
    'zh-Hans': '请勾选同意诊所就此意见与您联系。',
    en: 'consentToContact must be true: the clinic needs your permission to contact you about this complaint',
  },
  summary: { 'zh-Hant': '請檢查：{list}', 'zh-Hans': '请检查：{list}', en: 'Please check: {list}' },
};

export interface IntakeInput {
  name: string;
  phone: string | null;
  email: string | null;
  category: string;
  description: string;
  treatmentName: string | null;
  treatmentDate: string | null;
  preferredLanguage: string;
}

const ALLOWED = new Set(['name', 'phone', 'email', 'category', 'description', 'treatmentName', 'treatmentDate', 'preferredLanguage', 'consentToContact', 'website']);
const PHONE = /^\+?[0-9][0-9 ()-]{5,19}$/;
// Control characters other than tab / newline, and the Unicode bidi overrides, are refused.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

type Say = (key: string, field?: string, extra?: { n?: number; list?: string }) => string;

const sayer =
  (language: Language): Say =>
  (key, field, extra = {}) =>
    MESSAGES[key][language]
      .replace('{f}', field ? FIELD_NAMES[field]?.[language] ?? field : '')
      .replace('{n}', String(extra.n ?? ''))
      .replace('{list}', extra.list ?? '');

const text = (say: Say, errors: FieldError[], body: Record<string, unknown>, field: string, opts: { required?: boolean; min?: number; max: number }) => {
  const v = body[field];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (opts.required) errors.push({ path: field, message: say('required', field) });
    return null;
  }
  if (typeof v !== 'string') {
    errors.push({ path: field, message: say('text', field) });
    return null;
  }
  const t = v.trim();
  if (CONTROL.test(t)) errors.push({ path: field, message: say('control', field) });
  else if (opts.min && [...t].length < opts.min) errors.push({ path: field, message: say('min', field, { n: opts.min }) });
  else if ([...t].length > opts.max) errors.push({ path: field, message: say('max', field, { n: opts.max }) });
  return t;
};

/**
 * The public complaint form. Returns the clean input, `{ spam: true }` when the honeypot field is
 * filled, or throws one 400 naming every bad field, worded in the form's language (its
 * `preferredLanguage`, else the browser's `fallback`).
 */
export const validateIntake = (raw: unknown, fallback: Language = 'zh-Hant'): IntakeInput | { spam: true } => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fieldErrors([{ path: 'data', message: 'the body must be a JSON object' }]);
  const body = raw as Record<string, unknown>;
  const say = sayer(isLanguage(body.preferredLanguage) ? body.preferredLanguage : fallback);
  const errors: FieldError[] = [];
  for (const key of Object.keys(body)) if (!ALLOWED.has(key)) errors.push({ path: key, message: say('unknown', key) });

  // Honeypot: a field people never see. Bots fill it; they get a normal-looking answer and nothing is stored.
  if (body.website !== undefined && body.website !== null && body.website !== '') return { spam: true };

  const name = text(say, errors, body, 'name', { required: true, max: 120 });
  const phone = text(say, errors, body, 'phone', { max: 32 });
  const email = text(say, errors, body, 'email', { max: 254 });
  const description = text(say, errors, body, 'description', { required: true, min: 10, max: 4000 });
  const treatmentName = text(say, errors, body, 'treatmentName', { max: 160 });
  const treatmentDate = text(say, errors, body, 'treatmentDate', { max: 10 });
  if (phone && !PHONE.test(phone)) errors.push({ path: 'phone', message: say('phone') });
  if (email && !EMAIL.test(email)) errors.push({ path: 'email', message: say('email') });
  if (!phone && !email && !errors.some((e) => e.path === 'phone' || e.path === 'email')) {
    errors.push({ path: 'phone', message: say('contact') });
  }
  if (treatmentDate && (!/^\d{4}-\d{2}-\d{2}$/.test(treatmentDate) || Number.isNaN(Date.parse(`${treatmentDate}T00:00:00Z`)) || treatmentDate > new Date().toISOString().slice(0, 10))) {
    errors.push({ path: 'treatmentDate', message: say('treatmentDate') });
  }
  const category = body.category ?? 'other';
  if (typeof category !== 'string' || !(category in COMPLAINT_CATEGORY_LABELS)) {
    errors.push({ path: 'category', message: say('category', undefined, { list: Object.keys(COMPLAINT_CATEGORY_LABELS).join(', ') }) });
  }
  const language = body.preferredLanguage ?? 'zh-Hant';
  if (typeof language !== 'string' || !(LANGUAGES as readonly string[]).includes(language)) {
    errors.push({ path: 'preferredLanguage', message: say('preferredLanguage', undefined, { list: LANGUAGES.join(', ') }) });
  }
  if (body.consentToContact !== true) {
    errors.push({ path: 'consentToContact', message: say('consentToContact') });
  }
  if (errors.length) throw fieldErrors(errors, say('summary', undefined, { list: [...new Set(errors.map((e) => e.path))].join(', ') }));
  return {
    name: name!,
    phone,
    email,
    category: category as string,
    description: description!,
    treatmentName,
    treatmentDate,
    preferredLanguage: language as string,
  };
};
