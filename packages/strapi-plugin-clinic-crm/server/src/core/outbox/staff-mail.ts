import type { Core } from '@strapi/strapi';
import { languageOf, pick, type Language } from '../i18n/locales';
import { getService } from '../plugin';

export type MailText = Record<Language, readonly [subject: string, body: string]>;

const fill = (s: string, v: Record<string, unknown>) => s.replace(/\{(\w+)\}/g, (_, k) => String(v[k] ?? '—'));

/**
 * One e-mail per staff member, in their language, through the outbox (the generic
 * `operations_reminder` layout: subject, body, one link). `key` + the recipient's id is the
 * idempotency key: the same notice is never sent twice to the same person (and `key` alone to a
 * department's webhook channel).
 */
export const mailStaff = async (
  strapi: Core.Strapi,
  input: { key: string; recipients: Array<{ id: number; fullName?: string; email?: string | null; preferredLanguage?: string | null }>; text: MailText; values: Record<string, unknown>; link: string }
) => {
  const inputs = input.recipients
    .filter((r) => r.email)
    .map((r) => {
      const language = languageOf(r);
      const [subject, body] = pick(input.text, language);
      return {
        key: `${input.key}:${r.id}`,
        notice: input.key, // a department's webhook channel gets it once
        template: 'operations_reminder',
        language,
        recipientEmail: r.email as string,
        recipientStaff: r.id,
        payload: { recipient: { name: r.fullName }, reminder: { subject: fill(subject, input.values), body: fill(body, input.values) }, links: { admin: input.link } },
      };
    });
  const result = await getService(strapi, 'outbox').enqueueMany(inputs);
  return result.filter((r) => r.created).length;
};
