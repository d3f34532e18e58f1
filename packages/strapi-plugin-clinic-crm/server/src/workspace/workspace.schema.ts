import { z } from 'zod';
import { wholeNumber } from '../core/http/validate';
import { LANGUAGES } from '../core/i18n/locales';

export const EXPORT_KINDS = ['complaints', 'follow-up-tasks'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

/** POST /clinic-crm/import/clients { csv, offset, limit, dryRun } — the file's content is checked by the import (lines, columns). */
export const importClientsBody = z.object(
  {
    offset: wholeNumber('offset must be a whole number ≥ 0', 0, Number.MAX_SAFE_INTEGER, 0),
    limit: wholeNumber('limit must be a whole number from 1 to 1000', 1, 1000, 200),
    dryRun: z.boolean({ error: 'dryRun must be true or false' }).optional(),
    csv: z.string({ error: 'csv must be the text of a CSV file with a header row' }).refine((s) => s.trim() !== '', { error: 'csv must be the text of a CSV file with a header row' }),
  },
  { error: 'body must be an object { csv, offset, limit, dryRun }' }
);
export type ImportClientsInput = z.output<typeof importClientsBody>;

/** GET /clinic-crm/export/:kind */
export const exportParams = z.object({ kind: z.enum(EXPORT_KINDS, { error: `kind must be one of: ${EXPORT_KINDS.join(', ')}` }) });

/** GET /clinic-crm/price-table/preview?locale= */
export const pricePreviewQuery = z.object({ locale: z.enum(LANGUAGES, { error: `locale must be one of: ${LANGUAGES.join(', ')}` }).optional() });

