import type { Core } from '@strapi/strapi';
import { randomBytes } from 'crypto';
import { DEFAULT_CURRENCY, formatMoney } from '../pricing/domain/money';
import { localDate } from '../core/time/time';
import { getConfig, getService, relationRef, UID, type ContentTypeUid } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, type SessionStaff } from '../core/http/session';
import { mailStaff } from '../core/outbox/staff-mail';
import { fieldError } from '../core/http/validation-errors';
import type { ApprovalDecision } from './approval.schema';
import { APPROVAL_MAIL, APPROVAL_SAY } from './approval-texts';
import { approvalRows } from './approval.repository';
import { KINDS } from './approval.schema';
import type { ApprovalDetails, ApprovalKind, ApprovalRow } from './types';

export type { ApprovalKind } from './types';
export { KINDS };
/** Who may decide each kind: a doctor reviews a contraindication, a manager a price or a large refund. */
const APPROVER: Record<ApprovalKind, string> = { contraindication_override: 'doctor', price_change: 'management', refund: 'management' };

/** What a request names (parsed by approvalRequestSchema at the edge, or built by another service). */
export interface ApprovalRequestInput {
  kind: ApprovalKind;
  reason?: string | null;
  requestedBy?: unknown;
  client?: unknown;
  treatment?: unknown;
  consentRecord?: unknown;
  complaint?: unknown;
  priceSnapshot?: unknown;
}

interface StaffRecipient {
  id: number;
  documentId?: string;
  fullName: string;
  email: string | null;
  preferredLanguage?: string | null;
}

const newReference = (timeZone: string) => `AP-${localDate(new Date(), timeZone).replace(/-/g, '')}-${randomBytes(3).toString('hex').slice(0, 5).toUpperCase()}`;
const idOf = async (strapi: Core.Strapi, uid: ContentTypeUid, value: unknown, field: string) => {
  const ref = relationRef(value);
  if (!ref) throw fieldError(field, `${field} is required`);
  const row = (await strapi.db.query(uid).findOne({ where: ref.documentId ? { documentId: ref.documentId } : { id: ref.id }, select: ['id', 'documentId'] })) as { id: number; documentId: string } | null;
  if (!row) throw fieldError(field, `${field} does not exist`);
  return row;
};

interface ConsentForPrice {
  id: number;
  consentStatus: string;
  language: string | null;
  priceSnapshot: { total?: number } | null;
  client: { id: number; documentId: string };
  treatment: { id: number; documentId: string };
}

/**
 * A second person's decision as its own authenticated step: staff request an approval (a
 * contraindication override, a price above the signed quote, a large refund), the people who may
 * decide it are e-mailed a link, one of them — never the requester — approves or rejects it signed
 * in as themselves (who, when, from which address). Request and decision are sealed in the ledger.
 * The record that relies on an approval names it; a price approval is used once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const rows = approvalRows(strapi);
  const load = (documentId: string) => rows.load(documentId);
  const approvers = async (kind: ApprovalKind, except: string): Promise<StaffRecipient[]> =>
    strapi.db.query(UID.staffMember).findMany({ where: { department: APPROVER[kind], isActive: true, documentId: { $ne: except } }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
  const link = (documentId: string) => `${cfg().adminUrl}/plugins/clinic-crm/approvals/${documentId}`;

  /** What is being approved, computed by the server from the records (never taken from the request). */
  const subject = async (kind: ApprovalKind, input: ApprovalRequestInput): Promise<{ links: Record<string, number>; details: ApprovalDetails }> => {
    if (kind === 'contraindication_override') {
      const client = await idOf(strapi, UID.client, input.client, 'client');
      const treatment = await idOf(strapi, UID.treatment, input.treatment, 'treatment');
      const hits = await getService(strapi, 'consent').contraindicationsFor(client.documentId, treatment.documentId);
      if (hits.length === 0) throw fieldError('client', say(requestLanguage(strapi), APPROVAL_SAY.nothingToOverride));
      return { links: { client: client.id, treatment: treatment.id }, details: { contraindications: hits } };
    }
    if (kind === 'price_change') {
      const consent = await idOf(strapi, UID.consentRecord, input.consentRecord, 'consentRecord');
      const row = (await strapi.db.query(UID.consentRecord).findOne({ where: { id: consent.id }, populate: { client: { select: ['id', 'documentId'] }, treatment: { select: ['id', 'documentId'] } } })) as ConsentForPrice;
      if (row.consentStatus !== 'valid') throw fieldError('consentRecord', `the consent is ${row.consentStatus}`);
      const snapshot = await getService(strapi, 'pricing').snapshot(row.treatment.documentId, input.priceSnapshot, { language: row.language ?? undefined });
      const quoted = Number(row.priceSnapshot?.total ?? 0);
      if (snapshot.total <= quoted) throw fieldError('priceSnapshot', say(requestLanguage(strapi), APPROVAL_SAY.withinQuote));
      return {
        links: { client: row.client.id, treatment: row.treatment.id, consentRecord: row.id },
        details: { quotedTotal: quoted, requestedTotal: snapshot.total, currency: snapshot.currency, priceSnapshot: snapshot },
      };
    }
    const complaint = await idOf(strapi, UID.complaint, input.complaint, 'complaint');
    const c = (await strapi.db.query(UID.complaint).findOne({ where: { id: complaint.id }, select: ['refundAmount', 'workflowStatus'], populate: { client: { select: ['id'] } } })) as { refundAmount: number | string | null; client: { id: number } | null };
    if (!(Number(c.refundAmount) > cfg().complaints.refundApprovalThreshold)) throw fieldError('complaint', say(requestLanguage(strapi), APPROVAL_SAY.refundBelowThreshold));
    return { links: { complaint: complaint.id, ...(c.client ? { client: c.client.id } : {}) }, details: { refundAmount: Number(c.refundAmount), currency: 'TWD' } };
  };

  const service = {
    load,

    /** Asks for an approval; `me` (the signed-in staff member) is the requester. */
    async request(me: SessionStaff, input: ApprovalRequestInput): Promise<ApprovalRow> {
      const kind = input.kind;
      if (input.requestedBy !== undefined && relationRef(input.requestedBy)?.documentId !== me.documentId) throw forbiddenField('requestedBy', say(requestLanguage(strapi), APPROVAL_SAY.requesterFromSession));
      const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
      // the column's limit, for callers other than the route (whose schema says so in the user's language)
      if (reason.length > 2000) throw fieldError('reason', 'reason must be at most 2000 characters');
      const { links, details } = await subject(kind, input);
      const now = new Date();
      return strapi.db.transaction(async () => {
        const created = await rows.create({
          referenceNumber: newReference(cfg().timeZone),
          kind,
          details,
          requestedBy: me.id,
          requestedAt: now,
          requestReason: reason || null,
          expiresAt: new Date(now.getTime() + cfg().approvals.validDays * 86_400_000),
          links,
        });
        await getService(strapi, 'ledger').append([{ kind: 'approval_request', subjectId: created.documentId }]);
        const approval = (await load(created.documentId)) as ApprovalRow;
        await mailStaff(strapi, {
          key: `approval:${approval.documentId}:request`,
          recipients: await approvers(kind, me.documentId),
          text: APPROVAL_MAIL.request,
          values: service.mailValues(approval),
          link: link(approval.documentId),
        });
        return approval;
      });
    },

    /** The signed-in `me` approves or rejects; the requester cannot decide their own request. */
    async decide(me: SessionStaff, documentId: string, input: ApprovalDecision, ip: string | null): Promise<ApprovalRow | null> {
      const language = requestLanguage(strapi);
      const approval = await load(documentId);
      if (!approval) return null;
      if (input.decidedBy !== undefined && relationRef(input.decidedBy)?.documentId !== me.documentId) throw forbiddenField('decidedBy', say(language, APPROVAL_SAY.approverFromSession));
      if (approval.requestedBy?.documentId === me.documentId) throw forbiddenField('decidedBy', say(language, APPROVAL_SAY.notYourOwn));
      if (me.department !== APPROVER[approval.kind]) throw forbiddenField('decidedBy', say(language, APPROVAL_SAY.notApprover[approval.kind]));
      if (approval.approvalStatus !== 'pending') throw fieldError('decision', say(language, APPROVAL_SAY.alreadyDecided));
      if (new Date(approval.expiresAt).getTime() < Date.now()) throw fieldError('decision', say(language, APPROVAL_SAY.expired));
      const note = input.note;
      if ((input.decision === 'reject' || approval.kind === 'contraindication_override') && note.length < 5) throw fieldError('note', say(language, APPROVAL_SAY.noteNeeded));
      return strapi.db.transaction(async () => {
        const status = input.decision === 'approve' ? 'approved' : 'rejected';
        // conditional on still pending: two approvers at once cannot both decide
        const moved = await rows.decide(approval.id, { status, decidedBy: me.id, ip: ip ? ip.slice(0, 64) : null, note: note || null });
        if (!moved) throw fieldError('decision', say(language, APPROVAL_SAY.alreadyDecided));
        await getService(strapi, 'ledger').append([{ kind: 'approval_decision', subjectId: documentId }]);
        const decided = (await load(documentId)) as ApprovalRow;
        const requester: StaffRecipient[] = approval.requestedBy ? await strapi.db.query(UID.staffMember).findMany({ where: { documentId: approval.requestedBy.documentId }, select: ['id', 'fullName', 'email', 'preferredLanguage'] }) : [];
        await mailStaff(strapi, { key: `approval:${documentId}:decided`, recipients: requester, text: APPROVAL_MAIL[status], values: service.mailValues(decided), link: link(documentId) });
        return decided;
      });
    },

    mailValues(a: ApprovalRow) {
      const d: ApprovalDetails = a.details ?? {};
      const amount = a.kind === 'price_change' ? `${formatMoney(d.quotedTotal ?? 0, d.currency ?? DEFAULT_CURRENCY, 'zh-Hant')} → ${formatMoney(d.requestedTotal ?? 0, d.currency ?? DEFAULT_CURRENCY, 'zh-Hant')}` : a.kind === 'refund' ? formatMoney(d.refundAmount ?? 0, d.currency ?? DEFAULT_CURRENCY, 'zh-Hant') : (d.contraindications ?? []).join(', ');
      return { ref: a.referenceNumber, requester: a.requestedBy?.fullName, decider: a.decidedBy?.fullName, client: a.client?.clientNumber ?? '—', treatment: a.treatment?.name ?? a.complaint?.referenceNumber ?? '—', what: amount, reason: a.requestReason ?? '—', note: a.decisionNote ?? '—' };
    },

    /** An approved, unexpired approval of `kind` matching `where`, or null. */
    async usable(kind: ApprovalKind, documentId: string | undefined, where: Record<string, unknown>): Promise<ApprovalRow | null> {
      if (!documentId) return null;
      const a = await rows.find({ documentId, kind, ...where });
      if (!a || a.approvalStatus !== 'approved' || new Date(a.expiresAt).getTime() < Date.now()) return null;
      return a;
    },

    /** Marks a single-use approval used by `by` (a record's documentId); false when already used. */
    use(id: number, by: string): Promise<boolean> {
      return rows.markUsed(id, by);
    },

    /** The approvals screen: what `me` may decide (pending), and what `me` asked for. */
    async list(me: SessionStaff, status?: string) {
      const statusWhere = status && status !== 'all' ? { approvalStatus: status } : {};
      const kinds = KINDS.filter((k) => APPROVER[k] === me.department);
      const [toDecide, mine] = await Promise.all([
        kinds.length ? rows.list({ kind: { $in: kinds }, approvalStatus: 'pending', requestedBy: { documentId: { $ne: me.documentId } } }, 'asc') : [],
        rows.list({ requestedBy: { documentId: me.documentId }, ...statusWhere }, 'desc'),
      ]);
      return { toDecide, mine };
    },
  };
  return service;
};
