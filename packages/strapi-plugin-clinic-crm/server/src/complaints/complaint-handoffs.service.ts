import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { addBusinessMinutes } from '../core/time/business-time';
import { formatLocalDateTime } from '../core/time/time';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, type SessionStaff } from '../core/http/session';
import { fieldError } from '../core/http/validation-errors';
import { languageOf } from '../core/i18n/locales';
import { UID } from '../core/plugin';
import { OPEN_STATUSES } from './domain/complaint-workflow';
import { DEFAULT_ACCEPT_HOURS, DEPARTMENT_LABELS, involvedDepartments, isDepartment, proposedNext, stepTimer, type Department } from './domain/handoffs';
import { complaintContext } from './complaint-context';
import { complaintHandoffs, type HandoffRow, type NoteRow } from './complaint-handoff.repository';
import { HANDOFF_MESSAGES, type HandoffInput } from './complaint-handoffs.schema';
import type { ComplaintRow, StaffRef } from './types';

type Msg = keyof typeof HANDOFF_MESSAGES;

/** A body field naming who acted: allowed only when it names the signed-in staff member. */
const namesSomeoneElse = (value: unknown, me: SessionStaff) =>
  value !== undefined && value !== null && value !== me.documentId && value !== me.id;

const person = (p: { documentId: string; fullName: string; department: string } | null) => (p ? { documentId: p.documentId, fullName: p.fullName, department: p.department } : null);

/**
 * Hand-offs between departments as steps of their own: who handed the complaint on (the session's
 * staff member), from and to which department, to whom, why, when, and by when the receiving
 * assignee accepts it (business time, per department). Each hand-off moves the complaint, is a
 * timeline event and e-mails the receiver once; the coordination notes are for the departments
 * involved and management.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const x = complaintContext(strapi);
  const repo = complaintHandoffs(strapi);
  const lang = () => requestLanguage(strapi);
  const msg = (key: Msg) => say(lang(), HANDOFF_MESSAGES[key]);
  const acceptHours = (d: Department) => x.cfg().handoffs?.acceptHours?.[d] ?? DEFAULT_ACCEPT_HOURS[d];

  const loadComplaint = async (documentId: string): Promise<ComplaintRow> => {
    const c = await x.rows.load(documentId);
    if (!c) throw new errors.NotFoundError('Complaint not found');
    return c;
  };

  const stepView = (h: HandoffRow, now: Date) => ({
    documentId: h.documentId,
    fromDepartment: h.fromDepartment,
    toDepartment: h.toDepartment,
    handedOffBy: person(h.handedOffBy),
    toStaff: person(h.toStaff),
    acceptedBy: person(h.acceptedBy),
    reason: h.reason,
    handedOffAt: h.handedOffAt,
    dueAt: h.dueAt,
    acceptedAt: h.acceptedAt,
    ...stepTimer(h, now),
  });

  const noteView = (n: NoteRow) => ({ documentId: n.documentId, body: n.body, authorDepartment: n.authorDepartment, postedAt: n.postedAt, author: person(n.author) });

  const requireInvolved = (c: ComplaintRow, steps: HandoffRow[], me: SessionStaff) => {
    if (!involvedDepartments(c.department, steps).includes(me.department as Department)) throw forbiddenField('department', msg('notInvolved'));
  };

  return {
    /** The complaint's hand-off steps with their timers, the proposed next step and what the signed-in person may do. */
    async view(documentId: string, me: SessionStaff | null, now = new Date()) {
      const c = await loadComplaint(documentId);
      const steps = await repo.forComplaint(c.id);
      const involved = involvedDepartments(c.department, steps);
      const last = steps[steps.length - 1] ?? null;
      const open = (OPEN_STATUSES as string[]).includes(c.workflowStatus);
      return {
        department: c.department,
        assignee: c.assignee ? person(c.assignee) : null,
        steps: steps.map((h) => stepView(h, now)),
        proposedNext: open ? proposedNext(c.routingRule?.handoffPlan, c.department, steps.map((s) => s.toDepartment)) : null,
        involved,
        // who can be named as the receiver, per department (active staff)
        candidates: Object.fromEntries(
          await Promise.all(Object.keys(DEFAULT_ACCEPT_HOURS).map(async (d) => [d, (await x.activeStaff(d)).map((s) => ({ documentId: s.documentId, fullName: s.fullName }))] as const))
        ),
        acceptHours: Object.fromEntries(Object.keys(DEFAULT_ACCEPT_HOURS).map((d) => [d, acceptHours(d as Department)])),
        may: {
          handOff: open && !!me && (me.department === c.department || me.department === 'management'),
          accept: !!me && !!last && !last.acceptedAt && (last.toStaff ? last.toStaff.id === me.id : me.department === last.toDepartment),
          notes: !!me && involved.includes(me.department as Department),
        },
      };
    },

    /** Hands the complaint to another department (and person): a step with its own timer, a timeline event and one e-mail. */
    async handOff(documentId: string, input: HandoffInput, me: SessionStaff, account: string, now = new Date()) {
      if (namesSomeoneElse(input.handedOffBy, me)) throw forbiddenField('handedOffBy', msg('notSigned'));
      const c = await loadComplaint(documentId);
      if (!(OPEN_STATUSES as string[]).includes(c.workflowStatus)) throw fieldError('toDepartment', msg('closed'));
      if (me.department !== c.department && me.department !== 'management') throw forbiddenField('department', msg('notHolder'));
      const from = c.department as Department;
      const to = input.toDepartment;
      if (to === from) throw fieldError('toDepartment', msg('sameDepartment'));
      let assignee: StaffRef | null;
      if (input.toStaff) {
        assignee = (await x.activeStaff(to)).find((s) => s.documentId === input.toStaff) ?? null;
        if (!assignee) throw fieldError('toStaff', msg('toStaff'));
      } else {
        assignee = await x.leastLoaded(to);
      }
      const dueAt = addBusinessMinutes(now, Math.round(acceptHours(to) * 60), x.calendar());
      const step = await strapi.db.transaction(async () => {
        if (!(await x.rows.handOver(c.id, from, to, assignee?.id ?? null))) throw fieldError('toDepartment', msg('notLatest'));
        const created = await repo.create({ complaint: c.id, fromDepartment: from, toDepartment: to, handedOffBy: me.id, handedOffByAccount: account, toStaff: assignee?.id ?? null, reason: input.reason, handedOffAt: now, dueAt });
        await x.events.append(c.id, 'handed_off', account, { note: `${from} → ${to}${assignee ? ` · ${assignee.fullName}` : ''} · ${input.reason}` });
        if (assignee) {
          const l = languageOf(assignee);
          await x.notify(`complaint:${c.referenceNumber}:handoff:${created.documentId}`, 'complaint_handed_off', [assignee], { ...c, department: to }, {
            handoff: {
              byName: me.fullName,
              fromLabel: isDepartment(from) ? DEPARTMENT_LABELS[from][l] : from,
              toLabel: DEPARTMENT_LABELS[to][l],
              reason: input.reason,
              dueLocal: formatLocalDateTime(dueAt, x.cfg().timeZone),
            },
          });
        }
        return created;
      });
      return stepView(step, now);
    },

    /** The receiving assignee takes the step up: its timer stops. */
    async accept(documentId: string, handoffDocumentId: string, acceptedBy: unknown, me: SessionStaff, account: string, now = new Date()) {
      if (namesSomeoneElse(acceptedBy, me)) throw forbiddenField('acceptedBy', msg('notSigned'));
      const c = await loadComplaint(documentId);
      const h = await repo.byDocumentId(handoffDocumentId);
      if (!h || h.complaint?.id !== c.id) throw new errors.NotFoundError('Hand-off not found');
      const receiver = h.toStaff ? h.toStaff.id === me.id : me.department === h.toDepartment;
      if (!receiver) throw forbiddenField('acceptedBy', msg('notReceiver'));
      const steps = await repo.forComplaint(c.id);
      if (steps[steps.length - 1]?.id !== h.id) throw fieldError('handoff', msg('notLatest'));
      const accepted = await strapi.db.transaction(async () => {
        if (!(await repo.accept(h.id, me.id, now))) return false;
        await x.events.append(c.id, 'handoff_accepted', account, { note: `${h.toDepartment} · ${me.fullName}` });
        return true;
      });
      if (!accepted) throw fieldError('handoff', msg('alreadyAccepted'));
      return stepView((await repo.byDocumentId(handoffDocumentId)) as HandoffRow, now);
    },

    /** The coordination thread, for the departments involved and management (others: 403). */
    async notes(documentId: string, me: SessionStaff) {
      const c = await loadComplaint(documentId);
      requireInvolved(c, await repo.forComplaint(c.id), me);
      return (await repo.notesOf(c.id)).map(noteView);
    },

    async addNote(documentId: string, input: { body: string; author?: unknown }, me: SessionStaff, now = new Date()) {
      if (namesSomeoneElse(input.author, me)) throw forbiddenField('author', msg('notSigned'));
      const c = await loadComplaint(documentId);
      requireInvolved(c, await repo.forComplaint(c.id), me);
      return noteView(await repo.appendNote({ complaint: c.id, author: me.id, authorDepartment: me.department, body: input.body, postedAt: now }));
    },

    /**
     * Where each open complaint sits and for how long (the dashboard): its department and
     * assignee, since when (the last hand-off, else receipt), and the current step's timer.
     */
    async board(now = new Date()) {
      const open = (await strapi.db.query(UID.complaint).findMany({
        where: { workflowStatus: { $in: OPEN_STATUSES } },
        select: ['id', 'documentId', 'referenceNumber', 'category', 'department', 'workflowStatus', 'receivedAt'],
        populate: { assignee: { select: ['fullName'] } },
        orderBy: { receivedAt: 'asc' },
        limit: 500,
      })) as Array<Pick<ComplaintRow, 'id' | 'documentId' | 'referenceNumber' | 'category' | 'department' | 'workflowStatus' | 'receivedAt'> & { assignee: { fullName: string } | null }>;
      const last = new Map<number, HandoffRow>();
      for (const h of await repo.forComplaints(open.map((c) => c.id))) if (h.complaint) last.set(h.complaint.id, h);
      const rows = open.map((c) => {
        const h = last.get(c.id) ?? null;
        const since = h ? h.handedOffAt : c.receivedAt;
        const timer = h ? stepTimer(h, now) : null;
        return {
          documentId: c.documentId,
          referenceNumber: c.referenceNumber,
          category: c.category,
          workflowStatus: c.workflowStatus,
          department: c.department,
          assignee: c.assignee?.fullName ?? null,
          since,
          stepAgeMinutes: Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000)),
          step: h ? { fromDepartment: h.fromDepartment, dueAt: h.dueAt, accepted: timer!.accepted, acceptedAt: h.acceptedAt, waitedMinutes: timer!.waitedMinutes, overdue: timer!.overdue } : null,
        };
      });
      // overdue hand-offs first, then the longest-sitting
      return rows.sort((a, b) => Number(!!b.step?.overdue) - Number(!!a.step?.overdue) || b.stepAgeMinutes - a.stepAgeMinutes);
    },
  };
};
