import { z } from 'zod';
import type { Language } from '../core/i18n/locales';
import { say } from '../core/http/language';

const SAY = {
  from: { 'zh-Hant': '請以 YYYY-MM-DD 指定起始日期。', 'zh-Hans': '请以 YYYY-MM-DD 指定起始日期。', en: 'Give the first day as YYYY-MM-DD.' },
  token: { 'zh-Hant': '確認連結不完整，請從通知信重新開啟。', 'zh-Hans': '确认链接不完整，请从通知信重新打开。', en: 'The acknowledgement link is incomplete: open it again from the message.' },
};

/** GET /clinic-crm/on-call/roster?from=YYYY-MM-DD&days=7 */
export const rosterQuery = (language: Language) =>
  z.looseObject({
    from: z
      .string({ error: say(language, SAY.from) })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: say(language, SAY.from) })
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: say(language, SAY.from) }),
    days: z.coerce.number().int().min(1).max(31).default(7),
  });

/** POST /clinic-crm/urgent-pages/acknowledge { token } — the acknowledging person is the session's, never the body's. */
export const acknowledgeSchema = (language: Language) =>
  z.looseObject({
    token: z.string({ error: say(language, SAY.token) }).regex(/^[A-Za-z0-9_-]{43}$/, { error: say(language, SAY.token) }),
    acknowledgedBy: z.unknown().optional(),
  });
