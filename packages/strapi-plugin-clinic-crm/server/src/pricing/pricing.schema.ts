import { z } from 'zod';
import { CATEGORY_LABELS, resolveLanguage } from '../core/i18n/locales';

const positiveWhole = (name: string, fallback: number) =>
  z
    .unknown()
    .optional()
    .transform((value, c) => {
      if (value === undefined) return fallback;
      const n = Number(value);
      if (Number.isInteger(n) && n >= 1) return n;
      c.addIssue({ code: 'custom', message: `${name} must be a positive whole number` });
      return z.NEVER;
    });

/** GET /clinic-crm/price-history?treatment=<documentId>&locale=&page=&pageSize= */
export const priceHistoryQuery = z.looseObject({
  treatment: z.string({ error: 'treatment must be a treatment documentId' }).max(64, 'treatment must be a treatment documentId').optional(),
  locale: z.string({ error: 'locale must be a locale code' }).optional(),
  page: positiveWhole('page', 1),
  pageSize: positiveWhole('pageSize', 25),
});

const CATEGORIES = Object.keys(CATEGORY_LABELS);

/**
 * GET /api/clinic-crm/price-table?locale=&category= — every other query parameter (filters,
 * populate, fields, sort …) is ignored; an unknown locale reads as the default language.
 */
export const priceTableQuery = z.looseObject({
  locale: z.unknown().optional().transform((v) => resolveLanguage(Array.isArray(v) ? v[0] : v)),
  category: z
    .unknown()
    .optional()
    .refine((v) => v === undefined || (typeof v === 'string' && Object.prototype.hasOwnProperty.call(CATEGORY_LABELS, v)), { message: `category must be one of: ${CATEGORIES.join(', ')}` })
    .transform((v) => v as string | undefined),
});
