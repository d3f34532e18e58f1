import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, languageOf } from '../core/i18n/locales';
import { localDate } from '../core/time/time';
import { UID, getConfig, getService, relationRef } from '../core/plugin';
import { requestLanguage, say } from '../core/http/language';
import { forbiddenField, type SessionStaff } from '../core/http/session';
import { sopAcknowledgements } from './sop-acknowledgement.repository';
import { sopDocumentRows } from './sop-document.repository';
import type { SopDoc, SopVersion, StaffRow } from './types';
import { fieldError } from '../core/http/validation-errors';

const CONTENT = ['title', 'body'] as const;

const SAY = {
  other: {
    'zh-Hant': '只能確認自己已閱讀 SOP，不能代替他人確認。',
    'zh-Hans': '只能确认自己已阅读 SOP，不能代替他人确认。',
    en: 'You acknowledge an SOP for yourself only, not on someone else’s behalf.',
  },
};

/**
 * SOP documents: versions (each publish of changed content keeps the previous text readable),
 * staff acknowledgement of the current version, and overdue reviews reported to managers.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const acks = sopAcknowledgements(strapi);
  const current = async (documentId: string) =>
    (await strapi.documents(UID.sopDocument).findOne({ documentId, locale: DEFAULT_LANGUAGE, status: 'published', populate: { owner: { fields: ['fullName'] } } })) as SopDoc | null;

  return {
    /** Called before a publish: bumps the version and archives the published text when the content changed. */
    async beforePublish(documentId: string, locale: string | undefined) {
      const lang = locale ?? DEFAULT_LANGUAGE;
      const [published] = (await strapi.documents(UID.sopDocument).findMany({ filters: { documentId }, locale: lang, status: 'published' })) as SopDoc[];
      const [draft] = (await strapi.documents(UID.sopDocument).findMany({ filters: { documentId }, locale: lang, status: 'draft' })) as SopDoc[];
      if (!published || !draft) return;
      const p = published;
      if (CONTENT.every((f) => draft[f] === p[f])) return;
      const history: SopVersion[] = [{ version: p.version, title: p.title, body: p.body, effectiveDate: p.effectiveDate, publishedAt: p.publishedAt }, ...(p.previousVersions ?? [])];
      await sopDocumentRows(strapi).archiveIntoDraft(documentId, lang, history, Number(p.version) + 1);
    },

    /** The signed-in `me` acknowledges; a request naming another staff member (`named`) is a 403. */
    async acknowledgeAs(me: SessionStaff, documentId: string, named: unknown) {
      if (named !== undefined && named !== null && relationRef(named)?.documentId !== me.documentId) throw forbiddenField('staff', say(requestLanguage(strapi), SAY.other));
      return this.acknowledge(documentId, me.documentId);
    },

    /** A staff member confirms reading the current version (idempotent). */
    async acknowledge(documentId: string, staffDocumentId: unknown) {
      const sop = await current(documentId);
      if (!sop) return null;
      if (typeof staffDocumentId !== 'string') throw fieldError('staff', 'staff is required');
      const staff = (await strapi.db.query(UID.staffMember).findOne({ where: { documentId: staffDocumentId, isActive: true }, select: ['id', 'documentId', 'fullName'] })) as StaffRow | null;
      if (!staff) throw fieldError('staff', 'staff must be an active staff member');
      const ackKey = `${documentId}:${sop.version}:${staff.documentId}`;
      if (!(await acks.exists(ackKey))) await acks.record({ ackKey, sopDocumentId: documentId, sopCode: sop.code, version: sop.version, staffId: staff.id });
      return { documentId, code: sop.code, version: sop.version, staff: staff.documentId, acknowledged: true };
    },

    /** Who has and has not read the current version (staff of the SOP's department, or everyone for 'all'). */
    async acknowledgements(documentId: string) {
      const sop = await current(documentId);
      if (!sop) return null;
      const where: Record<string, unknown> = { isActive: true };
      if (sop.department !== 'all') where.department = sop.department;
      const staff = (await strapi.db.query(UID.staffMember).findMany({ where, select: ['documentId', 'fullName', 'department'], orderBy: { fullName: 'asc' } })) as StaffRow[];
      const at = new Map((await acks.forVersion(documentId, sop.version)).map((a) => [a.staff?.documentId, a.acknowledgedAt]));
      return {
        documentId,
        code: sop.code,
        version: sop.version,
        acknowledged: staff.filter((s) => at.has(s.documentId)).map((s) => ({ ...s, acknowledgedAt: at.get(s.documentId) })),
        missing: staff.filter((s) => !at.has(s.documentId)),
      };
    },

    /** Published SOPs whose review date has passed (clinic-local date). */
    async reviewOverdue(now = new Date()): Promise<SopDoc[]> {
      const today = localDate(now, cfg().timeZone);
      return (await strapi.documents(UID.sopDocument).findMany({
        locale: DEFAULT_LANGUAGE,
        status: 'published',
        filters: { reviewDate: { $lt: today } },
        fields: ['code', 'title', 'version', 'reviewDate', 'stage', 'department'],
        sort: [{ reviewDate: 'asc' }],
      })) as SopDoc[];
    },

    /** Emails each manager once per SOP and review date (key `sop:<id>:review:<date>:<manager>`). */
    async remindOverdueReviews(now = new Date()) {
      const overdue = await this.reviewOverdue(now);
      if (overdue.length === 0) return { queued: 0 };
      // a staff member's e-mail is a required field
      const managers: Array<StaffRow & { email: string }> = await strapi.db.query(UID.staffMember).findMany({ where: { department: 'management', isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
      const inputs = overdue.flatMap((sop) =>
        managers.map((m) => {
          const language = languageOf(m);
          return {
            key: `sop:${sop.documentId}:review:${sop.reviewDate}:${m.documentId}`,
            template: 'sop_review_due',
            language,
            recipientEmail: m.email,
            recipientStaff: m.id,
            payload: {
              recipient: { name: m.fullName },
              sop: { code: sop.code, title: sop.title, version: sop.version, reviewDate: sop.reviewDate },
              links: { sop: `${cfg().adminUrl}/content-manager/collection-types/${UID.sopDocument}/${sop.documentId}` },
            },
          };
        })
      );
      const results = await getService(strapi, 'outbox').enqueueMany(inputs);
      return { queued: results.filter((r) => r.created).length };
    },
  };
};
