import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE } from '../core/i18n/locales';
import { UID } from '../core/plugin';
import type { SopVersion } from './types';

/**
 * An SOP's `version` and `previousVersions` are maintained by the server while a changed SOP is
 * published (catalogue middleware → sops.beforePublish): the draft rows get them just before the
 * document service copies the draft to the published row. A documents().update there would run
 * the catalogue rules, audit and the publish split again in the middle of that publish, so the
 * draft rows are written here directly.
 */
export const sopDocumentRows = (strapi: Core.Strapi) => ({
  async archiveIntoDraft(documentId: string, locale: string, history: SopVersion[], nextVersion: number): Promise<void> {
    const q = strapi.db.query(UID.sopDocument);
    await q.updateMany({ where: { documentId, locale, publishedAt: { $null: true } }, data: { previousVersions: history } });
    if (locale === DEFAULT_LANGUAGE) {
      // the version number is shared by every language: the Traditional Chinese text is the reference
      await q.updateMany({ where: { documentId, publishedAt: { $null: true } }, data: { version: nextVersion } });
    }
  },
});
