import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isDeepStrictEqual } from 'util';
import { AUDITED, LABEL_FIELD, type AuditAction } from './audit.service';
import { getService, UID } from '../plugin';

type Ctx = { uid: string; action: string; params: Record<string, any> };
type Next = () => Promise<any>;

const WRITES: Record<string, AuditAction> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  publish: 'publish',
  unpublish: 'unpublish',
  discardDraft: 'discard_draft',
};

/** Components come back with ids the caller did not send: compare without them. */
const normalise = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k]) => k !== 'id' && k !== '__component').map(([k, x]) => [k, normalise(x)]));
  }
  if (v instanceof Date) return v.toISOString();
  return v;
};

/** Bookkeeping Strapi adds to every write: not a change the caller made. */
const SYSTEM = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'status']);

/** A relation write that changes nothing (the admin panel sends empty connect/disconnect lists). */
const noRelationChange = (v: unknown) =>
  !!v && typeof v === 'object' && !Array.isArray(v) && ['connect', 'disconnect', 'set'].some((k) => k in (v as object)) &&
  ['connect', 'disconnect', 'set'].every((k) => !Array.isArray((v as any)[k]) || (v as any)[k].length === 0) && !('set' in (v as object) && Array.isArray((v as any).set));

/** The related documents a relation value names (ids or documentIds), or null when it is not a plain list. */
const refs = (v: unknown): string[] | null => {
  const one = (x: any) => (typeof x === 'string' || typeof x === 'number' ? String(x) : x && typeof x === 'object' ? String(x.documentId ?? x.id ?? '') : '');
  if (v === null) return [];
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.map(one).sort();
  return null;
};

const relationChanged = (value: unknown, current: unknown): boolean => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ops = ['connect', 'disconnect', 'set'].filter((k) => k in (value as object));
    if (ops.length) return ops.some((k) => Array.isArray((value as any)[k]) && ((value as any)[k].length > 0 || k === 'set'));
    if ('documentId' in (value as object) || 'id' in (value as object)) value = [value];
    else return false; // e.g. the { count } the admin API returns for a list of relations
  }
  const wanted = refs(value);
  if (wanted === null) return false;
  const have = current === undefined ? null : (Array.isArray(current) ? current : current ? [current] : []).flatMap((c: any) => [String(c.documentId), String(c.id)]);
  return have === null || wanted.some((w) => !have.includes(w)) || wanted.length !== (Array.isArray(current) ? current.length : current ? 1 : 0);
};

const changedFields = (data: Record<string, unknown>, current: Record<string, unknown> | null, relations: Set<string>): string[] =>
  Object.keys(data)
    .filter((k) => data[k] !== undefined && !SYSTEM.has(k) && !noRelationChange(data[k]))
    .filter((k) => {
      if (relations.has(k)) return relationChanged(data[k], current?.[k]);
      return !current || !(k in current) || !isDeepStrictEqual(normalise(data[k]), normalise(current[k]));
    })
    .sort();

/**
 * Every create/update/delete/publish of clients, consents, treatment records, complaints, price
 * lists (treatments) and SOPs writes an audit event in the same transaction, naming the fields it
 * touched (never their values). The audit table itself accepts no write through the document service.
 */
export const auditMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  if (ctx.uid === UID.auditEvent) {
    if (ctx.action in WRITES || ctx.action === 'clone') throw new errors.ForbiddenError('Audit events are append-only: they cannot be created, changed or deleted through any API');
    return next();
  }
  const action = WRITES[ctx.action];
  if (!action || !AUDITED.has(ctx.uid)) return next();

  const data = (ctx.params.data ?? {}) as Record<string, unknown>;
  const ct: any = strapi.contentTypes[ctx.uid as keyof typeof strapi.contentTypes];
  // media fields are relations to files, compared the same way
  const relations = new Set(Object.entries(ct?.attributes ?? {}).filter(([, a]: any) => a.type === 'relation' || a.type === 'media').map(([k]) => k));
  let fields: string[] = [];
  if (action === 'create') fields = changedFields(data, null, relations);
  if (action === 'update' && ctx.params.documentId) {
    const where: Record<string, unknown> = { documentId: ctx.params.documentId };
    if (ct?.options?.draftAndPublish) where.publishedAt = { $null: true };
    if (ct?.pluginOptions?.i18n?.localized && ctx.params.locale) where.locale = ctx.params.locale;
    const populate: Record<string, unknown> = {};
    for (const [k, a] of Object.entries(ct?.attributes ?? {}) as Array<[string, any]>) {
      if (a.type === 'component' || a.type === 'dynamiczone') populate[k] = true;
      if ((a.type === 'relation' || a.type === 'media') && k in data) populate[k] = { select: ['id', 'documentId'] };
    }
    const current = await strapi.db.query(ctx.uid as any).findOne({ where, populate });
    fields = changedFields(data, current, relations);
  }

  return strapi.db.transaction(async () => {
    const result = await next();
    const doc = Array.isArray(result?.entries) ? result.entries[0] : result;
    await getService(strapi, 'audit').record({
      action,
      targetType: ctx.uid,
      targetDocumentId: doc?.documentId ?? ctx.params.documentId ?? null,
      targetLabel: doc?.[LABEL_FIELD[ctx.uid]] ?? null,
      locale: ctx.params.locale ?? doc?.locale ?? null,
      fields,
    });
    return result;
  });
};
