import type { Core } from '@strapi/strapi';
import type { AuditQuery } from './audit.schema';
import { getService, UID } from '../plugin';
import { protectAppendOnly } from '../append-only';
import { auditPayload } from '../ledger/evidence-payloads';
import type { Ctx } from '../http/validate';
import { auditEvents, type ActorType, type AuditAction } from './audit-event.repository';

export type { AuditAction };

export interface AuditEntry {
  action: AuditAction;
  targetType: string;
  targetDocumentId?: string | null;
  targetLabel?: string | null;
  locale?: string | null;
  fields?: string[];
  /** What an action did, as counts and documentIds (never personal values), e.g. what an erasure withdrew. */
  details?: Record<string, unknown> | null;
}

/** Content types whose every write is audited (health reads are audited for clients). */
export const AUDITED = new Set<string>([UID.client, UID.consentRecord, UID.treatmentRecord, UID.complaint, UID.treatment, UID.sopDocument]);

/** The human handle of a target, stored with the event (numbers and references, no names). */
export const LABEL_FIELD: Record<string, string> = {
  [UID.client]: 'clientNumber',
  [UID.treatmentRecord]: 'recordNumber',
  [UID.complaint]: 'referenceNumber',
  [UID.treatment]: 'slug',
  [UID.sopDocument]: 'code',
  [UID.consentRecord]: 'templateKey',
};

/** The request behind a write, as far as the audit reads it (the auth strategy and credentials Strapi set). */
type RequestCtx = Ctx & { state: Ctx['state'] & { auth?: { strategy?: { name?: string }; credentials?: { id?: number | string } } } };


/**
 * The audit trail: append-only rows (actor, action, target, the names of the fields touched —
 * never their values —, time, IP). Written with the database query API in the same transaction
 * as the change; there is no route that writes, edits or deletes them, the document service
 * refuses every write to them, and database triggers refuse UPDATE and DELETE on the table.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const who = (): { actor: string; actorType: ActorType; ip: string | null; userAgent: string | null; requestPath: string | null } => {
    const ctx = strapi.requestContext?.get?.() as RequestCtx | undefined;
    if (!ctx) return { actor: 'system', actorType: 'system', ip: null, userAgent: null, requestPath: null };
    const user = ctx.state?.user;
    const strategy = ctx.state?.auth?.strategy?.name;
    const actorType = strategy === 'admin' ? 'admin' : strategy === 'api-token' ? 'api_token' : user ? 'api' : 'public';
    const actor = user?.email ?? user?.username ?? (user?.id ? `user:${user.id}` : strategy === 'api-token' ? `api-token:${ctx.state?.auth?.credentials?.id ?? '?'}` : 'anonymous');
    return {
      actor: String(actor).slice(0, 255),
      actorType,
      ip: ctx.request?.ip ? String(ctx.request.ip).slice(0, 64) : null,
      userAgent: ctx.get?.('user-agent') ? String(ctx.get('user-agent')).slice(0, 255) : null,
      requestPath: ctx.path ? String(`${ctx.method} ${ctx.path}`).slice(0, 255) : null,
    };
  };

  return {
    who,

    /** Writes the event and seals it in the evidence ledger, in the caller's transaction. */
    async record(entry: AuditEntry) {
      await strapi.db.transaction(async () => {
        const row = await auditEvents(strapi).append({
          occurredAt: new Date(),
          ...who(),
          action: entry.action,
          targetType: entry.targetType,
          targetDocumentId: entry.targetDocumentId ?? null,
          targetLabel: entry.targetLabel ? String(entry.targetLabel).slice(0, 128) : null,
          locale: entry.locale ?? null,
          fields: entry.fields ?? [],
          details: entry.details ?? null,
        });
        // the values as written (auditPayload normalises them as verification reads them back later)
        await getService(strapi, 'ledger').append([{ kind: 'audit', subjectId: row.id, payload: auditPayload({ ...row }) }]);
      });
    },

    /** Database triggers refusing UPDATE and DELETE on the audit table (replaced and verified at every boot: core/append-only.ts). */
    async protectTable() {
      return protectAppendOnly(strapi, [{ uid: UID.auditEvent, message: 'audit events are append-only' }]);
    },

    /** The audit trail, filtered and paged (the query is parsed at the edge: audit.schema.ts). */
    async list({ actor, action, targetType, documentId, from, to, page, pageSize }: AuditQuery) {
      const where: Record<string, unknown> = {};
      if (actor) where.actor = { $containsi: actor };
      if (action) where.action = action;
      if (targetType) where.targetType = targetType.includes('::') ? targetType : `plugin::clinic-crm.${targetType}`;
      if (documentId) where.targetDocumentId = documentId;
      if (from || to) where.occurredAt = { ...(from ? { $gte: new Date(from) } : {}), ...(to ? { $lt: new Date(to) } : {}) };
      const { results, total } = await auditEvents(strapi).page(where, page, pageSize);
      return { results, pagination: { page, pageSize, total, pageCount: Math.ceil(total / pageSize) } };
    },
  };
};
