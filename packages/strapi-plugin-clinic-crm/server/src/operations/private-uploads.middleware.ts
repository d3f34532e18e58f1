import type { Core } from '@strapi/strapi';
import type { Context } from 'koa';
import { UID } from '../core/plugin';

const FORMAT_PREFIX = /^(thumbnail|small|medium|large|xlarge)_/;

/**
 * Before `strapi::public`: files of clinical photos are never served from /uploads, to anyone.
 * Staff see them through GET /clinic-crm/photos/:documentId/image (admin, permission-checked).
 * A path is matched on the file's hash, so every resized format of a photo is covered too.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  async (ctx: Context, next: () => Promise<void>) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith('/uploads/')) return next();
    const name = decodeURIComponent(ctx.path.slice('/uploads/'.length));
    const hash = name.replace(/\.[^./]+$/, '').replace(FORMAT_PREFIX, '');
    if (!hash || name.includes('/')) return next();
    const hit = await strapi.db.query(UID.clinicalPhoto).count({ where: { image: { hash } } });
    if (hit > 0) {
      ctx.status = 404;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };
      return;
    }
    return next();
  };
