import type { Core } from '@strapi/strapi';
import type { Context, Next } from 'koa';
import { CLIENT_HEALTH_FIELDS } from '../../clients/domain/staff-roles';
import { getService, UID } from '../plugin';

const CLIENT_PATHS = [`/content-manager/collection-types/${UID.client}`, '/api/clinic-crm/clients'];

type Doc = Record<string, unknown>;

const withHealth = (doc: Doc | null | undefined): string[] =>
  doc && typeof doc === 'object' ? CLIENT_HEALTH_FIELDS.filter((f) => doc[f] !== undefined && doc[f] !== null && doc[f] !== '') : [];

/**
 * Audits every read of a client's health data at the point it leaves the server: after the
 * response is built, each client in the body that carries health fields (i.e. the caller was
 * allowed to see them) gives one `read_health` event naming those fields. A role that is not
 * allowed to read them gets no such fields, and no event.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: Next) => {
    await next();
    if (ctx.method !== 'GET' || ctx.status !== 200 || !CLIENT_PATHS.some((p) => ctx.path.startsWith(p))) return;
    const body = ctx.body as { results?: unknown; data?: unknown; pipe?: unknown } | null | undefined;
    if (!body || typeof body !== 'object' || Buffer.isBuffer(body) || typeof body.pipe === 'function') return;
    const docs = (Array.isArray(body.results) ? body.results : Array.isArray(body.data) ? body.data : body.data ? [body.data] : []) as Doc[];
    try {
      for (const doc of docs) {
        const fields = withHealth(doc);
        if (fields.length) {
          await getService(strapi, 'audit').record({ action: 'read_health', targetType: UID.client, targetDocumentId: doc.documentId as string | undefined, targetLabel: (doc.clientNumber as string | undefined) ?? null, fields });
        }
      }
    } catch (e) {
      strapi.log.error(`[clinic-crm] audit of a health-data read failed: ${(e as Error).message}`);
      ctx.status = 503;
      ctx.body = { data: null, error: { status: 503, name: 'AuditError', message: 'The read could not be audited, so it is refused', details: {} } };
    }
  };
