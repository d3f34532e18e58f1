import type { Core } from '@strapi/strapi';
import { isDeepStrictEqual } from 'util';
import { UID, getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';

type Ctx = { uid: string; action: string; params: Record<string, any> };
type Next = () => Promise<any>;

const TEMPLATE_CONTENT = ['body', 'riskList', 'alternatives', 'title'] as const;

/**
 * Consent rules on every path (admin panel, REST, services):
 * - templates must be valid when saved; publishing a changed template makes a new version and keeps
 *   the previous one readable (`previousVersions`), with its material/editorial flag;
 * - a consent record is completed by the server (rendered text, price snapshot, hash) and is
 *   immutable: no update or delete is accepted. Superseding is done by signing a new one.
 */
export const consentMiddleware = (strapi: Core.Strapi) => async (ctx: Ctx, next: Next) => {
  const consent = () => getService(strapi, 'consent');

  if (ctx.uid === UID.consentTemplate) {
    if (ctx.action === 'create' || ctx.action === 'update') consent().validateTemplate(ctx.params.data ?? {});
    if (ctx.action === 'publish') {
      return strapi.db.transaction(async () => {
        const lookup = { filters: { documentId: ctx.params.documentId } };
        const [published] = await strapi.documents(UID.consentTemplate).findMany({ ...lookup, status: 'published' } as any);
        const [draft] = await strapi.documents(UID.consentTemplate).findMany({ ...lookup, status: 'draft' } as any);
        if (draft) consent().validateTemplate(draft as any);
        if (published && draft && TEMPLATE_CONTENT.some((f) => !isDeepStrictEqual((draft as any)[f] ?? null, (published as any)[f] ?? null))) {
          const p: any = published;
          const history = [
            { version: p.version, title: p.title, body: p.body, riskList: p.riskList, alternatives: p.alternatives, isMaterialChange: p.isMaterialChange, changeSummary: p.changeSummary, publishedAt: p.publishedAt },
            ...((p.previousVersions as any[]) ?? []),
          ];
          await strapi.db.query(UID.consentTemplate).updateMany({
            where: { documentId: ctx.params.documentId, publishedAt: { $null: true } },
            data: { version: Number(p.version) + 1, previousVersions: history },
          });
        }
        return next();
      });
    }
    return next();
  }

  if (ctx.uid !== UID.consentRecord) return next();
  if (ctx.action === 'create') {
    const prepared = await consent().prepare(ctx.params.data ?? {});
    ctx.params = { ...ctx.params, data: prepared };
    return strapi.db.transaction(async () => {
      const created = await next();
      // the new consent supersedes the client's earlier ones for this treatment
      const row = await strapi.db.query(UID.consentRecord).findOne({ where: { documentId: created.documentId }, select: ['id'] });
      const earlier = await strapi.db.query(UID.consentRecord).findMany({
        where: { id: { $ne: row.id }, consentStatus: 'valid', client: { documentId: prepared.client }, treatment: { documentId: prepared.treatment } },
        select: ['id'],
      });
      if (earlier.length) {
        await strapi.db.query(UID.consentRecord).updateMany({ where: { id: { $in: earlier.map((e: any) => e.id) } }, data: { consentStatus: 'superseded' } });
        await strapi.db.query(UID.consentRecord).update({ where: { id: row.id }, data: { supersedes: earlier[earlier.length - 1].id } });
      }
      await getService(strapi, 'ledger').append([{ kind: 'consent', subjectId: created.documentId }]);
      return created;
    });
  }
  if (['update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'].includes(ctx.action)) {
    throw fieldError('documentId', 'a signed consent record cannot be changed or deleted; sign a new consent, which supersedes it');
  }
  return next();
};
