import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../core/plugin';
import { languageOf, pick } from '../core/i18n/locales';
import { requestLanguage, say } from '../core/http/language';
import { formatLocalDateTime } from '../core/time/time';
import { complaintContext } from '../complaints/complaint-context';
import type { ComplaintRow, StaffRef } from '../complaints/types';
import type { SessionStaff } from '../core/http/session';
import { dueLevels, hashPageToken, immediateLevels, mayAcknowledge, newPageToken, type PageLevel } from './domain/paging';
import { urgentPages } from './urgent-page.repository';
import { ACK_SAY, fill, LEVEL_LABEL } from './on-call-texts';

/** A refused acknowledgement: HTTP status, the field, the message (the controller answers it). */
export class AckRefused extends Error {
  constructor(readonly status: 403 | 404 | 409 | 410, readonly path: string, message: string) {
    super(message);
  }
}

const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/**
 * Urgent pages for clinical emergencies (routing rules with `page`), at any hour: the department's
 * on-call primary at once (management too when critical), the backup after N unacknowledged
 * minutes, management after as long again — each level once. Every page is an outbox message with
 * a single-use acknowledgement link, a page row and a timeline event; the acknowledgement (the
 * signed-in person) stops the first-response clock and all further pages.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const x = complaintContext(strapi);
  const pages = urgentPages(strapi);
  const cfg = () => getConfig(strapi);
  const roster = () => getService(strapi, 'on-call');

  /** Who a level pages at `at`, and what the timeline says when the roster has a gap. */
  const recipients = async (level: PageLevel, department: string, at: Date, paged: Set<number>): Promise<{ staff: StaffRef[]; fallback: boolean; note: string }> => {
    if (level === 'primary') {
      const { primary } = await roster().onCall(department, at);
      if (primary) return { staff: [primary], fallback: false, note: `on-call primary ${primary.fullName}` };
      const everyone = await x.activeStaff(department);
      return { staff: everyone, fallback: true, note: `no primary on call: paged every active ${department} (${everyone.map((s) => s.fullName).join(', ') || 'none'})` };
    }
    if (level === 'backup') {
      const { backups } = await roster().onCall(department, at);
      const fresh = backups.filter((s) => !paged.has(s.id));
      return { staff: fresh, fallback: false, note: fresh.length ? `not acknowledged: backup ${fresh.map((s) => s.fullName).join(', ')}` : 'not acknowledged: no backup on call' };
    }
    const { primary, backups } = await roster().onCall('management', at);
    const onCall = [primary, ...backups].filter((s): s is NonNullable<typeof s> => !!s);
    const staff = (onCall.length ? onCall : await x.activeStaff('management')).filter((s) => !paged.has(s.id));
    return { staff, fallback: onCall.length === 0, note: `${onCall.length ? 'management on call' : 'no manager on call: every active manager'}: ${staff.map((s) => s.fullName).join(', ') || 'none'}` };
  };

  /** Pages one level of a complaint once (in the caller's transaction, or its own). */
  const pageLevel = async (c: ComplaintRow, level: PageLevel, at: Date, now: Date): Promise<number> =>
    strapi.db.transaction(async () => {
      if (await pages.levelPaged(c.id, level)) return 0;
      const already = new Set((await pages.ofComplaint(c.id)).map((p) => p.staff?.id).filter((id): id is number => typeof id === 'number'));
      const { staff, fallback, note } = await recipients(level, c.department ?? 'doctor', at, already);
      const expiresAt = new Date(now.getTime() + cfg().onCall.ackLinkHours * 3_600_000);
      const tz = cfg().timeZone;
      const rows = [];
      for (const s of staff) {
        const token = newPageToken();
        rows.push({ idempotencyKey: `complaint:${c.referenceNumber}:page:${level}:${s.documentId}`, level, fallback, tokenHash: hashPageToken(token), pagedAt: now, expiresAt, complaint: c.id, staff: s.id });
        await x.notify(`complaint:${c.referenceNumber}:page:${level}`, 'urgent_page', [s], c, {
          client: { name: c.contactName, phone: c.contactPhone ?? '—' },
          page: {
            levelLabel: pick(LEVEL_LABEL[level], languageOf(s)),
            ackLink: `${cfg().adminUrl}/plugins/clinic-crm/acknowledge/${token}`,
            receivedLocal: formatLocalDateTime(c.receivedAt, tz),
            expiresLocal: formatLocalDateTime(expiresAt, tz),
            escalateAfterMinutes: cfg().onCall.escalateAfterMinutes,
          },
        });
      }
      await pages.insert(rows);
      await x.events.append(c.id, 'paged', 'system', { note: `urgent page (${level}) at ${formatLocalDateTime(now, tz)}: ${note}` });
      return staff.length;
    });

  return {
    /** Routing of an emergency (in the creating transaction): the levels paged at once. */
    async pageAtOnce(c: ComplaintRow, now = new Date()) {
      const receivedAt = new Date(c.receivedAt);
      // the page goes out now; the ladder counts from it (never from before receipt)
      const pagedAt = later(now, receivedAt);
      let paged = 0;
      for (const level of immediateLevels(c.severity)) paged += await pageLevel(c, level, receivedAt, pagedAt);
      return paged;
    },

    /**
     * The paging job (cron, every minute; `now` injected in tests): for every paged, open complaint
     * nobody has answered, the levels whose time has come and that were not paged yet. Safe on
     * every instance: a level is paged once (its rows' unique keys; the loser's transaction rolls back).
     */
    async checkPages(now = new Date()) {
      const waiting = await pages.awaitingAcknowledgement();
      const first = new Map<number, { pagedAt: Date; complaint: NonNullable<(typeof waiting)[number]['complaint']> }>();
      for (const p of waiting) if (p.complaint && !first.has(p.complaint.id)) first.set(p.complaint.id, { pagedAt: new Date(p.pagedAt), complaint: p.complaint });
      let paged = 0;
      for (const { pagedAt, complaint } of first.values()) {
        const levels = dueLevels({ severity: complaint.severity, firstPagedAt: pagedAt, now, afterMinutes: cfg().onCall.escalateAfterMinutes });
        const c = await x.rows.load(complaint.documentId);
        if (!c || c.firstRespondedAt) continue;
        for (const level of levels) {
          try {
            paged += await pageLevel(c, level, now, now);
          } catch (e) {
            // another instance paged this level at the same moment (unique key): nothing lost
            strapi.log.debug(`[clinic-crm] page ${c.referenceNumber}/${level} not sent here: ${(e as Error).message}`);
          }
        }
      }
      return { paged };
    },

    /**
     * The acknowledgement link, clicked by the signed-in `me` (account: their login e-mail): single
     * use, unexpired, by the paged person or another doctor or manager. Stops the first-response
     * clock (firstRespondedAt) and every further page of the complaint; a timeline event says who.
     */
    async acknowledge(token: string, me: SessionStaff, account: string, now = new Date()) {
      const lang = requestLanguage(strapi);
      const page = await pages.byTokenHash(hashPageToken(token));
      if (!page?.complaint) throw new AckRefused(404, 'token', say(lang, ACK_SAY.unknown));
      if (page.usedAt) throw new AckRefused(409, 'token', say(lang, ACK_SAY.used));
      const done = await pages.acknowledgementOf(page.complaint.id);
      if (done?.usedAt) throw new AckRefused(409, 'token', fill(say(lang, ACK_SAY.already), { name: done.acknowledgedBy?.fullName ?? done.acknowledgedByAccount ?? '—', at: formatLocalDateTime(done.usedAt, cfg().timeZone) }));
      if (new Date(page.expiresAt).getTime() <= now.getTime()) throw new AckRefused(410, 'token', say(lang, ACK_SAY.expired));
      if (!mayAcknowledge(me, page.staff?.id ?? null)) throw new AckRefused(403, 'token', fill(say(lang, ACK_SAY.notYours), { name: page.staff?.fullName ?? '—' }));
      const complaint = page.complaint;
      await strapi.db.transaction(async () => {
        if (!(await pages.use(page.id, now, { staffId: me.id, account }))) throw new AckRefused(409, 'token', say(lang, ACK_SAY.used));
        if (!complaint.firstRespondedAt) await x.rows.set(complaint.id, { firstRespondedAt: now });
        const forWhom = page.staff && page.staff.id !== me.id ? ` (paged: ${page.staff.fullName})` : '';
        await x.events.append(complaint.id, 'acknowledged', account, { note: `urgent page (${page.level}) acknowledged by ${me.fullName}${forWhom} at ${formatLocalDateTime(now, cfg().timeZone)}` });
      });
      return { complaint: { documentId: complaint.documentId, referenceNumber: complaint.referenceNumber }, level: page.level, acknowledgedBy: me.fullName, acknowledgedAt: now.toISOString() };
    },

    /** A complaint's pages (who, level, when, acknowledged by whom): the complaint page and the tests. */
    async ofComplaint(complaintId: number) {
      return pages.ofComplaint(complaintId);
    },
  };
};
