import type { Core } from '@strapi/strapi';
import { UID, getConfig, getService } from '../core/plugin';
import { localMonth } from '../core/sql';
import { businessMinutesBetween } from '../core/time/business-time';
import { sqlTime, tableMeta } from '../core/db-meta';

export interface AnalyticsRange {
  from?: Date | null;
  to?: Date | null;
}

const HOUR = 3_600_000;
/** A count or a sum as the driver returns it (a string on Postgres). */
type Count = number | string;
interface Named {
  name: string | null;
  n: Count;
}
interface Sample {
  receivedAt: Date | string | number;
  firstRespondedAt: Date | string | number | null;
  resolvedAt: Date | string | number | null;
  pausedMinutes: Count | null;
}
/** Complaints (newest first) whose business-time durations are computed row by row. */
const BUSINESS_SAMPLE = 20_000;

/**
 * Complaint analytics computed by SQL aggregation (GROUP BY, ORDER BY … OFFSET for medians),
 * never by loading the rows: counts by category, department, status and month; median hours to
 * first response and to resolution; SLA breach rate; repeat complainants; top treatments.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const isPg = () => strapi.db.dialect.client === 'postgres';
  const at = (d: Date) => sqlTime(strapi, d);

  return {
    /**
     * `businessTime`: also the medians in business hours, computed row by row over a sample (the
     * analytics page asks for them; the dashboard, loaded far more often, does not show them).
     */
    async complaints(range: AnalyticsRange = {}, opts: { businessTime?: boolean } = {}) {
      const knex = strapi.db.connection;
      const c = tableMeta(strapi, UID.complaint);
      const T = c.tableName;
      const col = (attribute: string) => c.column(attribute);
      const base = () => {
        const q = knex(`${T} as c`);
        if (range.from) q.where(`c.${col('receivedAt')}`, '>=', at(range.from));
        if (range.to) q.where(`c.${col('receivedAt')}`, '<', at(range.to));
        return q;
      };
      const counted = async (attr: string) => {
        const rows = await base().select({ key: `c.${col(attr)}` }).count({ n: '*' }).groupBy(`c.${col(attr)}`).orderBy('n', 'desc');
        return Object.fromEntries((rows as Array<{ key: string | null; n: Count }>).map((r) => [r.key ?? 'unassigned', Number(r.n)]));
      };

      // Month in the clinic's time zone. Postgres columns are `timestamp without time zone` holding UTC.
      const tz = getConfig(strapi).timeZone;
      const received = `c.${col('receivedAt')}`;
      const month = localMonth(strapi, received, tz);

      const durationMs = (later: string) =>
        isPg() ? `extract(epoch from (c.${col(later)} - ${received})) * 1000` : `(c.${col(later)} - ${received})`;
      const medianHours = async (later: string) => {
        const expr = durationMs(later);
        const filtered = () => base().whereNotNull(`c.${col(later)}`);
        const [{ n }] = await filtered().count({ n: '*' });
        const count = Number(n);
        if (count === 0) return null;
        const middle = await filtered()
          .select(knex.raw(`${expr} as d`))
          .orderByRaw(`${expr} asc`)
          .offset(Math.floor((count - 1) / 2))
          .limit(count % 2 === 0 ? 2 : 1);
        const values = (middle as Array<{ d: Count }>).map((r) => Number(r.d));
        return Math.round((values.reduce((a: number, b: number) => a + b, 0) / values.length / HOUR) * 100) / 100;
      };

      const clientLink = c.joinTable('client');
      const recordLink = c.joinTable('treatmentRecord');
      const r = tableMeta(strapi, UID.treatmentRecord);
      const treatmentLink = r.joinTable('treatment');
      const t = tableMeta(strapi, UID.treatment);
      const practitionerLink = r.joinTable('practitioner');
      const staff = tableMeta(strapi, UID.staffMember);

      const [bySeverity, practitionerRows, satisfaction] = await Promise.all([
        counted('severity'),
        // complaints about a treatment, by who performed it
        base()
          .join(`${recordLink.name} as rl2`, `rl2.${recordLink.joinColumn.name}`, 'c.id')
          .join(`${practitionerLink.name} as pl`, `pl.${practitionerLink.joinColumn.name}`, `rl2.${recordLink.inverseJoinColumn.name}`)
          .join(`${staff.tableName} as s`, 's.id', `pl.${practitionerLink.inverseJoinColumn.name}`)
          .select({ practitioner: 's.document_id' })
          .max({ name: `s.${staff.column('fullName', 'full_name')}` })
          .countDistinct({ n: 'c.id' })
          .groupBy('s.document_id')
          .orderBy([{ column: 'n', order: 'desc' }, { column: 'practitioner', order: 'asc' }])
          .limit(20),
        // the client's score once the complaint was resolved (1–5)
        base()
          .whereNotNull(`c.${col('satisfactionScore')}`)
          .count({ n: '*' })
          .avg({ average: `c.${col('satisfactionScore')}` })
          .select(knex.raw(`sum(case when c.${col('satisfactionScore')} >= 4 then 1 else 0 end) as satisfied`))
          .first(),
      ]);
      const [byCategory, byDepartment, byStatus, byMonthRows, totals, firstResponse, resolution, repeatRows, topRows] = await Promise.all([
        counted('category'),
        counted('department'),
        counted('workflowStatus'),
        base().select({ month }).count({ n: '*' }).groupBy('month').orderBy('month'),
        base()
          .count({ total: '*' })
          .select(knex.raw(`sum(case when c.${col('breached')} then 1 else 0 end) as breached`))
          .first(),
        medianHours('firstRespondedAt'),
        medianHours('resolvedAt'),
        // the same client record, else the same email, else the same phone
        base()
          .leftJoin(`${clientLink.name} as cl`, `cl.${clientLink.joinColumn.name}`, 'c.id')
          .select(
            knex.raw(
              `coalesce('client:' || cast(cl.${clientLink.inverseJoinColumn.name} as varchar(20)), 'email:' || lower(c.${col('contactEmail')}), 'phone:' || c.${col('contactPhone')}) as who`
            )
          )
          .max({ name: `c.${col('contactName')}` })
          .count({ n: '*' })
          .groupBy('who')
          .havingRaw('count(*) > 1')
          .orderBy('n', 'desc'),
        base()
          .join(`${recordLink.name} as rl`, `rl.${recordLink.joinColumn.name}`, 'c.id')
          .join(`${treatmentLink.name} as tl`, `tl.${treatmentLink.joinColumn.name}`, `rl.${recordLink.inverseJoinColumn.name}`)
          .join(`${t.tableName} as t`, 't.id', `tl.${treatmentLink.inverseJoinColumn.name}`)
          .select({ treatment: 't.document_id' })
          .max({ name: 't.name' })
          // a record links both the draft and the published row of its treatment: count complaints once
          .countDistinct({ n: 'c.id' })
          .groupBy('t.document_id')
          .orderBy([{ column: 'n', order: 'desc' }, { column: 'treatment', order: 'asc' }])
          .limit(10),
      ]);
      // Business time (the clinic's opening hours; resolution also minus the time paused waiting on
      // the client), as the SLA clocks count it: computed per complaint over the period's newest BUSINESS_SAMPLE.
      const calendar = getService(strapi, 'complaints').calendar();
      const sample: Sample[] = !opts.businessTime
        ? []
        : await base()
            .where((q) => q.whereNotNull(`c.${col('firstRespondedAt')}`).orWhereNotNull(`c.${col('resolvedAt')}`))
            .select({ receivedAt: received, firstRespondedAt: `c.${col('firstRespondedAt')}`, resolvedAt: `c.${col('resolvedAt')}`, pausedMinutes: `c.${col('pausedMinutes')}` })
            .orderBy(received, 'desc')
            .limit(BUSINESS_SAMPLE);
      const businessMedian = (later: 'firstRespondedAt' | 'resolvedAt') => {
        const hours = sample
          .filter((x) => x[later] !== null && x[later] !== undefined)
          // pauses (waiting on the client) come after the first answer: only resolution time loses them
          .map((x) => Math.max(0, businessMinutesBetween(new Date(x.receivedAt), new Date(x[later] as Date | string | number), calendar) - (later === 'resolvedAt' ? Number(x.pausedMinutes ?? 0) : 0)) / 60)
          .sort((a: number, b: number) => a - b);
        if (hours.length === 0) return null;
        const mid = Math.floor((hours.length - 1) / 2);
        const m = hours.length % 2 ? hours[mid] : (hours[mid] + hours[mid + 1]) / 2;
        return Math.round(m * 100) / 100;
      };
      const sums = totals as { total?: Count; breached?: Count | null } | undefined;
      const total = Number(sums?.total ?? 0);
      const breached = Number(sums?.breached ?? 0);
      const sat = satisfaction as { n?: Count; average?: Count | null; satisfied?: Count | null } | undefined;
      return {
        range: { from: range.from?.toISOString() ?? null, to: range.to?.toISOString() ?? null },
        total,
        byCategory,
        byDepartment,
        byStatus,
        byMonth: Object.fromEntries((byMonthRows as Array<{ month: string; n: Count }>).map((m) => [m.month, Number(m.n)])),
        medianHoursToFirstResponse: firstResponse,
        medianHoursToResolution: resolution,
        ...(opts.businessTime
          ? {
              medianBusinessHoursToFirstResponse: businessMedian('firstRespondedAt'),
              medianBusinessHoursToResolution: businessMedian('resolvedAt'),
              businessTimeSample: sample.length,
            }
          : {}),
        slaBreachRate: total ? Math.round((breached / total) * 10_000) / 10_000 : 0,
        breached,
        repeatComplainants: {
          count: repeatRows.length,
          top: (repeatRows as Named[]).slice(0, 10).map((x) => ({ name: x.name, complaints: Number(x.n) })),
        },
        topTreatments: (topRows as Array<Named & { treatment: string }>).map((x) => ({ documentId: x.treatment, name: x.name, complaints: Number(x.n) })),
        bySeverity,
        byPractitioner: (practitionerRows as Array<Named & { practitioner: string }>).map((x) => ({ documentId: x.practitioner, name: x.name, complaints: Number(x.n) })),
        satisfactionAfterResolution: {
          responses: Number(sat?.n ?? 0),
          average: sat?.average === null || sat?.average === undefined ? null : Math.round(Number(sat.average) * 100) / 100,
          satisfiedRate: Number(sat?.n ?? 0) ? Math.round((Number(sat?.satisfied) / Number(sat?.n)) * 10_000) / 10_000 : null,
        },
      };
    },
  };
};
