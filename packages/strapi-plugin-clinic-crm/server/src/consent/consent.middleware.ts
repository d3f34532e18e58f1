import type { Core } from '@strapi/strapi';
import { isDeepStrictEqual } from 'util';
import { UID, getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { consentRecordRows } from './consent-record.repository';
import { consentTemplateRows } from './consent-template.repository';
import type { ConsentTemplateDoc, TemplateVersion } from './types';

type Ctx = { uid: string; action: string; params: { documentId?: string; data?: Record<string, unknown>; [key: string]: unknown } };
type Next = () => Promise<unknown>;

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
        const documentId = ctx.params.documentId;
        const lookup = { filters: { documentId } };
        const [published] = (await strapi.documents(UID.consentTemplate).findMany({ ...lookup, status: 'published' })) as ConsentTemplateDoc[];
        const [draft] = (await strapi.documents(UID.consentTemplate).findMany({ ...lookup, status: 'draft' })) as ConsentTemplateDoc[];
        if (draft) consent().validateTemplate({ ...draft });
        if (documentId && published && draft && TEMPLATE_CONTENT.some((f) => !isDeepStrictEqual(draft[f] ?? null, published[f] ?? null))) {
          const p = published;
          const history: TemplateVersion[] = [
            { version: p.version, title: p.title, body: p.body, riskList: p.riskList, alternatives: p.alternatives, isMaterialChange: p.isMaterialChange, changeSummary: p.changeSummary, publishedAt: p.publishedAt },
            ...(p.previousVersions ?? []),
          ];
          await consentTemplateRows(strapi).archiveIntoDraft(documentId, Number(p.version) + 1, history);
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
      const created = (await next()) as { documentId: string };
      // the new consent supersedes the client's earlier ones for this treatment
      await consentRecordRows(strapi).supersedeEarlier(created.documentId, prepared.client, prepared.treatment);
      await getService(strapi, 'ledger').append([{ kind: 'consent', subjectId: created.documentId }]);
      return created;
    });
  }
  if (['update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'].includes(ctx.action)) {
    throw fieldError('documentId', 'a signed consent record cannot be changed or deleted; sign a new consent, which supersedes it');
  }
  return next();
};
