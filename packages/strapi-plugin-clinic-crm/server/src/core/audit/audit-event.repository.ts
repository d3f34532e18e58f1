import type { Core } from '@strapi/strapi';
import { UID } from '../plugin';

/** The audit-event `action` enumeration (its schema.json lists the same values). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'publish', 'unpublish', 'discard_draft', 'read_health', 'export', 'erase'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type ActorType = 'system' | 'admin' | 'api' | 'api_token' | 'public';

/** An audit event as written: who, what, which target, the names of the fields touched (never values). */
export interface NewAuditEvent {
  occurredAt: Date;
  actor: string;
  actorType: ActorType;
  ip: string | null;
  userAgent: string | null;
  requestPath: string | null;
  action: AuditAction;
  targetType: string;
  targetDocumentId: string | null;
  targetLabel: string | null;
  locale: string | null;
  fields: string[];
  details: Record<string, unknown> | null;
}

/** An audit event as the query engine reads it back. */
export type AuditEventRow = Omit<NewAuditEvent, 'occurredAt'> & {
  id: number;
  documentId: string;
  occurredAt: Date | string | number;
};

/**
 * The audit table's only write: append. Rows are system rows written with the query engine in the
 * caller's transaction (the document service refuses every write to them, and database triggers
 * refuse UPDATE and DELETE).
 */
export const auditEvents = (strapi: Core.Strapi) => ({
  /** One INSERT; the row is not read back: the caller holds every value it wrote, and gets its id. */
  async append(event: NewAuditEvent): Promise<NewAuditEvent & { id: number }> {
    const now = new Date();
    const { ids } = await strapi.db.query(UID.auditEvent).createMany({ data: [{ ...event, createdAt: now, updatedAt: now, publishedAt: now }] });
    // JSON columns as they will read back (a Date inside details becomes its ISO string)
    const asStored = <T>(v: T): T => (v === null || v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
    return { ...event, fields: asStored(event.fields), details: asStored(event.details), id: Number(ids[0]) };
  },

  async page(where: Record<string, unknown>, page: number, pageSize: number) {
    const [results, total] = await Promise.all([
      strapi.db.query(UID.auditEvent).findMany({ where, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }) as Promise<AuditEventRow[]>,
      strapi.db.query(UID.auditEvent).count({ where }),
    ]);
    return { results, total };
  },
});
