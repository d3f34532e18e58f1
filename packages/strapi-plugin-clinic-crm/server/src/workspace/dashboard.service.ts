import type { Core } from '@strapi/strapi';
import { OPEN_STATUSES } from '../complaints/domain/complaint-workflow';
import { addCalendar, fromWallTime, toWallTime } from '../core/time/time';
import { getConfig, getService, UID } from '../core/plugin';
import type { ComplaintRow } from './types';

type Filter = Record<string, Record<string, unknown>>;

/** A content-manager list URL (relative to /admin) with `$and` filters, so each figure opens its own rows. */
export const listPath = (uid: string, filters: Filter[], sort?: string): string => {
  const params: string[] = [];
  filters.forEach((f, i) => {
    const [field, ops] = Object.entries(f)[0];
    for (const [op, value] of Object.entries(ops)) {
      const values = Array.isArray(value) ? value : [value];
      values.forEach((v, j) => {
        const suffix = Array.isArray(value) ? `[${j}]` : '';
        params.push(`${encodeURIComponent(`filters[$and][${i}][${field}][${op}]${suffix}`)}=${encodeURIComponent(String(v))}`);
      });
    }
  });
  if (sort) params.push(`sort=${encodeURIComponent(sort)}`);
  params.push('page=1');
  return `/content-manager/collection-types/${uid}?${params.join('&')}`;
};

export type SlaState = 'on_track' | 'at_risk' | 'breached' | 'paused';

/**
 * The figures of the CRM dashboard, each with the filtered list it comes from. Counts are done in
 * the database; only open complaints (few, by nature) are read to place them on their SLA clock.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const count = (uid: string, where: Record<string, unknown>): Promise<number> => strapi.db.query(uid).count({ where });

  const startOfLocalDay = (now: Date) => {
    const w = toWallTime(now, cfg().timeZone);
    return fromWallTime({ ...w, hour: 0, minute: 0, second: 0, millisecond: 0 }, cfg().timeZone);
  };
  const startOfLocalMonth = (now: Date) => {
    const w = toWallTime(now, cfg().timeZone);
    return fromWallTime({ ...w, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }, cfg().timeZone);
  };

  return {
    slaState(c: Pick<ComplaintRow, 'breached' | 'pausedSince' | 'routingRule' | 'firstRespondedAt' | 'firstResponseDueAt' | 'resolvedAt' | 'resolutionDueAt'>, now: Date): SlaState {
      if (c.breached) return 'breached';
      if (c.pausedSince) return 'paused';
      const warnMs = Number(c.routingRule?.warningHours ?? 2) * 3_600_000;
      const dues = [c.firstRespondedAt ? null : c.firstResponseDueAt, c.resolvedAt ? null : c.resolutionDueAt]
        .filter((d): d is string => Boolean(d))
        .map((d) => new Date(d).getTime());
      return dues.some((d) => now.getTime() >= d - warnMs) ? 'at_risk' : 'on_track';
    },

    async summary(now = new Date()) {
      const C = UID.complaint;
      const T = UID.followUpTask;
      const today = startOfLocalDay(now);
      const tomorrow = addCalendar(today, { days: 1 }, cfg().timeZone);
      const month = startOfLocalMonth(now);
      const sixMonthsAgo = addCalendar(month, { months: -5 }, cfg().timeZone);

      const open: ComplaintRow[] = await strapi.db.query(C).findMany({
        where: { workflowStatus: { $in: OPEN_STATUSES } },
        select: ['id', 'documentId', 'referenceNumber', 'category', 'severity', 'department', 'channel', 'receivedAt', 'workflowStatus', 'breached', 'pausedSince', 'firstResponseDueAt', 'resolutionDueAt', 'firstRespondedAt', 'resolvedAt'],
        populate: { routingRule: { select: ['warningHours'] }, assignee: { select: ['fullName'] } },
        orderBy: { receivedAt: 'desc' },
      });
      const byStatus = Object.fromEntries(OPEN_STATUSES.map((s) => [s, 0])) as Record<string, number>;
      const bySla: Record<SlaState, number> = { on_track: 0, at_risk: 0, paused: 0, breached: 0 };
      for (const c of open) {
        byStatus[c.workflowStatus] += 1;
        bySla[this.slaState(c, now)] += 1;
      }
      const openFilter = { workflowStatus: { $in: OPEN_STATUSES } };

      const consentWindowDays = 30;
      const validity = cfg().consent.validityDays;
      const expiringFrom = addCalendar(now, { days: -validity }, cfg().timeZone);
      const expiringTo = addCalendar(now, { days: -(validity - consentWindowDays) }, cfg().timeZone);

      const [breachesThisMonth, dueToday, overdue, consentsExpiring, sopReviews, analytics, certifications] = await Promise.all([
        count(C, { breached: true, receivedAt: { $gte: month } }),
        count(T, { taskStatus: 'pending', dueAt: { $gte: today, $lt: tomorrow } }),
        count(T, { taskStatus: 'pending', dueAt: { $lt: now } }),
        count(UID.consentRecord, { consentStatus: 'valid', signedAt: { $gte: expiringFrom, $lt: expiringTo } }),
        getService(strapi, 'sops').reviewOverdue(now),
        getService(strapi, 'analytics').complaints({ from: sixMonthsAgo }),
        getService(strapi, 'training').expired(now),
      ]);
      const ops = await getService(strapi, 'operations').summary(now);
      // where each open complaint sits and for how long (hand-off steps and their timers)
      const whereTheySit = await getService(strapi, 'complaint-handoffs').board(now);

      const iso = (d: Date) => d.toISOString();
      return {
        generatedAt: now.toISOString(),
        timeZone: cfg().timeZone,
        complaints: {
          open: open.length,
          openLink: listPath(C, [openFilter], 'receivedAt:DESC'),
          // the newest open complaints with where routing sent them
          latest: open.slice(0, 8).map((c) => ({
            documentId: c.documentId,
            referenceNumber: c.referenceNumber,
            category: c.category,
            severity: c.severity,
            channel: c.channel,
            department: c.department,
            assignee: c.assignee?.fullName ?? null,
            workflowStatus: c.workflowStatus,
            receivedAt: c.receivedAt,
            resolutionDueAt: c.resolutionDueAt,
            sla: this.slaState(c, now),
          })),
          byStatus: OPEN_STATUSES.map((s) => ({ key: s, count: byStatus[s], link: listPath(C, [{ workflowStatus: { $eq: s } }], 'receivedAt:DESC') })),
          bySla: (Object.keys(bySla) as SlaState[]).map((s) => ({
            key: s,
            count: bySla[s],
            link:
              s === 'breached'
                ? listPath(C, [openFilter, { breached: { $eq: true } }])
                : s === 'paused'
                  ? listPath(C, [openFilter, { pausedSince: { $notNull: true } }])
                  : listPath(C, [openFilter, { breached: { $eq: false } }], 'resolutionDueAt:ASC'),
          })),
          breachesThisMonth: {
            count: breachesThisMonth,
            link: listPath(C, [{ breached: { $eq: true } }, { receivedAt: { $gte: iso(month) } }]),
          },
          byMonth: Object.entries(analytics.byMonth).map(([key, n]) => ({ key, count: n })),
          byCategory: Object.entries(analytics.byCategory).map(([key, n]) => ({ key, count: n })),
          medianHoursToFirstResponse: analytics.medianHoursToFirstResponse,
          whereTheySit,
          slaBreachRate: analytics.slaBreachRate,
        },
        followUps: {
          dueToday: {
            count: dueToday,
            link: listPath(T, [{ taskStatus: { $eq: 'pending' } }, { dueAt: { $gte: iso(today) } }, { dueAt: { $lt: iso(tomorrow) } }], 'dueAt:ASC'),
          },
          overdue: { count: overdue, link: listPath(T, [{ taskStatus: { $eq: 'pending' } }, { dueAt: { $lt: iso(now) } }], 'dueAt:ASC') },
        },
        consents: {
          expiringWithinDays: consentWindowDays,
          expiring: {
            count: consentsExpiring,
            link: listPath(UID.consentRecord, [{ consentStatus: { $eq: 'valid' } }, { signedAt: { $gte: iso(expiringFrom) } }, { signedAt: { $lt: iso(expiringTo) } }], 'signedAt:ASC'),
          },
        },
        operations: {
          devicesOverdue: { count: ops.devicesOverdue, link: listPath(UID.equipment, [{ isActive: { $eq: true } }, { nextMaintenanceDue: { $lt: ops.today } }], 'nextMaintenanceDue:ASC') },
          devicesDueSoon: { count: ops.devicesDueSoon, link: listPath(UID.equipment, [{ isActive: { $eq: true } }, { nextMaintenanceDue: { $gte: ops.today } }], 'nextMaintenanceDue:ASC') },
          drillsOverdue: { count: ops.drillsOverdue, link: listPath(UID.emergencyPlan, [{ nextDrillDue: { $lt: ops.today } }], 'nextDrillDue:ASC') },
          photosFlagged: { count: ops.photosFlagged, link: listPath(UID.clinicalPhoto, [{ flaggedForRemoval: { $eq: true } }]) },
        },
        staff: {
          certificationsExpired: {
            count: certifications.length,
            items: certifications,
            link: listPath(UID.trainingRecord, [{ passed: { $eq: true } }, { certificationExpiresOn: { $lt: iso(today).slice(0, 10) } }], 'certificationExpiresOn:DESC'),
          },
        },
        sops: {
          reviewOverdue: {
            count: sopReviews.length,
            items: sopReviews.map((s) => ({ documentId: s.documentId, code: s.code, title: s.title, reviewDate: s.reviewDate })),
            link: listPath(UID.sopDocument, [{ reviewDate: { $lt: iso(today).slice(0, 10) } }], 'reviewDate:ASC'),
          },
        },
      };
    },
  };
};
