import { z } from 'zod';
import { dataOf } from '../core/http/validate';
import { isLanguage, type Language } from '../core/i18n/locales';

/** The fields of a desk form (`{ data: {…} }` or the fields themselves); anything else reads as empty. */
export const deskBody = (body: unknown): Record<string, unknown> => {
  const b = dataOf(body);
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** GET /clinic-crm/desk/clients?q= — at most 100 characters are searched. */
export const clientSearchQuery = z.looseObject({ q: z.unknown().optional().transform((v) => (typeof v === 'string' ? v.slice(0, 100) : '')) });

/** GET /clinic-crm/desk/complaints?status=open|all&mine=true */
export const complaintListQuery = z.looseObject({
  status: z.unknown().optional().transform((v): 'open' | 'all' => (v === 'all' ? 'all' : 'open')),
  mine: z.unknown().optional().transform((v) => v === 'true'),
});

/** GET /clinic-crm/desk/treatments?locale= — a language this clinic writes in, or none (the request's). */
export const treatmentsQuery = z.looseObject({ locale: z.unknown().optional().transform((v): Language | undefined => (isLanguage(v) ? v : undefined)) });

/** GET /clinic-crm/desk/record-context?client=&treatment= — both documentIds are required. */
export const recordContextQuery = z
  .looseObject({ client: z.unknown().optional().transform(text), treatment: z.unknown().optional().transform(text) })
  .superRefine((v, c) => {
    if (!v.client) c.addIssue({ code: 'custom', path: ['client'], message: 'client is required' });
    else if (!v.treatment) c.addIssue({ code: 'custom', path: ['treatment'], message: 'treatment is required' });
  })
  .transform((v) => ({ client: v.client as string, treatment: v.treatment as string }));

/** POST /clinic-crm/desk/quote and /desk/consents/preview — the choice to price; the records and options are checked by the pricing and consent services. */
export const quoteBody = z.looseObject({
  client: z.unknown().optional(),
  treatment: z.unknown().optional(),
  priceSnapshot: z.unknown().optional(),
});
export const previewBody = quoteBody.extend({ contraindicationOverride: z.unknown().optional() });
export type PreviewInput = z.output<typeof previewBody>;

const RECORD_FIELDS = ['client', 'treatment', 'practitioner', 'performedAt', 'priceSnapshot', 'productBatchNumbers', 'notes', 'priceApproval'];

/**
 * POST /clinic-crm/desk/treatment-records — what the screen chooses; the record number, consent,
 * frozen price and SOP versions are the server's (a field of those is a 400 naming it).
 */
export const recordTreatmentBody = z
  .record(z.string(), z.unknown())
  .superRefine((b, c) => {
    const extra = Object.keys(b).find((key) => !RECORD_FIELDS.includes(key));
    if (extra !== undefined) return void c.addIssue({ code: 'custom', path: [extra], message: `${extra} is set by the server` });
    if (typeof b.performedAt !== 'string' || Number.isNaN(Date.parse(b.performedAt))) return void c.addIssue({ code: 'custom', path: ['performedAt'], message: 'performedAt must be a date and time' });
    if (typeof b.practitioner !== 'string' || !b.practitioner) c.addIssue({ code: 'custom', path: ['practitioner'], message: 'choose who performed the treatment' });
  })
  .transform((b) => ({ ...b, performedAt: new Date(b.performedAt as string).toISOString() }));
export type RecordTreatmentInput = z.output<typeof recordTreatmentBody>;
