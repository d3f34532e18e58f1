import { z } from 'zod';
import { fieldErrors } from '../core/http/validation-errors';
import { EMAIL, optionalText } from '../core/http/fields';
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

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const length = (t: string) => [...t].length;

/** A free-text field: trimmed; empty is missing; control characters, then the length, checked in that order. */
const text = (say: Say, field: string, opts: { required?: boolean; min?: number; max: number }) => {
  const value = z
    .string({ error: (issue) => (issue.input === undefined ? say('required', field) : say('text', field)) })
    // one message per field, the first rule it breaks (an aborting refine would also stop the
    // form's cross-field rules, and the answer must name every bad field)
    .superRefine((t, ctx) => {
      if (CONTROL.test(t)) ctx.addIssue({ code: 'custom', message: say('control', field) });
      else if (opts.min && length(t) < opts.min) ctx.addIssue({ code: 'custom', message: say('min', field, { n: opts.min }) });
      else if (length(t) > opts.max) ctx.addIssue({ code: 'custom', message: say('max', field, { n: opts.max }) });
    });
  return z.preprocess((v) => (blank(v) ? undefined : typeof v === 'string' ? v.trim() : v), opts.required ? value : value.optional());
};

/**
 * The public complaint form in one language: each field's own rules, then the rules across
 * fields (a phone or an e-mail to answer, the formats, the choices, the consent) and the
 * fields the form does not have.
 */
const intakeSchema = (say: Say) =>
  z
    .looseObject({
      name: text(say, 'name', { required: true, max: 120 }),
      phone: text(say, 'phone', { max: 32 }),
      email: text(say, 'email', { max: 254 }),
      description: text(say, 'description', { required: true, min: 10, max: 4000 }),
      treatmentName: text(say, 'treatmentName', { max: 160 }),
      treatmentDate: text(say, 'treatmentDate', { max: 10 }),
    })
    .superRefine(
      (body: Record<string, unknown>, ctx) => {
        const bad = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
        for (const key of Object.keys(body)) if (!ALLOWED.has(key)) bad(key, say('unknown', key));
        const phone = optionalText(body.phone);
        const email = optionalText(body.email);
        if (phone && !PHONE.test(phone)) bad('phone', say('phone'));
        if (email && !EMAIL.test(email)) bad('email', say('email'));
        if (blank(body.phone) && blank(body.email)) bad('phone', say('contact'));
        const treatmentDate = optionalText(body.treatmentDate);
        if (treatmentDate && (!/^\d{4}-\d{2}-\d{2}$/.test(treatmentDate) || Number.isNaN(Date.parse(`${treatmentDate}T00:00:00Z`)) || treatmentDate > new Date().toISOString().slice(0, 10))) {
          bad('treatmentDate', say('treatmentDate'));
        }
        const category = body.category ?? 'other';
        if (typeof category !== 'string' || !(category in COMPLAINT_CATEGORY_LABELS)) bad('category', say('category', undefined, { list: Object.keys(COMPLAINT_CATEGORY_LABELS).join(', ') }));
        const language = body.preferredLanguage ?? 'zh-Hant';
        if (typeof language !== 'string' || !(LANGUAGES as readonly string[]).includes(language)) bad('preferredLanguage', say('preferredLanguage', undefined, { list: LANGUAGES.join(', ') }));
        if (body.consentToContact !== true) bad('consentToContact', say('consentToContact'));
      },
      { when: () => true } // the rules across fields are checked even when a field failed: one answer names every problem
    )
    .transform(
      (body): IntakeInput => ({
        name: body.name as string,
        phone: body.phone ?? null,
        email: body.email ?? null,
        category: (body.category as string | undefined) ?? 'other',
        description: body.description as string,
        treatmentName: body.treatmentName ?? null,
        treatmentDate: body.treatmentDate ?? null,
        preferredLanguage: (body.preferredLanguage as string | undefined) ?? 'zh-Hant',
      })
    );

/** Each language's schema, built once (building one costs more than a parse; the public intake is the busiest write). */
const schemas = new Map<Language, ReturnType<typeof intakeSchema>>();
const schemaIn = (language: Language) => {
  let schema = schemas.get(language);
  if (!schema) {
    schema = intakeSchema(sayer(language));
    schemas.set(language, schema);
  }
  return schema;
};

/**
 * The public complaint form. Returns the clean input, `{ spam: true }` when the honeypot field is
 * filled, or throws one 400 naming every bad field, worded in the form's language (its
 * `preferredLanguage`, else the browser's `fallback`).
 */
export const validateIntake = (raw: unknown, fallback: Language = 'zh-Hant'): IntakeInput | { spam: true } => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fieldErrors([{ path: 'data', message: 'the body must be a JSON object' }]);
  const body = raw as Record<string, unknown>;
  // Honeypot: a field people never see. Bots fill it; they get a normal-looking answer and nothing is stored.
  if (body.website !== undefined && body.website !== null && body.website !== '') return { spam: true };
  const language = isLanguage(body.preferredLanguage) ? body.preferredLanguage : fallback;
  const say = sayer(language);
  const result = schemaIn(language).safeParse(body);
  if (result.success) return result.data;
  // the fields the form does not have first, then the form's order
  const items = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const ordered = [...items.filter((i) => !ALLOWED.has(i.path)), ...items.filter((i) => ALLOWED.has(i.path))];
  throw fieldErrors(ordered, say('summary', undefined, { list: [...new Set(ordered.map((e) => e.path))].join(', ') }));
};
