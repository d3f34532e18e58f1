import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { parseInput, type Ctx } from '../core/http/validate';
import { answerSchema, figuresQuery, lookupSchema } from './survey.schema';

/** One answer for every token that cannot be used: unknown, used or expired look the same. */
const INVALID = 'This survey link is not valid: it may have been used already or have expired.';

const bodyOf = (ctx: Ctx): Record<string, unknown> => {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw fieldError('data', 'the body must be a JSON object');
  return body as Record<string, unknown>;
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** POST /api/clinic-crm/surveys/lookup { token } — public; the token travels in the body, never in a URL or a log. */
  async lookup(ctx: Ctx) {
    const { token } = parseInput(lookupSchema, bodyOf(ctx));
    const survey = await getService(strapi, 'surveys').open(token);
    if (!survey) throw new errors.NotFoundError(INVALID);
    ctx.body = { data: survey };
  },

  /** POST /api/clinic-crm/surveys/answer { token, score, comment } — public, single use. */
  async answer(ctx: Ctx) {
    const { token: rawToken, ...rest } = bodyOf(ctx);
    const { token } = parseInput(lookupSchema, { token: rawToken });
    const answer = parseInput(answerSchema, rest);
    const result = await getService(strapi, 'surveys').answer(token, answer);
    if (!result) throw new errors.NotFoundError(INVALID);
    ctx.status = 201;
    ctx.body = { data: { received: true } };
  },

  /** GET /clinic-crm/satisfaction?from=&to= (admin) */
  async figures(ctx: Ctx) {
    const range = parseInput(figuresQuery, ctx.query);
    ctx.body = { data: await getService(strapi, 'surveys').figures({ from: range.from, to: range.to }) };
  },
});
