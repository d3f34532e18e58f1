import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { resolveLanguage } from '../core/i18n/locales';
import { getService } from '../core/plugin';
import { documentIdParam, parseInput, type Ctx } from '../core/http/validate';
import { eraseBody } from '../privacy/privacy.schema';
import { exportParams, importClientsBody, pricePreviewQuery } from './workspace.schema';
import { auditQuery } from '../core/audit/audit.schema';

/**
 * Admin API behind the plugin's pages (dashboard, client timeline, my tasks, price preview,
 * import/export, GDPR requests, photos, audit). Each action parses its input with its schema
 * (workspace.schema.ts, privacy.schema.ts), calls one service method and answers.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async dashboard(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'dashboard').summary() };
  },

  async timeline(ctx: Ctx) {
    const { documentId } = parseInput(documentIdParam, ctx.params);
    const result = await getService(strapi, 'workspace').timeline(documentId, ctx.state.userAbility);
    if (!result) throw new errors.NotFoundError('Client not found');
    if ('forbidden' in result) throw new errors.ForbiddenError('You may not read clients');
    ctx.body = { data: result };
  },

  async myWork(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'workspace').myWork(ctx.state.user!, ctx.state.userAbility) };
  },

  async pricePreview(ctx: Ctx) {
    const { locale } = parseInput(pricePreviewQuery, ctx.query);
    const language = resolveLanguage(locale);
    const table = await getService(strapi, 'price-table').get(language);
    ctx.body = { data: { locale: language, etag: table.etag, table: JSON.parse(table.body.toString('utf8')) } };
  },

  async importClients(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'csv').importClients(parseInput(importClientsBody, ctx.request.body)) };
  },

  /** GET /clinic-crm/clients/:documentId/export — everything held about the client, as JSON (GDPR/PDPA access/portability). */
  async exportClient(ctx: Ctx) {
    const { documentId } = parseInput(documentIdParam, ctx.params);
    const data = await getService(strapi, 'privacy').exportClient(documentId);
    ctx.set('Content-Disposition', `attachment; filename="client-${data.client.clientNumber}-${data.exportedAt.slice(0, 10)}.json"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = data;
  },

  /** POST /clinic-crm/clients/:documentId/erase { reason, confirm: <client number> } */
  async eraseClient(ctx: Ctx) {
    const { documentId } = parseInput(documentIdParam, ctx.params);
    ctx.body = { data: await getService(strapi, 'privacy').eraseClient(documentId, parseInput(eraseBody, ctx.request.body)) };
  },

  /** GET /clinic-crm/photos/:documentId/image — a clinical photo for staff allowed to read photos; never cached. */
  async photo(ctx: Ctx) {
    const { documentId } = parseInput(documentIdParam, ctx.params);
    const file = await getService(strapi, 'operations').photoFile(documentId, ctx.state.userAbility);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = file.mime;
    ctx.body = file.stream;
  },

  async operations(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'operations').summary() };
  },

  async audit(ctx: Ctx) {
    ctx.body = await getService(strapi, 'audit').list(parseInput(auditQuery, ctx.query));
  },

  async exportCsv(ctx: Ctx) {
    const { kind } = parseInput(exportParams, ctx.params);
    const csv = getService(strapi, 'csv');
    const total = await csv.exportCount(kind);
    const stamp = new Date().toISOString().slice(0, 10);
    ctx.set('X-Total-Count', String(total));
    ctx.set('Access-Control-Expose-Headers', 'X-Total-Count, Content-Disposition');
    ctx.set('Content-Disposition', `attachment; filename="clinic-crm-${kind}-${stamp}.csv"`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = csv.exportStream(kind);
  },
});
