import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import { getConfig, getService, relationRef, UID } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, type SessionStaff } from '../core/http/session';
import { fieldError } from '../core/http/validation-errors';
import { languageOf } from '../core/i18n/locales';
import { formatLocalDateTime, localDate } from '../core/time/time';
import { followUpTasks } from '../follow-ups/follow-up-task.repository';
import { batchesOf, checkUpOwner, groupByClient, normalizeBatch, recallTaskKey, rotate, type ClientGroup, type MatchedRecord } from './domain/batch';
import { recallRows } from './batch-recall.repository';
import { checkUpPurpose, RECALL_SAY } from './recall-texts';
import type { OpenRecallInput } from './recall.schema';
import type { RecallRow, RecallStaff, RecordRow, StoredMatch, StoredTask } from './types';

/** The check-up is due within a day: a recall is urgent, but the call is made in working hours. */
const CHECK_UP_DUE_MS = 24 * 3_600_000;

type Match = MatchedRecord & { row: RecordRow };

const toMatch = (r: RecordRow): Match => ({
  recordId: r.id,
  recordDocumentId: r.documentId,
  recordNumber: r.recordNumber,
  performedAt: r.performedAt,
  clientId: r.client?.id ?? null,
  clientDocumentId: r.client?.documentId ?? null,
  practitioner: r.practitioner ? { id: r.practitioner.id, department: r.practitioner.department, isActive: r.practitioner.isActive !== false } : null,
  row: r,
});

const treatmentName = (r: RecordRow) => r.priceSnapshot?.treatment?.name ?? r.treatment?.name ?? '';

/** A matched record as the recall page shows it: who, what, when, by whom; never notes or health history. */
const view = (r: RecordRow) => ({
  documentId: r.documentId,
  recordNumber: r.recordNumber,
  performedAt: r.performedAt,
  treatment: treatmentName(r),
  batchNumbers: batchesOf(r.productBatchNumbers),
  client: r.client ? { documentId: r.client.documentId, clientNumber: r.client.clientNumber ?? null, fullName: r.client.fullName ?? null, phone: r.client.phone ?? null } : null,
  practitioner: r.practitioner ? { documentId: r.practitioner.documentId, fullName: r.practitioner.fullName, department: r.practitioner.department } : null,
});

/**
 * Product-batch recall: from a batch number (typed, or a complaint's), every treatment record that
 * used it; then one check-up follow-up task per client with the recall's reason, assigned as the
 * ladder assigns and e-mailed through the outbox (unique keys: running the recall again opens and
 * sends nothing twice). Each run is an append-only `batch-recall` row sealed in the evidence ledger.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = recallRows(strapi);
  const cfg = () => getConfig(strapi);
  const taskLink = (documentId: string) => `${cfg().adminUrl}/content-manager/collection-types/${UID.followUpTask}/${documentId}`;
  const newReference = () => `RC-${localDate(new Date(), cfg().timeZone).replace(/-/g, '')}-${randomBytes(3).toString('hex').slice(0, 5).toUpperCase()}`;

  /** Who calls each client: the practitioner while active, else their department's rotation (as the ladder). */
  const assign = async (groups: Array<ClientGroup<Match>>) => {
    const owners = groups.map(checkUpOwner);
    const pool = await rows.activeStaff([...new Set(owners.filter((o) => o.staffId === null).map((o) => o.department))]);
    return groups.map((g, i): RecallStaff | null => {
      const owner = owners[i];
      if (owner.staffId !== null) return g.records[0].row.practitioner ?? null;
      return rotate(pool.filter((s) => s.department === owner.department), g.records[0].recordId);
    });
  };

  const service = {
    async search(typed: string) {
      const batchKey = normalizeBatch(typed);
      const records = batchKey ? await rows.matchingRecords(batchKey) : [];
      const clients = groupByClient(records.map(toMatch)).length;
      return { batch: typed.trim(), batchKey, records: records.map(view), clients };
    },

    /** Runs the recall as `me` (the signed-in staff member; `account` is their admin login). */
    async open(me: SessionStaff, account: string | null, input: OpenRecallInput) {
      const language = requestLanguage(strapi);
      if (input.openedBy !== undefined && input.openedBy !== null && relationRef(input.openedBy)?.documentId !== me.documentId) {
        throw forbiddenField('openedBy', say(language, RECALL_SAY.openerFromSession));
      }
      const complaint = input.complaint ? await rows.complaint(input.complaint) : null;
      if (input.complaint && !complaint) throw fieldError('complaint', say(language, RECALL_SAY.noSuchComplaint));
      const typed = (input.batchNumber || complaint?.productBatchNumber || '').trim();
      if (!typed) throw fieldError('batchNumber', say(language, RECALL_SAY.complaintHasNoBatch));
      const batchKey = normalizeBatch(typed);
      if (!batchKey || batchKey.length > 64) throw fieldError('batchNumber', say(language, RECALL_SAY.batchTooLong));

      const documentId = await strapi.db.transaction(async ({ trx }) => {
        await rows.lockBatch(trx, batchKey);
        const records = await rows.matchingRecords(batchKey);
        const groups = groupByClient(records.map(toMatch));
        const keys = groups.map((g) => recallTaskKey(batchKey, g.clientDocumentId));
        const existing = new Map((await rows.tasksByKeys(keys)).map((t) => [t.idempotencyKey, t]));
        const fresh = groups.map((g, i) => ({ g, key: keys[i] })).filter(({ key }) => !existing.has(key));
        const assignees = await assign(fresh.map((f) => f.g));
        const now = new Date();
        const dueAt = new Date(now.getTime() + CHECK_UP_DUE_MS);
        const inserted = await followUpTasks(strapi).createMany(
          fresh.map(({ g, key }, i) => ({
            idempotencyKey: key,
            step: '1d',
            stepIndex: 0,
            purpose: checkUpPurpose(typed, input.reason, g.records.map((r) => r.recordNumber ?? r.recordDocumentId)),
            channel: 'phone',
            department: assignees[i]?.department ?? checkUpOwner(g).department,
            dueAt,
            links: { treatmentRecord: g.records[0].recordId, assignee: assignees[i]?.id ?? null },
          }))
        );
        // the normal task e-mail path: the outbox, key `task:<key>:due`, in the assignee's language;
        // staff on the daily digest get it in the morning digest instead
        const tz = cfg().timeZone;
        await getService(strapi, 'outbox').enqueueMany(
          fresh.flatMap(({ g, key }, i) => {
            const assignee = assignees[i];
            if (!assignee?.email || assignee.dailyDigest) return [];
            const client = g.records[0].row.client;
            return [
              {
                key: `task:${key}:due`,
                template: 'recall_check_up',
                language: languageOf(assignee),
                recipientEmail: assignee.email,
                recipientStaff: assignee.id,
                payload: {
                  assignee: { name: assignee.fullName },
                  client: { name: client?.preferredName || client?.fullName || '', phone: client?.phone ?? '' },
                  recall: { batch: typed, reason: input.reason },
                  records: g.records.map((r) => ({ number: r.recordNumber ?? '', treatment: treatmentName(r.row), performedLocal: formatLocalDateTime(r.performedAt, tz) })),
                  task: { dueLocal: formatLocalDateTime(dueAt, tz) },
                  links: { task: taskLink(inserted[i]?.documentId ?? '') },
                },
              },
            ];
          })
        );
        const insertedByKey = new Map(fresh.map(({ key }, i) => [key, { inserted: inserted[i], assignee: assignees[i] }]));
        const tasks: StoredTask[] = groups.map((g, i) => {
          const made = insertedByKey.get(keys[i]);
          const before = existing.get(keys[i]);
          return made
            ? { task: made.inserted.documentId, key: keys[i], client: g.clientDocumentId, assignee: made.assignee?.documentId ?? null, created: true }
            : { task: before?.documentId ?? '', key: keys[i], client: g.clientDocumentId, assignee: before?.assignee?.documentId ?? null, created: false };
        });
        const matchedRecords: StoredMatch[] = records.map((r) => ({ record: r.documentId, recordNumber: r.recordNumber, client: r.client?.documentId ?? null, clientNumber: r.client?.clientNumber ?? null, performedAt: new Date(r.performedAt).toISOString() }));
        const created = await rows.create({
          referenceNumber: newReference(),
          batchNumber: typed,
          batchKey,
          reason: input.reason,
          openedAt: now,
          openedByAccount: account,
          matchedRecords,
          tasks,
          recordsMatched: records.length,
          clientsMatched: groups.length,
          tasksOpened: inserted.length,
          links: { complaint: complaint?.id ?? null, openedBy: me.id },
        });
        await getService(strapi, 'ledger').append([{ kind: 'recall', subjectId: created.documentId }]);
        return created.documentId;
      });
      return service.detail(documentId);
    },

    /** A recall as stored, with its records and tasks read as they are now (names, task status). */
    async detail(documentId: string) {
      const recall = await rows.load(documentId);
      if (!recall) return null;
      const stored = recall.matchedRecords ?? [];
      const records = new Map((await rows.records(stored.map((m) => m.record))).map((r) => [r.documentId, r]));
      const tasks = new Map((await rows.tasksByKeys((recall.tasks ?? []).map((t) => t.key))).map((t) => [t.idempotencyKey, t]));
      const clientOf = new Map(stored.map((m) => [m.client, records.get(m.record)?.client ?? null]));
      return {
        ...summary(recall),
        records: stored.map((m) => {
          const r = records.get(m.record);
          return r ? view(r) : { documentId: m.record, recordNumber: m.recordNumber, performedAt: m.performedAt, treatment: '', batchNumbers: [], client: null, practitioner: null };
        }),
        tasks: (recall.tasks ?? []).map((t) => {
          const now = tasks.get(t.key);
          const c = clientOf.get(t.client);
          return {
            documentId: t.task,
            created: t.created,
            client: c ? { documentId: c.documentId, clientNumber: c.clientNumber ?? null, fullName: c.fullName ?? null } : { documentId: t.client, clientNumber: null, fullName: null },
            assignee: now?.assignee ? { fullName: now.assignee.fullName, department: now.assignee.department } : null,
            taskStatus: now?.taskStatus ?? null,
            dueAt: now?.dueAt ?? null,
          };
        }),
      };
    },

    /** Past recalls, newest first. */
    async list() {
      return (await rows.list(50)).map(summary);
    },
  };
  return service;
};

const summary = (r: RecallRow) => ({
  documentId: r.documentId,
  referenceNumber: r.referenceNumber,
  batchNumber: r.batchNumber,
  batchKey: r.batchKey,
  reason: r.reason,
  openedAt: r.openedAt,
  openedBy: r.openedBy ? { documentId: r.openedBy.documentId, fullName: r.openedBy.fullName ?? null, department: r.openedBy.department ?? null } : null,
  complaint: r.complaint ? { documentId: r.complaint.documentId, referenceNumber: r.complaint.referenceNumber ?? null } : null,
  recordsMatched: r.recordsMatched,
  clientsMatched: r.clientsMatched,
  tasksOpened: r.tasksOpened,
});
