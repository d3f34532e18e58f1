import { clockDeadline, clockOf } from './domain/sla-clock';
import { matchRule } from './domain/routing';
import { getService } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import type { ComplaintContext } from './complaint-context';
import type { ComplaintRow, RoutingRuleRow, StaffRef } from './types';

const CHANNEL_NAMES: Record<string, string> = { walk_in: '現場', phone: '電話', email: 'Email', website: '網站', social: '社群', follow_up_call: '回訪' };

export type RoutingRule = RoutingRuleRow & { firstResponseHours: number; resolutionHours: number; warningHours: number };

/** Where a new complaint goes and by when it must be answered: decided before anything is written. */
export interface RoutingDecision {
  rule: RoutingRule;
  department: string;
  /** The complaint's given assignee, else the department's least-loaded active member (null: nobody active). */
  assignee: StaffRef | null;
  /** Whether the assignee was chosen here (a link to write) rather than given with the complaint. */
  assigneeChosen: boolean;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** The timeline's "routed" entry. */
  note: string;
}

/**
 * Routing of a new complaint, in two halves so that a caller can write the complaint and its routing
 * in as few statements as it can (the public intake writes both in one INSERT): `decide` (rule →
 * department, assignee by least open load, SLA deadlines on the rule's clock) reads but writes
 * nothing; `announce` sends what a routed complaint sends, in the caller's transaction (the
 * assignment e-mail, the doctors' alert for urgent medical complaints, the on-call page).
 */
export const complaintRouting = (x: ComplaintContext, rules: () => Promise<RoutingRule[]>) => ({
  async decide(c: Pick<ComplaintRow, 'category' | 'severity' | 'receivedAt' | 'assignee'>): Promise<RoutingDecision> {
    const rule = matchRule(await rules(), c.category, c.severity);
    if (!rule) throw fieldError('category', `no routing rule covers category ${c.category} (severity ${c.severity})`);
    const department = rule.department;
    const assignee = c.assignee ?? (await x.leastLoaded(department));
    const clock = { receivedAt: new Date(c.receivedAt), pausedMinutes: 0 };
    const kind = clockOf(rule);
    const firstResponseDueAt = clockDeadline(kind, clock, rule.firstResponseHours, x.calendar());
    const resolutionDueAt = clockDeadline(kind, clock, rule.resolutionHours, x.calendar());
    const note = `→ ${department}${assignee ? ` · ${assignee.fullName}` : ''} · SLA ${rule.firstResponseHours} h / ${rule.resolutionHours} h${kind === 'round_the_clock' ? ' (round the clock)' : ''}`;
    return { rule, department, assignee, assigneeChosen: !c.assignee, firstResponseDueAt, resolutionDueAt, note };
  },

  async announce(routed: ComplaintRow, d: RoutingDecision): Promise<void> {
    const { strapi } = x;
    if (d.assignee) await x.notify(`complaint:${routed.referenceNumber}:assigned`, 'complaint_assigned', [d.assignee], routed);
    if (d.rule.notifyDoctorsImmediately) {
      await x.notify(`complaint:${routed.referenceNumber}:doctor-alert`, 'complaint_opened', await x.activeStaff('doctor'), routed, {
        client: { name: routed.contactName, phone: routed.contactPhone ?? '' },
        treatment: { name: routed.treatmentRecord?.priceSnapshot?.treatment?.name ?? '—' },
        step: { label: CHANNEL_NAMES[routed.channel] ?? routed.channel },
      });
    }
    // an emergency: the on-call primary is paged now (management too when critical), with an acknowledgement link
    if (d.rule.page) await getService(strapi, 'urgent-pages').pageAtOnce(routed);
  },
});
