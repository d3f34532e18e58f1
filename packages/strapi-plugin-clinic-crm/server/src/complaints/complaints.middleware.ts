import type { Core } from '@strapi/strapi';
import { UID, getService, currentActor } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { parseInput } from '../core/http/validate';
import { transitionSchema } from './complaint-actions.schema';
import type { ComplaintRow } from './types';

/** A document-service call as the middleware sees it (the complaint's data is an open record). */
type Ctx = { uid: string; action: string; params: { data?: Record<string, unknown>; documentId?: string; fields?: unknown; populate?: unknown; [key: string]: unknown } };
type Next = () => Promise<unknown>;

/** Fields the SLA clock and routing own: no edit may change them. */
const MANAGED = ['referenceNumber', 'receivedAt', 'firstResponseDueAt', 'resolutionDueAt', 'firstRespondedAt', 'resolvedAt', 'closedAt', 'breached', 'firstResponseBreached', 'resolutionBreached', 'escalationLevel', 'pausedMinutes', 'pausedSince'];

const same = (a: unknown, b: unknown) => {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  const ta = a instanceof Date || typeof a === 'string' ? new Date(a).getTime() : NaN;
  const tb = b instanceof Date || typeof b === 'string' ? new Date(b).getTime() : NaN;
  return !Number.isNaN(ta) && ta === tb;
};

/** The complaint's relations: a new complaint naming one of them is loaded before routing. */
const RELATIONS = ['client', 'treatmentRecord', 'assignee', 'routingRule'];

/** A complaint as its create wrote it (the routing fields still empty). */
const knownComplaint = (created: { id: number; documentId: string }, data: Record<string, unknown>): ComplaintRow =>
  ({
    ...data,
    id: created.id,
    documentId: created.documentId,
    contactPhone: data.contactPhone ?? null,
    contactEmail: data.contactEmail ?? null,
    severity: data.severity ?? 'medium',
    department: null,
    assignee: null,
    routingRule: null,
    client: null,
    treatmentRecord: null,
  }) as ComplaintRow;

/** Whether whoever is making the request counts as a manager (Super Admin, or linked to a management staff member). */
export const actorIsManager = async (strapi: Core.Strapi): Promise<boolean> => {
  const user = strapi.requestContext?.get?.()?.state?.user as { id: number; email?: string | null; roles?: Array<{ code?: string }> } | undefined;
  if (!user) return false;
  if (Array.isArray(user.roles) && user.roles.some((r) => r.code === 'strapi-super-admin' || r.code === 'clinic-crm-manager')) return true;
  const staff = await strapi.db.query(UID.staffMember).findOne({
    where: { isActive: true, department: 'management', $or: [{ adminUser: { id: user.id } }, { email: user.email ?? '-' }] },
    select: ['id'],
  });
  return !!staff;
};

/**
 * Every complaint write, from the admin panel, REST or a service: new complaints get a reference,
 * a receipt time and are routed (same transaction); a status change is checked against the
 * workflow and written to the timeline; the clock's own fields cannot be edited.
 */
export const complaintsMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  if (ctx.uid === UID.routingRule || ctx.uid === UID.staffMember) {
    // routing keeps per-instance copies of the rules and staff lists: a write drops them
    if (ctx.action.startsWith('find') || ctx.action === 'count') return next();
    try {
      return await next();
    } finally {
      getService(strapi, 'complaints').forgetRoutingLookups();
    }
  }
  if (ctx.uid !== UID.complaint) return next();
  const complaints = getService(strapi, 'complaints');

  if (ctx.action === 'create') {
    const data = { ...(ctx.params.data ?? {}) };
    data.referenceNumber = data.referenceNumber || complaints.newReferenceNumber();
    data.receivedAt = data.receivedAt || new Date().toISOString();
    data.workflowStatus = 'received';
    ctx.params = { ...ctx.params, data };
    return strapi.db.transaction(async () => {
      const created = (await next()) as { id: number; documentId: string };
      const actor = currentActor(strapi);
      await complaints.recordReceived(created.documentId, data.channel, actor, created.id);
      // no relation given: routing reads nothing it was not just given
      const known = RELATIONS.some((r) => data[r] !== undefined && data[r] !== null) ? undefined : knownComplaint(created, data);
      const routed = await complaints.route(created.documentId, actor, known);
      const fields = ctx.params.fields;
      if (known && routed && !ctx.params.populate && Array.isArray(fields) && fields.every((f) => typeof f === 'string' && f in routed)) {
        // the caller asked only for values this transaction wrote: no read-back
        return { id: created.id, documentId: created.documentId, ...Object.fromEntries(fields.map((f) => [f, routed[f as keyof ComplaintRow]])) };
      }
      return strapi.documents(UID.complaint).findOne({ documentId: created.documentId, fields: ctx.params.fields, populate: ctx.params.populate } as Parameters<ReturnType<typeof strapi.documents>['findOne']>[0]);
    });
  }

  if (ctx.action === 'update') {
    const data = ctx.params.data ?? {};
    // an edit touching neither the status nor a workflow-kept field needs no check (and no read)
    if (data.workflowStatus === undefined && !MANAGED.some((f) => f in data)) return next();
    const current = ctx.params.documentId ? await complaints.load(ctx.params.documentId) : null;
    if (!current) return next();
    for (const field of MANAGED) {
      if (field in data && !same(data[field], current[field as keyof ComplaintRow])) throw fieldError(field, `${field} is kept by the complaint workflow and SLA clock; it cannot be edited`);
    }
    if (data.workflowStatus !== undefined && data.workflowStatus !== current.workflowStatus) {
      const { to, data: changes, approvedByManager } = await complaints.planTransition(
        current,
        parseInput(transitionSchema, { to: data.workflowStatus, resolution: { types: data.resolutionTypes, refundAmount: data.refundAmount, notes: data.resolutionNotes }, note: null }),
        await actorIsManager(strapi)
      );
      ctx.params = { ...ctx.params, data: { ...data, ...changes } };
      return strapi.db.transaction(async () => {
        const result = await next();
        await complaints.afterTransition({ ...current, ...data, ...changes } as ComplaintRow, current.workflowStatus, to, currentActor(strapi), null, approvedByManager);
        return result;
      });
    }
  }

  if (ctx.action === 'delete') {
    throw fieldError('documentId', 'complaints are kept for the record; close them as rejected or duplicate instead of deleting');
  }
  return next();
};
