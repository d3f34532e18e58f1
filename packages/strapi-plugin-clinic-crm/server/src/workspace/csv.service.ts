import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { mapHeader, validateRow, type RowError } from '../clients/domain/client-import';
import { csvLine, CsvError, parseCsv } from './domain/csv';
import { formatLocalDateTime } from '../core/time/time';
import { getConfig, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';

export const MAX_IMPORT_ROWS = 20_000;
const EXPORT_PAGE = 500;

export type RowResult =
  | { line: number; result: 'created'; clientNumber: string; documentId: string }
  | { line: number; result: 'exists'; clientNumber: string; documentId: string }
  | { line: number; result: 'error'; errors: RowError[] }
  | { line: number; result: 'valid'; clientNumber: string };

/**
 * Client import and complaint/task export. The admin page drives an import in chunks
 * (`offset`, `limit`) so it can show progress; every call re-reads the whole file, so duplicate
 * numbers across chunks are caught, and a chunk sent twice reports `exists` instead of creating twice
 * (client numbers are unique in the database). Each row is created on its own: a bad row is
 * reported with its line and fields and skipped, never dropped silently.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const plan = (csv: unknown) => {
    if (typeof csv !== 'string' || csv.trim() === '') throw fieldError('csv', 'csv must be the text of a CSV file with a header row');
    let parsed;
    try {
      parsed = parseCsv(csv);
    } catch (e) {
      if (e instanceof CsvError) throw fieldError('csv', e.message);
      throw e;
    }
    if (parsed.rows.length > MAX_IMPORT_ROWS) throw fieldError('csv', `at most ${MAX_IMPORT_ROWS} rows per file (this one has ${parsed.rows.length})`);
    const header = mapHeader(parsed.header);
    if (header.missing.length) throw fieldError('csv', `required columns missing: ${header.missing.join(', ')}`);
    if (header.duplicate.length) throw fieldError('csv', `columns given twice: ${header.duplicate.join(', ')}`);
    const widthErrors = new Map(parsed.width.map((w) => [w.line, w.cells]));
    const seen = new Set<string>();
    const rows = parsed.rows.map((row) => {
      if (widthErrors.has(row.line)) {
        return { ok: false as const, line: row.line, errors: [{ field: 'csv', message: `line has ${widthErrors.get(row.line)} cells, the header has ${parsed.header.length}` }] };
      }
      return validateRow(row, header.columns, seen);
    });
    return { header: parsed.header, columns: header.columns, unknownColumns: header.unknown, rows };
  };

  const staffByEmail = async (emails: string[]) => {
    if (!emails.length) return new Map<string, number>();
    const staff = await strapi.db.query(UID.staffMember).findMany({ where: { email: { $in: emails } }, select: ['id', 'email'] });
    return new Map(staff.map((s: any) => [String(s.email).toLowerCase(), s.id as number]));
  };

  return {
    async importClients(input: { csv?: unknown; offset?: unknown; limit?: unknown; dryRun?: unknown }) {
      const offset = input.offset === undefined ? 0 : Number(input.offset);
      const limit = input.limit === undefined ? 200 : Number(input.limit);
      if (!Number.isInteger(offset) || offset < 0) throw fieldError('offset', 'offset must be a whole number ≥ 0');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw fieldError('limit', 'limit must be a whole number from 1 to 1000');
      if (input.dryRun !== undefined && typeof input.dryRun !== 'boolean') throw fieldError('dryRun', 'dryRun must be true or false');
      const p = plan(input.csv);
      const slice = p.rows.slice(offset, offset + limit);
      const numbers = slice.filter((r) => r.ok).map((r: any) => r.row.data.clientNumber as string);
      const existing = numbers.length
        ? await strapi.db.query(UID.client).findMany({ where: { clientNumber: { $in: numbers } }, select: ['documentId', 'clientNumber'] })
        : [];
      const existingByNumber = new Map(existing.map((c: any) => [c.clientNumber, c.documentId]));
      const staffEmails = new Set<string>();
      for (const r of slice) if (r.ok && r.row.firstContactStaffEmail) staffEmails.add(r.row.firstContactStaffEmail);
      const staff = await staffByEmail([...staffEmails]);

      const results: RowResult[] = [];
      for (const r of slice) {
        if (!r.ok) {
          results.push({ line: r.line, result: 'error', errors: r.errors });
          continue;
        }
        const { data, firstContactStaffEmail, line } = r.row;
        const number = data.clientNumber as string;
        if (existingByNumber.has(number)) {
          results.push({ line, result: 'exists', clientNumber: number, documentId: existingByNumber.get(number)! });
          continue;
        }
        let staffId: number | undefined;
        if (firstContactStaffEmail) {
          staffId = staff.get(firstContactStaffEmail);
          if (!staffId) {
            results.push({ line, result: 'error', errors: [{ field: 'firstContactStaffEmail', message: `no staff member with e-mail ${firstContactStaffEmail}` }] });
            continue;
          }
        }
        if (input.dryRun) {
          results.push({ line, result: 'valid', clientNumber: number });
          continue;
        }
        try {
          const doc = await strapi.documents(UID.client).create({ data: { ...data, ...(staffId ? { firstContactStaff: staffId } : {}) } as any });
          results.push({ line, result: 'created', clientNumber: number, documentId: doc.documentId });
        } catch (e: any) {
          // a concurrent import (or a retried chunk) took the number between our read and this write
          const again = await strapi.db.query(UID.client).findOne({ where: { clientNumber: number }, select: ['documentId'] });
          if (again) results.push({ line, result: 'exists', clientNumber: number, documentId: again.documentId });
          else {
            const details = e?.details?.errors as Array<{ path: string[]; message: string }> | undefined;
            results.push({
              line,
              result: 'error',
              errors: details?.length ? details.map((d) => ({ field: d.path.join('.'), message: d.message })) : [{ field: 'row', message: e?.message ?? 'could not be saved' }],
            });
          }
        }
      }
      const count = (k: RowResult['result']) => results.filter((x) => x.result === k).length;
      return {
        total: p.rows.length,
        offset,
        processed: slice.length,
        nextOffset: offset + slice.length < p.rows.length ? offset + slice.length : null,
        dryRun: input.dryRun === true,
        unknownColumns: p.unknownColumns,
        counts: { created: count('created'), exists: count('exists'), valid: count('valid'), errors: count('error') },
        rows: results,
      };
    },

    exportKinds: ['complaints', 'follow-up-tasks'] as const,

    /** Total rows an export will write (sent ahead as X-Total-Count so the page can show progress). */
    async exportCount(kind: 'complaints' | 'follow-up-tasks') {
      return strapi.db.query(kind === 'complaints' ? UID.complaint : UID.followUpTask).count({});
    },

    /**
     * The export as a stream of CSV lines, read in pages by ascending id (keyset), so rows added
     * meanwhile never shift a page and nothing is skipped or repeated. Private text (descriptions,
     * contact details, clinical notes) is not exported.
     */
    exportStream(kind: 'complaints' | 'follow-up-tasks'): Readable {
      const tz = getConfig(strapi).timeZone;
      const local = (d: unknown) => (d ? formatLocalDateTime(d as string, tz) : '');
      const spec =
        kind === 'complaints'
          ? {
              uid: UID.complaint,
              header: ['referenceNumber', 'receivedAt', 'channel', 'category', 'severity', 'department', 'assignee', 'workflowStatus', 'firstResponseDueAt', 'firstRespondedAt', 'resolutionDueAt', 'resolvedAt', 'breached', 'escalationLevel', 'refundAmount', 'satisfactionScore', 'clientNumber'],
              populate: { assignee: { select: ['fullName'] }, client: { select: ['clientNumber'] } },
              row: (c: any) => [c.referenceNumber, local(c.receivedAt), c.channel, c.category, c.severity, c.department, c.assignee?.fullName, c.workflowStatus, local(c.firstResponseDueAt), local(c.firstRespondedAt), local(c.resolutionDueAt), local(c.resolvedAt), c.breached ? 'yes' : 'no', c.escalationLevel, c.refundAmount, c.satisfactionScore, c.client?.clientNumber],
            }
          : {
              uid: UID.followUpTask,
              header: ['idempotencyKey', 'recordNumber', 'clientNumber', 'step', 'department', 'assignee', 'dueAt', 'taskStatus', 'outcome', 'completedAt', 'escalationLevel'],
              populate: { assignee: { select: ['fullName'] }, treatmentRecord: { select: ['recordNumber'], populate: { client: { select: ['clientNumber'] } } } },
              row: (t: any) => [t.idempotencyKey, t.treatmentRecord?.recordNumber, t.treatmentRecord?.client?.clientNumber, t.step, t.department, t.assignee?.fullName, local(t.dueAt), t.taskStatus, t.outcome, local(t.completedAt), t.escalationLevel],
            };
      let lastId = 0;
      let headerSent = false;
      return new Readable({
        read() {
          if (!headerSent) {
            headerSent = true;
            // BOM: Excel opens UTF-8 Chinese text correctly only with it
            this.push(`\ufeff${csvLine(spec.header)}`);
            return;
          }
          strapi.db
            .query(spec.uid)
            .findMany({ where: { id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit: EXPORT_PAGE, populate: spec.populate as any })
            .then((rows: any[]) => {
              if (rows.length === 0) return this.push(null);
              lastId = rows[rows.length - 1].id;
              this.push(rows.map((r) => csvLine(spec.row(r))).join(''));
            })
            .catch((e: Error) => this.destroy(e));
        },
      });
    },
  };
};
