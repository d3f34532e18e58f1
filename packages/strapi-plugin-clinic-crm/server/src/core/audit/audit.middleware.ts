import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isDeepStrictEqual } from 'util';
import { AUDITED, LABEL_FIELD, type AuditAction } from './audit.service';
import { getService, UID } from '../plugin';
import type { DocumentMiddlewareFactory } from '../document-middleware';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** An attribute of a content type, as far as the audit reads it. */
interface AttributeInfo {
  type?: string;
}
interface ContentTypeInfo {
  attributes?: Record<string, AttributeInfo>;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: { i18n?: { localized?: boolean } };
}


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
const noRelationChange = (v: unknown) => {
  if (!isObj(v)) return false;
  const list = (k: string) => (Array.isArray(v[k]) ? (v[k] as unknown[]) : null);
  return ['connect', 'disconnect', 'set'].some((k) => k in v) && ['connect', 'disconnect', 'set'].every((k) => !list(k) || list(k)!.length === 0) && !('set' in v && Array.isArray(v.set));
};

/** The related documents a relation value names (ids or documentIds), or null when it is not a plain list. */
const refs = (v: unknown): string[] | null => {
  const one = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : isObj(x) || Array.isArray(x) ? String((x as Obj).documentId ?? (x as Obj).id ?? '') : '');
  if (v === null) return [];
  if (typeof v === 'string' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.map(one).sort();
  return null;
};

const relationChanged = (value: unknown, current: unknown): boolean => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const ops = ['connect', 'disconnect', 'set'].filter((k) => k in (value as object));
    const v = value as Obj;
    if (ops.length) return ops.some((k) => Array.isArray(v[k]) && ((v[k] as unknown[]).length > 0 || k === 'set'));
    if ('documentId' in (value as object) || 'id' in (value as object)) value = [value];
    else return false; // e.g. the { count } the admin API returns for a list of relations
  }
  const wanted = refs(value);
  if (wanted === null) return false;
  const have = current === undefined ? null : (Array.isArray(current) ? current : current ? [current] : []).flatMap((c: Obj) => [String(c.documentId), String(c.id)]);
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
export const auditMiddleware: DocumentMiddlewareFactory = (strapi: Core.Strapi) => async (ctx, next) => {
  if (ctx.uid === UID.auditEvent) {
    if (ctx.action in WRITES || ctx.action === 'clone') throw new errors.ForbiddenError('Audit events are append-only: they cannot be created, changed or deleted through any API');
    return next();
  }
  const action = WRITES[ctx.action];
  if (!action || !AUDITED.has(ctx.uid)) return next();

  const data = (ctx.params.data ?? {}) as Record<string, unknown>;
  const ct = strapi.contentTypes[ctx.uid as keyof typeof strapi.contentTypes] as ContentTypeInfo | undefined;
  // media fields are relations to files, compared the same way
  const relations = new Set(Object.entries(ct?.attributes ?? {}).filter(([, a]) => a.type === 'relation' || a.type === 'media').map(([k]) => k));
  let fields: string[] = [];
  if (action === 'create') fields = changedFields(data, null, relations);
  if (action === 'update' && ctx.params.documentId) {
    const where: Record<string, unknown> = { documentId: ctx.params.documentId };
    if (ct?.options?.draftAndPublish) where.publishedAt = { $null: true };
    if (ct?.pluginOptions?.i18n?.localized && ctx.params.locale) where.locale = ctx.params.locale;
    const populate: Record<string, unknown> = {};
    for (const [k, a] of Object.entries(ct?.attributes ?? {})) {
      if (a.type === 'component' || a.type === 'dynamiczone') populate[k] = true;
      if ((a.type === 'relation' || a.type === 'media') && k in data) populate[k] = { select: ['id', 'documentId'] };
    }
    const current = (await strapi.db.query(ctx.uid).findOne({ where, populate })) as Obj | null;
    fields = changedFields(data, current, relations);
  }

  return strapi.db.transaction(async () => {
    const result = await next();
    const entries = isObj(result) && Array.isArray(result.entries) ? (result.entries as unknown[]) : null;
    const doc = (entries ? entries[0] : result) as ({ documentId?: string; locale?: string } & Obj) | null | undefined;
    await getService(strapi, 'audit').record({
      action,
      targetType: ctx.uid,
      targetDocumentId: doc?.documentId ?? ctx.params.documentId ?? null,
      targetLabel: (doc?.[LABEL_FIELD[ctx.uid]] as string | undefined) ?? null,
      locale: ctx.params.locale ?? doc?.locale ?? null,
      fields,
    });
    return result;
  });
};
