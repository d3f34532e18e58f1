import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import type { TemplateVersion } from './types';

/**
 * A template's `version` and `previousVersions` are maintained by the server while a changed
 * template is published (consent middleware, inside the publish): the draft row gets the next
 * version and the archived text just before the document service copies it to the published row.
 * Writing them through documents().update would run the template rules and middlewares again in
 * the middle of that publish, so the draft row is written here directly.
 */
export const consentTemplateRows = (strapi: Core.Strapi) => ({
  async archiveIntoDraft(documentId: string, nextVersion: number, history: TemplateVersion[]): Promise<void> {
    await strapi.db.query(UID.consentTemplate).updateMany({
      where: { documentId, publishedAt: { $null: true } },
      data: { version: nextVersion, previousVersions: history },
    });
  },
});
