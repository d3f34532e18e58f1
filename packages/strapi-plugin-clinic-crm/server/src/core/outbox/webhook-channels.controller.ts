import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../plugin';
import type { Ctx } from '../http/validate';

/** Admin routes of webhook channels (outbox.manage: managers): the list, and the secret's reveal and rotation. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const channels = () => getService(strapi, 'webhook-channels');
  const secretAnswer = (ctx: Ctx, documentId: string, secret: string | null) => {
    if (!secret) throw new errors.NotFoundError('No webhook channel with this id');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { documentId, signingSecret: secret } };
  };
  return {
    /** GET /clinic-crm/webhook-channels: never a secret, only its last four characters. */
    async find(ctx: Ctx) {
      ctx.body = { data: await channels().list() };
    },

    /** POST /clinic-crm/webhook-channels/:documentId/secret/reveal */
    async reveal(ctx: Ctx) {
      secretAnswer(ctx, ctx.params.documentId, await channels().reveal(ctx.params.documentId));
    },

    /** POST /clinic-crm/webhook-channels/:documentId/secret/rotate: the new secret, at once in force. */
    async rotate(ctx: Ctx) {
      secretAnswer(ctx, ctx.params.documentId, await channels().rotate(ctx.params.documentId));
    },
  };
};
