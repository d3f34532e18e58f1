import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { mapHeader, validateRow, type RowError } from '../clients/domain/client-import';
import { csvLine, CsvError, parseCsv } from './domain/csv';
import { formatLocalDateTime } from '../core/time/time';
import { getConfig, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import type { ExportKind, ImportClientsInput } from './workspace.schema';

export const MAX_IMPORT_ROWS = 20_000;
const EXPORT_PAGE = 500;

/** A complaint or follow-up task row with the relations the export populates. */
interface ExportRow {
  id: number;
  assignee?: { fullName: string } | null;
  client?: { clientNumber: string } | null;
  treatmentRecord?: { recordNumber: string; client?: { clientNumber: string } | null } | null;
  [column: string]: unknown;
}
interface ExportSpec {
  uid: string;
  header: string[];
  populate: Record<string, unknown>;
  row: (r: ExportRow) => unknown[];
}

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
  /** The file's content (the body's shape was checked at the edge): header, width and every row. */
  const plan = (csv: string) => {
    let parsed: ReturnType<typeof parseCsv>;
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
    const staff: Array<{ id: number; email: string | null }> = await strapi.db.query(UID.staffMember).findMany({ where: { email: { $in: emails } }, select: ['id', 'email'] });
    return new Map(staff.map((s) => [String(s.email).toLowerCase(), s.id]));
  };

  return {
    async importClients(input: ImportClientsInput) {
      const { offset, limit } = input;
      const p = plan(input.csv);
      const slice = p.rows.slice(offset, offset + limit);
      const numbers = slice.flatMap((r) => (r.ok ? [r.row.data.clientNumber as string] : []));
      const existing: Array<{ documentId: string; clientNumber: string }> = numbers.length
        ? await strapi.db.query(UID.client).findMany({ where: { clientNumber: { $in: numbers } }, select: ['documentId', 'clientNumber'] })
        : [];
      const existingByNumber = new Map(existing.map((c) => [c.clientNumber, c.documentId]));
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
          const doc = await strapi.documents(UID.client).create({ data: { ...data, ...(staffId ? { firstContactStaff: staffId } : {}) } });
          results.push({ line, result: 'created', clientNumber: number, documentId: doc.documentId });
        } catch (e: unknown) {
          // a concurrent import (or a retried chunk) took the number between our read and this write
          const again: { documentId: string } | null = await strapi.db.query(UID.client).findOne({ where: { clientNumber: number }, select: ['documentId'] });
          if (again) results.push({ line, result: 'exists', clientNumber: number, documentId: again.documentId });
          else {
            const failure = (e ?? {}) as { message?: string; details?: { errors?: Array<{ path: string[]; message: string }> } };
            const details = failure.details?.errors;
            results.push({
              line,
              result: 'error',
              errors: details?.length ? details.map((d) => ({ field: d.path.join('.'), message: d.message })) : [{ field: 'row', message: failure.message ?? 'could not be saved' }],
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

    /** Total rows an export will write (sent ahead as X-Total-Count so the page can show progress). */
    async exportCount(kind: ExportKind): Promise<number> {
      return strapi.db.query(kind === 'complaints' ? UID.complaint : UID.followUpTask).count({});
    },

    /**
     * The export as a stream of CSV lines, read in pages by ascending id (keyset), so rows added
     * meanwhile never shift a page and nothing is skipped or repeated. Private text (descriptions,
     * contact details, clinical notes) is not exported.
     */
    exportStream(kind: ExportKind): Readable {
      const tz = getConfig(strapi).timeZone;
      const local = (d: unknown) => (d ? formatLocalDateTime(d as string, tz) : '');
      const spec: ExportSpec =
        kind === 'complaints'
          ? {
              uid: UID.complaint,
              header: ['referenceNumber', 'receivedAt', 'channel', 'category', 'severity', 'department', 'assignee', 'workflowStatus', 'firstResponseDueAt', 'firstRespondedAt', 'resolutionDueAt', 'resolvedAt', 'breached', 'escalationLevel', 'refundAmount', 'satisfactionScore', 'clientNumber'],
              populate: { assignee: { select: ['fullName'] }, client: { select: ['clientNumber'] } },
              row: (c) => [c.referenceNumber, local(c.receivedAt), c.channel, c.category, c.severity, c.department, c.assignee?.fullName, c.workflowStatus, local(c.firstResponseDueAt), local(c.firstRespondedAt), local(c.resolutionDueAt), local(c.resolvedAt), c.breached ? 'yes' : 'no', c.escalationLevel, c.refundAmount, c.satisfactionScore, c.client?.clientNumber],
            }
          : {
              uid: UID.followUpTask,
              header: ['idempotencyKey', 'recordNumber', 'clientNumber', 'step', 'department', 'assignee', 'dueAt', 'taskStatus', 'outcome', 'completedAt', 'escalationLevel'],
              populate: { assignee: { select: ['fullName'] }, treatmentRecord: { select: ['recordNumber'], populate: { client: { select: ['clientNumber'] } } } },
              row: (t) => [t.idempotencyKey, t.treatmentRecord?.recordNumber, t.treatmentRecord?.client?.clientNumber, t.step, t.department, t.assignee?.fullName, local(t.dueAt), t.taskStatus, t.outcome, local(t.completedAt), t.escalationLevel],
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
            .findMany({ where: { id: { $gt: lastId } }, orderBy: { id: 'asc' }, limit: EXPORT_PAGE, populate: spec.populate })
            .then((rows: ExportRow[]) => {
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
