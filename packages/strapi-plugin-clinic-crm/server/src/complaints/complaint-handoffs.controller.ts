import type { Core } from '@strapi/strapi';
import { getService } from '../core/plugin';
import { requestLanguage } from '../core/http/language';
import { requireSessionStaff, sessionStaff } from '../core/http/session';
import { dataOf, parseInput, type Ctx } from '../core/http/validate';
import { acceptSchema, handoffSchema, noteSchema } from './complaint-handoffs.schema';

const accountOf = (ctx: Ctx): string => ctx.state?.user?.email ?? (ctx.state?.user?.username as string | undefined) ?? 'staff';

/** Complaint hand-offs and coordination notes (admin panel): the actor is always the session's staff member. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /clinic-crm/complaints/:documentId/handoffs — steps with timers, the proposed next step, what I may do. */
  async view(ctx: Ctx) {
    ctx.body = { data: await getService(strapi, 'complaint-handoffs').view(ctx.params.documentId, await sessionStaff(strapi, ctx)) };
  },

  /** POST /clinic-crm/complaints/:documentId/handoffs { toDepartment, toStaff?, reason } */
  async handOff(ctx: Ctx) {
    const input = parseInput(handoffSchema(requestLanguage(strapi)), dataOf(ctx.request.body));
    const me = await requireSessionStaff(strapi, ctx, 'handedOffBy');
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'complaint-handoffs').handOff(ctx.params.documentId, input, me, accountOf(ctx)) };
  },

  /** POST /clinic-crm/complaints/:documentId/handoffs/:handoffId/accept */
  async accept(ctx: Ctx) {
    const input = parseInput(acceptSchema, dataOf(ctx.request.body));
    const me = await requireSessionStaff(strapi, ctx, 'acceptedBy');
    ctx.body = { data: await getService(strapi, 'complaint-handoffs').accept(ctx.params.documentId, ctx.params.handoffId, input.acceptedBy, me, accountOf(ctx)) };
  },

  /** GET /clinic-crm/complaints/:documentId/notes — the departments involved and management only. */
  async notes(ctx: Ctx) {
    const me = await requireSessionStaff(strapi, ctx, 'department');
    ctx.body = { data: await getService(strapi, 'complaint-handoffs').notes(ctx.params.documentId, me) };
  },

  /** POST /clinic-crm/complaints/:documentId/notes { body } — append-only. */
  async addNote(ctx: Ctx) {
    const input = parseInput(noteSchema(requestLanguage(strapi)), dataOf(ctx.request.body));
    const me = await requireSessionStaff(strapi, ctx, 'author');
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'complaint-handoffs').addNote(ctx.params.documentId, input, me) };
  },
});
