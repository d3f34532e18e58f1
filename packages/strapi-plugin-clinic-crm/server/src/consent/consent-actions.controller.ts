import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID, getService } from '../core/plugin';
import { requestLanguage } from '../core/http/language';
import { requireSessionStaff } from '../core/http/session';
import { parseInput, type Ctx } from '../core/http/validate';
import { drawnSignatureSchema, signBody, signSchema } from './consent.schema';
import { renderConsentPrint } from './print';

interface Ability {
  can?: (action: string, subject: string, field: string) => boolean;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST …/consent-records/sign — renders the current template for the client and treatment and records the signature. */
  async sign(ctx: Ctx) {
    const input = parseInput(signSchema, signBody(ctx.request.body));
    if (ctx.state?.auth?.strategy?.name === 'admin') {
      // the staff screen: a linked staff member witnesses, and the client draws the signature
      // (witness and override are bound to the signed-in person by the consent service, on every path)
      await requireSessionStaff(strapi, ctx, 'witness');
      parseInput(drawnSignatureSchema(requestLanguage(strapi)), input);
    }
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'consent').sign(input, ctx.request.ip) };
  },

  /** GET /clinic-crm/consent-records/:documentId/verify — recomputes the hash. */
  async verify(ctx: Ctx) {
    const result = await getService(strapi, 'consent').verify(ctx.params.documentId);
    if (!result) throw new errors.NotFoundError('Consent record not found');
    ctx.body = { data: result };
  },

  /** GET /clinic-crm/consent-records/:documentId/print — a clean printable page in the consent's language. */
  async print(ctx: Ctx) {
    const ability = ctx.state.userAbility as Ability | undefined;
    const mayReadOverride = Boolean(ability?.can?.('plugin::content-manager.explorer.read', UID.consentRecord, 'contraindicationOverride'));
    const html = await renderConsentPrint(strapi, ctx.params.documentId, mayReadOverride);
    if (html === null) throw new errors.NotFoundError('Consent record not found');
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    ctx.body = html;
  },
});
