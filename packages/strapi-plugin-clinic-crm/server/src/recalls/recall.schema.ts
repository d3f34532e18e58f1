import { z } from 'zod';
import type { Language } from '../core/i18n/locales';
import { say } from '../core/http/language';
import { RECALL_SAY } from './recall-texts';

const text = z.unknown().optional().transform((v) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : ''));

/** GET /clinic-crm/recalls/search?batch= — the batch as typed (normalised by the service). */
export const recallSearchQuery = (language: Language) =>
  z.looseObject({ batch: text }).superRefine((v, c) => {
    if (v.batch === '') c.addIssue({ code: 'custom', path: ['batch'], message: say(language, RECALL_SAY.batchNeeded) });
    else if (v.batch.length > 64) c.addIssue({ code: 'custom', path: ['batch'], message: say(language, RECALL_SAY.batchTooLong) });
  });

/**
 * POST /clinic-crm/recalls { batchNumber?, reason, complaint?, openedBy? } — a batch number or a
 * complaint that carries one; `openedBy` is only compared with the session (never taken from here).
 */
export const openRecallSchema = (language: Language) =>
  z
    .looseObject({
      batchNumber: text,
      reason: text,
      complaint: z.unknown().optional().transform((v) => (typeof v === 'string' && v.trim() ? v.trim() : null)),
      openedBy: z.unknown().optional(),
    })
    .superRefine((v, c) => {
      if (v.batchNumber === '' && !v.complaint) c.addIssue({ code: 'custom', path: ['batchNumber'], message: say(language, RECALL_SAY.batchNeeded) });
      if (v.batchNumber.length > 64) c.addIssue({ code: 'custom', path: ['batchNumber'], message: say(language, RECALL_SAY.batchTooLong) });
      if (v.reason.length < 5) c.addIssue({ code: 'custom', path: ['reason'], message: say(language, RECALL_SAY.reasonNeeded) });
      else if (v.reason.length > 2000) c.addIssue({ code: 'custom', path: ['reason'], message: say(language, RECALL_SAY.reasonTooLong) });
    });
export type OpenRecallInput = z.output<ReturnType<typeof openRecallSchema>>;
