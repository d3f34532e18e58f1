import type { Core } from '@strapi/strapi';
import { DEFAULT_LANGUAGE, languageOf } from '../core/i18n/locales';
import { localDate } from '../core/time/time';
import { UID, getConfig, getService } from '../core/plugin';
import { insertRows } from '../core/rows';
import { fieldError } from '../core/http/validation-errors';

const CONTENT = ['title', 'body'] as const;

/**
 * SOP documents: versions (each publish of changed content keeps the previous text readable),
 * staff acknowledgement of the current version, and overdue reviews reported to managers.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const current = (documentId: string) =>
    strapi.documents(UID.sopDocument).findOne({ documentId, locale: DEFAULT_LANGUAGE, status: 'published', populate: { owner: { fields: ['fullName'] } } } as any) as Promise<any>;

  return {
    /** Called before a publish: bumps the version and archives the published text when the content changed. */
    async beforePublish(documentId: string, locale: string | undefined) {
      const lang = locale ?? DEFAULT_LANGUAGE;
      const [published] = await strapi.documents(UID.sopDocument).findMany({ filters: { documentId }, locale: lang, status: 'published' } as any);
      const [draft] = await strapi.documents(UID.sopDocument).findMany({ filters: { documentId }, locale: lang, status: 'draft' } as any);
      if (!published || !draft) return;
      const p: any = published;
      if (CONTENT.every((f) => (draft as any)[f] === p[f])) return;
      const history = [{ version: p.version, title: p.title, body: p.body, effectiveDate: p.effectiveDate, publishedAt: p.publishedAt }, ...((p.previousVersions as any[]) ?? [])];
      await strapi.db.query(UID.sopDocument).updateMany({ where: { documentId, locale: lang, publishedAt: { $null: true } }, data: { previousVersions: history } });
      if (lang === DEFAULT_LANGUAGE) {
        // the version number is shared by every language: the Traditional Chinese text is the reference
        await strapi.db.query(UID.sopDocument).updateMany({ where: { documentId, publishedAt: { $null: true } }, data: { version: Number(p.version) + 1 } });
      }
    },

    /** A staff member confirms reading the current version (idempotent). */
    async acknowledge(documentId: string, staffDocumentId: unknown) {
      const sop = await current(documentId);
      if (!sop) return null;
      if (typeof staffDocumentId !== 'string') throw fieldError('staff', 'staff is required');
      const staff = await strapi.db.query(UID.staffMember).findOne({ where: { documentId: staffDocumentId, isActive: true }, select: ['id', 'documentId', 'fullName'] });
      if (!staff) throw fieldError('staff', 'staff must be an active staff member');
      const ackKey = `${documentId}:${sop.version}:${staff.documentId}`;
      const existing = await strapi.db.query(UID.sopAcknowledgement).findOne({ where: { ackKey } });
      if (!existing) {
        await insertRows(strapi, UID.sopAcknowledgement, [
          { data: { ackKey, sopDocumentId: documentId, sopCode: sop.code, version: sop.version, acknowledgedAt: new Date() }, links: { staff: staff.id } },
        ]);
      }
      return { documentId, code: sop.code, version: sop.version, staff: staff.documentId, acknowledged: true };
    },

    /** Who has and has not read the current version (staff of the SOP's department, or everyone for 'all'). */
    async acknowledgements(documentId: string) {
      const sop = await current(documentId);
      if (!sop) return null;
      const where: any = { isActive: true };
      if (sop.department !== 'all') where.department = sop.department;
      const staff = await strapi.db.query(UID.staffMember).findMany({ where, select: ['documentId', 'fullName', 'department'], orderBy: { fullName: 'asc' } });
      const acks = await strapi.db.query(UID.sopAcknowledgement).findMany({
        where: { sopDocumentId: documentId, version: sop.version },
        populate: { staff: { select: ['documentId'] } },
      });
      const at = new Map(acks.map((a: any) => [a.staff?.documentId, a.acknowledgedAt]));
      return {
        documentId,
        code: sop.code,
        version: sop.version,
        acknowledged: staff.filter((s: any) => at.has(s.documentId)).map((s: any) => ({ ...s, acknowledgedAt: at.get(s.documentId) })),
        missing: staff.filter((s: any) => !at.has(s.documentId)),
      };
    },

    /** Published SOPs whose review date has passed (clinic-local date). */
    async reviewOverdue(now = new Date()) {
      const today = localDate(now, cfg().timeZone);
      return strapi.documents(UID.sopDocument).findMany({
        locale: DEFAULT_LANGUAGE,
        status: 'published',
        filters: { reviewDate: { $lt: today } },
        fields: ['code', 'title', 'version', 'reviewDate', 'stage', 'department'],
        sort: [{ reviewDate: 'asc' }],
      } as any) as Promise<any[]>;
    },

    /** Emails each manager once per SOP and review date (key `sop:<id>:review:<date>:<manager>`). */
    async remindOverdueReviews(now = new Date()) {
      const overdue = await this.reviewOverdue(now);
      if (overdue.length === 0) return { queued: 0 };
      const managers = await strapi.db.query(UID.staffMember).findMany({ where: { department: 'management', isActive: true }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
      const inputs = overdue.flatMap((sop) =>
        managers.map((m: any) => {
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
