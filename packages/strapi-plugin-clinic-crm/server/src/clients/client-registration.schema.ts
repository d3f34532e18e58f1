import type { Language } from '../core/i18n/locales';
import { phoneKey } from './domain/client-registration';
import { z } from 'zod';
import { parseInput } from '../core/http/validate';
import { EMAIL, optionalText as text } from '../core/http/fields';

const GENDERS = ['female', 'male', 'other', 'undisclosed'];
const LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'];

const MESSAGES = {
  fullName: { 'zh-Hant': '請填寫客戶姓名（100 字以內）。', 'zh-Hans': '请填写客户姓名（100 字以内）。', en: 'Enter the client’s name (up to 100 characters).' },
  phone: { 'zh-Hant': '請填寫可聯絡的電話號碼（至少 6 位數字）。', 'zh-Hans': '请填写可联系的电话号码（至少 6 位数字）。', en: 'Enter a phone number the client can be reached on (at least 6 digits).' },
  email: { 'zh-Hant': '電子郵件格式不正確。', 'zh-Hans': '电子邮件格式不正确。', en: 'This is not a valid e-mail address.' },
  gender: { 'zh-Hant': '請選擇性別。', 'zh-Hans': '请选择性别。', en: 'Choose a gender.' },
  preferredLanguage: { 'zh-Hant': '請選擇客戶的慣用語言。', 'zh-Hans': '请选择客户的惯用语言。', en: 'Choose the client’s language.' },
  dateOfBirth: { 'zh-Hant': '出生日期須為今天以前的日期。', 'zh-Hans': '出生日期须为今天以前的日期。', en: 'The date of birth must be a past date.' },
  text: { 'zh-Hant': '內容過長。', 'zh-Hans': '内容过长。', en: 'Too long.' },
} satisfies Record<string, Record<Language, string>>;

export interface Registration {
  fullName: string;
  preferredName: string | null;
  phone: string;
  email: string | null;
  gender: string;
  dateOfBirth: string | null;
  preferredLanguage: string;
  aestheticGoals: string | null;
  sharedContact: boolean;
}


type MessageKey = keyof typeof MESSAGES;

/** An optional trimmed text field (empty → null) that, when given, must pass `ok`, else the field's message. */
const textField = (message: string, ok: (t: string) => boolean) =>
  z.unknown().optional().transform((value, ctx) => {
    const t = text(value);
    if (t !== null && !ok(t)) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return t;
  });

/** A trimmed text field that must be given (or have `fallback`) and pass `ok`, else the field's message. */
const requiredText = (message: string, ok: (t: string) => boolean, fallback?: string) =>
  z.unknown().optional().transform((value, ctx) => {
    const t = text(value) ?? fallback ?? null;
    if (t === null || !ok(t)) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return t;
  });

/** The registration form's schema, its messages in `language`. */
export const registrationSchema = (language: Language) => {
  const say = (key: MessageKey) => MESSAGES[key][language];
  const today = () => new Date().toISOString().slice(0, 10);
  return z.preprocess(
    (body) => (body && typeof body === 'object' && !Array.isArray(body) ? body : {}),
    z.object({
      fullName: requiredText(say('fullName'), (t) => t.length <= 100),
      phone: requiredText(say('phone'), (t) => phoneKey(t) !== null && t.length <= 32),
      email: textField(say('email'), (t) => EMAIL.test(t) && t.length <= 254),
      gender: requiredText(say('gender'), (t) => GENDERS.includes(t), 'undisclosed'),
      preferredLanguage: requiredText(say('preferredLanguage'), (t) => LANGUAGES.includes(t), 'zh-Hant'),
      dateOfBirth: textField(say('dateOfBirth'), (t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && !Number.isNaN(Date.parse(t)) && t < today()),
      preferredName: textField(say('text'), (t) => t.length <= 100),
      aestheticGoals: textField(say('text'), (t) => t.length <= 2000),
      sharedContact: z.unknown().optional().transform((v) => v === true),
    })
  );
};

/**
 * The desk's registration form: only what front desk knows at the counter. Every field error is
 * named and worded in the staff member's language; nothing else (number, privacy fields) is taken.
 */
export const validateRegistration = (body: unknown, language: Language): Registration => parseInput(registrationSchema(language), body);
