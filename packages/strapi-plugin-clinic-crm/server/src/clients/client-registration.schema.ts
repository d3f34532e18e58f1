import { Language } from '../core/i18n/locales';
import { phoneKey } from './domain/client-registration';
import { fieldErrors, FieldError } from '../core/http/validation-errors';
import { EMAIL, optionalText as text } from '../core/http/fields';

const GENDERS = ['female', 'male', 'other', 'undisclosed'];
const LANGUAGES = ['zh-Hant', 'zh-Hans', 'en'];

const MESSAGES: Record<string, Record<Language, string>> = {
  fullName: { 'zh-Hant': '請填寫客戶姓名（100 字以內）。', 'zh-Hans': '请填写客户姓名（100 字以内）。', en: 'Enter the client’s name (up to 100 characters).' },
  phone: { 'zh-Hant': '請填寫可聯絡的電話號碼（至少 6 位數字）。', 'zh-Hans': '请填写可联系的电话号码（至少 6 位数字）。', en: 'Enter a phone number the client can be reached on (at least 6 digits).' },
  email: { 'zh-Hant': '電子郵件格式不正確。', 'zh-Hans': '电子邮件格式不正确。', en: 'This is not a valid e-mail address.' },
  gender: { 'zh-Hant': '請選擇性別。', 'zh-Hans': '请选择性别。', en: 'Choose a gender.' },
  preferredLanguage: { 'zh-Hant': '請選擇客戶的慣用語言。', 'zh-Hans': '请选择客户的惯用语言。', en: 'Choose the client’s language.' },
  dateOfBirth: { 'zh-Hant': '出生日期須為今天以前的日期。', 'zh-Hans': '出生日期须为今天以前的日期。', en: 'The date of birth must be a past date.' },
  text: { 'zh-Hant': '內容過長。', 'zh-Hans': '内容过长。', en: 'Too long.' },
};

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


/**
 * The desk's registration form: only what front desk knows at the counter. Every field error is
 * named and worded in the staff member's language; nothing else (number, privacy fields) is taken.
 */
export const validateRegistration = (body: any, language: Language): Registration => {
  const b = body && typeof body === 'object' ? body : {};
  const problems: FieldError[] = [];
  const bad = (path: string, key = path) => problems.push({ path, message: MESSAGES[key][language] });
  const fullName = text(b.fullName);
  if (!fullName || fullName.length > 100) bad('fullName');
  const phone = text(b.phone);
  if (!phone || !phoneKey(phone) || phone.length > 32) bad('phone');
  const email = text(b.email);
  if (email && (!EMAIL.test(email) || email.length > 254)) bad('email');
  const gender = text(b.gender) ?? 'undisclosed';
  if (!GENDERS.includes(gender)) bad('gender');
  const preferredLanguage = text(b.preferredLanguage) ?? 'zh-Hant';
  if (!LANGUAGES.includes(preferredLanguage)) bad('preferredLanguage');
  const dateOfBirth = text(b.dateOfBirth);
  if (dateOfBirth && (!/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || Number.isNaN(Date.parse(dateOfBirth)) || dateOfBirth >= new Date().toISOString().slice(0, 10))) bad('dateOfBirth');
  const preferredName = text(b.preferredName);
  if (preferredName && preferredName.length > 100) bad('preferredName', 'text');
  const aestheticGoals = text(b.aestheticGoals);
  if (aestheticGoals && aestheticGoals.length > 2000) bad('aestheticGoals', 'text');
  if (problems.length) throw fieldErrors(problems);
  return { fullName: fullName!, preferredName, phone: phone!, email, gender, dateOfBirth, preferredLanguage, aestheticGoals, sharedContact: b.sharedContact === true };
};
