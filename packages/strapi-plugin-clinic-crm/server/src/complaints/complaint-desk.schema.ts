import type { Language } from '../core/i18n/locales';
import { fieldErrors, FieldError } from '../core/http/validation-errors';
import { EMAIL, optionalText as text } from '../core/http/fields';

export const DESK_CHANNELS = ['phone', 'walk_in', 'email', 'social', 'follow_up_call'] as const;
const CATEGORIES = ['service_attitude', 'price_billing', 'result_below_expectation', 'side_effect', 'product_reaction', 'hygiene_safety', 'privacy', 'other'];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];

const MESSAGES: Record<string, Record<Language, string>> = {
  contactName: { 'zh-Hant': '請填寫反映人姓名，或選擇客戶。', 'zh-Hans': '请填写反映人姓名，或选择客户。', en: 'Enter who is complaining, or pick the client.' },
  contact: { 'zh-Hant': '請留下電話或電子郵件，才能回覆對方。', 'zh-Hans': '请留下电话或电子邮件，才能回复对方。', en: 'Enter a phone number or e-mail so the clinic can answer.' },
  contactEmail: { 'zh-Hant': '電子郵件格式不正確。', 'zh-Hans': '电子邮件格式不正确。', en: 'This is not a valid e-mail address.' },
  channel: { 'zh-Hant': '請選擇反映管道。', 'zh-Hans': '请选择反映渠道。', en: 'Choose how the complaint came in.' },
  category: { 'zh-Hant': '請選擇客訴類別。', 'zh-Hans': '请选择客诉类别。', en: 'Choose a category.' },
  severity: { 'zh-Hant': '請選擇嚴重程度。', 'zh-Hans': '请选择严重程度。', en: 'Choose a severity.' },
  description: { 'zh-Hant': '請描述發生了什麼事（至少 5 個字）。', 'zh-Hans': '请描述发生了什么事（至少 5 个字）。', en: 'Describe what happened (at least 5 characters).' },
  occurredAt: { 'zh-Hant': '發生時間須為日期與時間，且不晚於現在。', 'zh-Hans': '发生时间须为日期与时间，且不晚于现在。', en: 'When it happened must be a date and time, not in the future.' },
  text: { 'zh-Hant': '內容過長。', 'zh-Hans': '内容过长。', en: 'Too long.' },
};

export interface DeskIntake {
  client: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  channel: string;
  category: string;
  severity: string;
  description: string;
  occurredAt: string | null;
  treatmentRecord: string | null;
  productBatchNumber: string | null;
}


/**
 * A complaint taken by phone or at the desk: only what staff know. The reference, the time it was
 * received, the routing and the SLA clock are the server's; the client (if picked) supplies the
 * contact details that were left empty.
 */
export const validateDeskIntake = (body: any, language: Language): DeskIntake => {
  const b = body && typeof body === 'object' ? body : {};
  const problems: FieldError[] = [];
  const bad = (path: string, key = path) => problems.push({ path, message: MESSAGES[key][language] });
  const client = text(b.client);
  const contactName = text(b.contactName);
  const contactPhone = text(b.contactPhone);
  const contactEmail = text(b.contactEmail);
  if (!client && !contactName) bad('contactName');
  if (!client && !contactPhone && !contactEmail) bad('contactPhone', 'contact');
  if (contactName && contactName.length > 100) bad('contactName', 'text');
  if (contactPhone && contactPhone.length > 32) bad('contactPhone', 'text');
  if (contactEmail && !EMAIL.test(contactEmail)) bad('contactEmail');
  const channel = text(b.channel) ?? 'phone';
  if (!(DESK_CHANNELS as readonly string[]).includes(channel)) bad('channel');
  const category = text(b.category);
  if (!category || !CATEGORIES.includes(category)) bad('category');
  const severity = text(b.severity) ?? 'medium';
  if (!SEVERITIES.includes(severity)) bad('severity');
  const description = text(b.description);
  if (!description || description.length < 5) bad('description');
  else if (description.length > 4000) bad('description', 'text');
  const occurredAt = text(b.occurredAt);
  if (occurredAt && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(occurredAt) || Number.isNaN(Date.parse(occurredAt)) || Date.parse(occurredAt) > Date.now() + 60_000)) bad('occurredAt');
  const productBatchNumber = text(b.productBatchNumber);
  if (productBatchNumber && productBatchNumber.length > 64) bad('productBatchNumber', 'text');
  if (problems.length) throw fieldErrors(problems);
  return {
    client,
    contactName,
    contactPhone,
    contactEmail,
    channel,
    category: category!,
    severity,
    description: description!,
    occurredAt: occurredAt ? new Date(occurredAt).toISOString() : null,
    treatmentRecord: text(b.treatmentRecord),
    productBatchNumber,
  };
};
