import { fieldErrors, FieldError } from './errors';
import { COMPLAINT_CATEGORY_LABELS, LANGUAGES } from '../domain/locales';

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
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
// Control characters other than tab / newline, and the Unicode bidi overrides, are refused.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

const text = (errors: FieldError[], body: Record<string, unknown>, field: string, opts: { required?: boolean; min?: number; max: number }) => {
  const v = body[field];
  if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
    if (opts.required) errors.push({ path: field, message: `${field} is required` });
    return null;
  }
  if (typeof v !== 'string') {
    errors.push({ path: field, message: `${field} must be text` });
    return null;
  }
  const t = v.trim();
  if (CONTROL.test(t)) errors.push({ path: field, message: `${field} contains control characters` });
  else if (opts.min && [...t].length < opts.min) errors.push({ path: field, message: `${field} must be at least ${opts.min} characters` });
  else if ([...t].length > opts.max) errors.push({ path: field, message: `${field} must be at most ${opts.max} characters` });
  return t;
};

/**
 * The public complaint form. Returns the clean input, `{ spam: true }` when the honeypot field is
 * filled, or throws one 400 naming every bad field.
 */
export const validateIntake = (raw: unknown): IntakeInput | { spam: true } => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw fieldErrors([{ path: 'data', message: 'the body must be a JSON object' }]);
  const body = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(body)) if (!ALLOWED.has(key)) errors.push({ path: key, message: `${key} is not a field of the complaint form` });

  // Honeypot: a field people never see. Bots fill it; they get a normal-looking answer and nothing is stored.
  if (body.website !== undefined && body.website !== null && body.website !== '') return { spam: true };

  const name = text(errors, body, 'name', { required: true, max: 120 });
  const phone = text(errors, body, 'phone', { max: 32 });
  const email = text(errors, body, 'email', { max: 254 });
  const description = text(errors, body, 'description', { required: true, min: 10, max: 4000 });
  const treatmentName = text(errors, body, 'treatmentName', { max: 160 });
  const treatmentDate = text(errors, body, 'treatmentDate', { max: 10 });
  if (phone && !PHONE.test(phone)) errors.push({ path: 'phone', message: 'phone must be a phone number (digits, spaces, +, -, parentheses)' });
  if (email && !EMAIL.test(email)) errors.push({ path: 'email', message: 'email must be an email address' });
  if (!phone && !email && !errors.some((e) => e.path === 'phone' || e.path === 'email')) {
    errors.push({ path: 'phone', message: 'phone or email is required so that the clinic can answer' });
  }
  if (treatmentDate && (!/^\d{4}-\d{2}-\d{2}$/.test(treatmentDate) || Number.isNaN(Date.parse(`${treatmentDate}T00:00:00Z`)) || treatmentDate > new Date().toISOString().slice(0, 10))) {
    errors.push({ path: 'treatmentDate', message: 'treatmentDate must be a past date written YYYY-MM-DD' });
  }
  const category = body.category ?? 'other';
  if (typeof category !== 'string' || !(category in COMPLAINT_CATEGORY_LABELS)) {
    errors.push({ path: 'category', message: `category must be one of: ${Object.keys(COMPLAINT_CATEGORY_LABELS).join(', ')}` });
  }
  const language = body.preferredLanguage ?? 'zh-Hant';
  if (typeof language !== 'string' || !(LANGUAGES as readonly string[]).includes(language)) {
    errors.push({ path: 'preferredLanguage', message: `preferredLanguage must be one of: ${LANGUAGES.join(', ')}` });
  }
  if (body.consentToContact !== true) {
    errors.push({ path: 'consentToContact', message: 'consentToContact must be true: the clinic needs your permission to contact you about this complaint' });
  }
  if (errors.length) throw fieldErrors(errors, `Please check: ${[...new Set(errors.map((e) => e.path))].join(', ')}`);
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
