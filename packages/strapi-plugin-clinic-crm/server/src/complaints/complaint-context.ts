import type { Core } from '@strapi/strapi';
import type { BusinessCalendar } from '../core/time/business-time';
import { OPEN_STATUSES } from './domain/complaint-workflow';
import { COMPLAINT_CATEGORY_LABELS, Language, languageOf, pick } from '../core/i18n/locales';
import { formatLocalDateTime } from '../core/time/time';
import { UID, getConfig, getService } from '../core/plugin';
import { complaintEvents } from './complaint-event.repository';
import { complaintRows, STAFF_FIELDS } from './complaint.repository';
import { tableMeta } from '../core/db-meta';
import { routingLookups } from './routing-lookups';
import type { ComplaintRow, StaffRef } from './types';

/**
 * What the complaint services share: configuration, the business calendar, the repositories,
 * staff lookups (least open load) and the staff e-mails of a complaint.
 */
export const complaintContext = (strapi: Core.Strapi) => {
  const cfg = () => getConfig(strapi);
  /** Opening hours, public holidays, the clinic's closures and make-up workdays (calendar/). */
  const calendar = (): BusinessCalendar => getService(strapi, 'calendar').current();
  const link = (documentId: string) => `${cfg().adminUrl}/content-manager/collection-types/${UID.complaint}/${documentId}`;
  const local = (d: Date | string | null | undefined) => (d ? formatLocalDateTime(d, cfg().timeZone) : '—');

  const payload = (c: ComplaintRow, recipient: StaffRef, lang: Language, extra: Record<string, unknown> = {}) => ({
    recipient: { name: recipient.fullName },
    complaint: {
      referenceNumber: c.referenceNumber,
      contactName: c.contactName,
      categoryLabel: pick(COMPLAINT_CATEGORY_LABELS[c.category] ?? COMPLAINT_CATEGORY_LABELS.other, lang),
      severity: c.severity,
      firstResponseDueLocal: local(c.firstResponseDueAt),
      resolutionDueLocal: local(c.resolutionDueAt),
    },
    links: { complaint: link(c.documentId) },
    ...extra,
  });

  const lookups = routingLookups(strapi);
  /** A department's active staff (this instance's copy: routing-lookups.ts). */
  const activeStaff = (department: string): Promise<StaffRef[]> =>
    lookups.get(`staff:${department}`, async () => (await strapi.db.query(UID.staffMember).findMany({ where: { department, isActive: true }, select: STAFF_FIELDS, orderBy: { id: 'asc' } })) as StaffRef[]);

  /** The active member of a department with the fewest open complaints (the staff list cached, one GROUP BY). */
  const leastLoaded = async (department: string): Promise<StaffRef | null> => {
    const staff = await activeStaff(department);
    if (staff.length <= 1) return staff[0] ?? null;
    const meta = tableMeta(strapi, UID.complaint);
    const lnk = meta.joinTable('assignee');
    const col = `l.${lnk.inverseJoinColumn.name}`;
    const rows = (await strapi.db.transaction(({ trx }) =>
      trx(`${lnk.name} as l`)
        .join(`${meta.tableName} as c`, 'c.id', `l.${lnk.joinColumn.name}`)
        .whereIn('c.workflow_status', OPEN_STATUSES)
        .whereIn(col, staff.map((s) => s.id))
        .groupBy(col)
        .select({ id: col })
        .count({ n: '*' })
    )) as Array<{ id: number | string; n: number | string }>;
    const load = new Map(rows.map((r) => [Number(r.id), Number(r.n)]));
    return staff.reduce((best, s) => ((load.get(s.id) ?? 0) < (load.get(best.id) ?? 0) ? s : best));
  };

  const notify = (key: string, template: string, recipients: Array<StaffRef | null | undefined>, c: ComplaintRow, extra: Record<string, unknown> = {}) =>
    getService(strapi, 'outbox').enqueueMany(
      recipients
        .filter((r): r is StaffRef & { email: string } => !!r?.email)
        .map((r) => {
          const lang = languageOf(r);
          return { key: `${key}:${r.documentId}`, template, language: lang, recipientEmail: r.email, recipientStaff: r.id, payload: payload(c, r, lang, extra) };
        })
    );

  return { strapi, cfg, calendar, lookups, activeStaff, leastLoaded, notify, rows: complaintRows(strapi), events: complaintEvents(strapi) };
};

export type ComplaintContext = ReturnType<typeof complaintContext>;
