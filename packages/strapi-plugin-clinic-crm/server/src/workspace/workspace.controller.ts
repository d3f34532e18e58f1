import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { resolveLanguage, LANGUAGES } from '../core/i18n/locales';
import { getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';

const EXPORT_KINDS = ['complaints', 'follow-up-tasks'] as const;
type ExportKind = (typeof EXPORT_KINDS)[number];

/** Admin API behind the plugin's pages (dashboard, client timeline, my tasks, price preview, import/export). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async dashboard(ctx) {
    ctx.body = { data: await getService(strapi, 'dashboard').summary() };
  },

  async timeline(ctx) {
    const result = await getService(strapi, 'workspace').timeline(ctx.params.documentId, ctx.state.userAbility);
    if (!result) throw new errors.NotFoundError('Client not found');
    if ('forbidden' in result) throw new errors.ForbiddenError('You may not read clients');
    ctx.body = { data: result };
  },

  async myWork(ctx) {
    ctx.body = { data: await getService(strapi, 'workspace').myWork(ctx.state.user, ctx.state.userAbility) };
  },

  async pricePreview(ctx) {
    const { locale } = ctx.query ?? {};
    if (locale !== undefined && !LANGUAGES.includes(locale as any)) throw fieldError('locale', `locale must be one of: ${LANGUAGES.join(', ')}`);
    const language = resolveLanguage(locale as string | undefined);
    const table = await getService(strapi, 'price-table').get(language);
    ctx.body = { data: { locale: language, etag: table.etag, table: JSON.parse(table.body.toString('utf8')) } };
  },

  async importClients(ctx) {
    const body = ctx.request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw fieldError('body', 'body must be an object { csv, offset, limit, dryRun }');
    ctx.body = { data: await getService(strapi, 'csv').importClients(body) };
  },

  /** GET /clinic-crm/clients/:documentId/export — everything held about the client, as JSON (GDPR/PDPA access/portability). */
  async exportClient(ctx) {
    const data = await getService(strapi, 'privacy').exportClient(ctx.params.documentId);
    ctx.set('Content-Disposition', `attachment; filename="client-${data.client.clientNumber}-${data.exportedAt.slice(0, 10)}.json"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = data;
  },

  /** POST /clinic-crm/clients/:documentId/erase { reason, confirm: <client number> } */
  async eraseClient(ctx) {
    const body = ctx.request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw fieldError('body', 'body must be an object { reason, confirm }');
    ctx.body = { data: await getService(strapi, 'privacy').eraseClient(ctx.params.documentId, body) };
  },

  /** GET /clinic-crm/photos/:documentId/image — a clinical photo for staff allowed to read photos; never cached. */
  async photo(ctx) {
    const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility: ctx.state.userAbility, model: 'plugin::clinic-crm.clinical-photo' });
    if (checker.cannot.read()) throw new errors.ForbiddenError('You may not see clinical photos');
    const photo: any = await strapi.db.query('plugin::clinic-crm.clinical-photo').findOne({ where: { documentId: ctx.params.documentId }, populate: { image: true } });
    if (!photo?.image) throw new errors.NotFoundError('Photo not found');
    const file = require('path').join(strapi.dirs.static.public, photo.image.url.replace(/^\//, ''));
    if (!file.startsWith(strapi.dirs.static.public) || !require('fs').existsSync(file)) throw new errors.NotFoundError('Photo file not found');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = photo.image.mime;
    ctx.body = require('fs').createReadStream(file);
  },

  async operations(ctx) {
    ctx.body = { data: await getService(strapi, 'operations').summary() };
  },

  async audit(ctx) {
    ctx.body = await getService(strapi, 'audit').list({ ...(ctx.query ?? {}) });
  },

  async exportCsv(ctx) {
    const kind = ctx.params.kind as ExportKind;
    if (!EXPORT_KINDS.includes(kind)) throw fieldError('kind', `kind must be one of: ${EXPORT_KINDS.join(', ')}`);
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
