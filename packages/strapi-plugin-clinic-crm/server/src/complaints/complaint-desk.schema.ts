import type { Language } from '../core/i18n/locales';
import { z } from 'zod';
import { parseInput } from '../core/http/validate';
import { EMAIL, optionalText } from '../core/http/fields';

export const DESK_CHANNELS = ['phone', 'walk_in', 'email', 'social', 'follow_up_call'] as const;
const CATEGORIES: readonly string[] = ['service_attitude', 'price_billing', 'result_below_expectation', 'side_effect', 'product_reaction', 'hygiene_safety', 'privacy', 'other'];
const SEVERITIES: readonly string[] = ['low', 'medium', 'high', 'critical'];

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


/** A form field: trimmed text, or null for anything empty or not text (as the desk form sends it). */
const text = z.unknown().optional().transform(optionalText);
const at = (s: string) => Date.parse(s);

/** The desk form's schema in the staff member's language. */
const deskSchema = (language: Language) => {
  const msg = (key: string) => MESSAGES[key][language];
  const upTo = (max: number) => text.refine((v) => !v || v.length <= max, { message: msg('text') });
  return z
    .object({
      client: text,
      contactName: upTo(100),
      contactPhone: upTo(32),
      contactEmail: text.refine((v) => !v || EMAIL.test(v), { message: msg('contactEmail') }),
      channel: text.transform((v) => v ?? 'phone').refine((v) => (DESK_CHANNELS as readonly string[]).includes(v), { message: msg('channel') }),
      category: text.refine((v): v is string => !!v && CATEGORIES.includes(v), { message: msg('category') }),
      severity: text.transform((v) => v ?? 'medium').refine((v) => SEVERITIES.includes(v), { message: msg('severity') }),
      // one message, the first rule broken (an aborting refine would also skip the cross-field rules below)
      description: text.superRefine((v, ctx) => {
        if (!v || v.length < 5) ctx.addIssue({ code: 'custom', message: msg('description') });
        else if (v.length > 4000) ctx.addIssue({ code: 'custom', message: msg('text') });
      }),
      occurredAt: text
        .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(at(v)) && at(v) <= Date.now() + 60_000), { message: msg('occurredAt') })
        .transform((v) => (v ? new Date(v).toISOString() : null)),
      treatmentRecord: text,
      productBatchNumber: upTo(64),
    })
    .superRefine(
      (b, ctx) => {
        // who complains: a picked client, or a name and a way to answer
        if (b.client) return;
        if (!b.contactName) ctx.addIssue({ code: 'custom', path: ['contactName'], message: msg('contactName') });
        if (!b.contactPhone && !b.contactEmail) ctx.addIssue({ code: 'custom', path: ['contactPhone'], message: msg('contact') });
      },
      { when: () => true }
    )
    .transform((b): DeskIntake => ({ ...b, category: b.category as string, description: b.description as string }));
};

/**
 * A complaint taken by phone or at the desk: only what staff know. The reference, the time it was
 * received, the routing and the SLA clock are the server's; the client (if picked) supplies the
 * contact details that were left empty.
 */
export const validateDeskIntake = (body: unknown, language: Language): DeskIntake =>
  parseInput(deskSchema(language), body && typeof body === 'object' ? body : {});
