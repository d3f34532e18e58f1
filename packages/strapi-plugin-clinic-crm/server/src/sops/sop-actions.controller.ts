import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService, relationRef } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, requireSessionStaff } from '../core/http/session';

const found = <T>(v: T | null) => {
  if (!v) throw new errors.NotFoundError('SOP not found or not published');
  return v;
};

const SAY = {
  other: {
    'zh-Hant': '只能確認自己已閱讀 SOP，不能代替他人確認。',
    'zh-Hans': '只能确认自己已阅读 SOP，不能代替他人确认。',
    en: 'You acknowledge an SOP for yourself only, not on someone else’s behalf.',
  },
};

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /**
   * POST …/sop-documents/:documentId/acknowledge — the signed-in staff member acknowledges the
   * current version (admin panel or REST). A body naming another staff member is a 403.
   */
  async acknowledge(ctx) {
    const body = ctx.request.body ?? {};
    const input = body.data && typeof body.data === 'object' ? body.data : body;
    const language = requestLanguage(strapi);
    const me = await requireSessionStaff(strapi, ctx, 'staff');
    if (input.staff !== undefined && input.staff !== null && relationRef(input.staff)?.documentId !== me.documentId) throw forbiddenField('staff', say(language, SAY.other));
    ctx.body = { data: found(await getService(strapi, 'sops').acknowledge(ctx.params.documentId, me.documentId)) };
  },
  async acknowledgements(ctx) {
    ctx.body = { data: found(await getService(strapi, 'sops').acknowledgements(ctx.params.documentId)) };
  },
  async reviewOverdue(ctx) {
    ctx.body = { data: await getService(strapi, 'sops').reviewOverdue() };
  },
});
