import { DEFAULT_LANGUAGE, Language, languageOf, pick } from '../core/i18n/locales';
import type { ComplaintContext } from './complaint-context';
import { getService } from '../core/plugin';
import type { SlaClock } from './sla-metrics';

const SLA_KIND: Record<string, Record<Language, string>> = {
  first_response: { 'zh-Hant': '首次回覆', 'zh-Hans': '首次回复', en: 'first response' },
  resolution: { 'zh-Hant': '結案', 'zh-Hans': '结案', en: 'resolution' },
};

/**
 * The SLA clock job: a warning before each deadline and an escalation at breach, each sent
 * once per complaint, kind and level (idempotency keys); `breached` stays set for good.
 */
export const complaintSla = (x: ComplaintContext) => ({
  async checkSla(now = new Date()) {
    const open = await x.rows.openWithRunningClock();
    let warnings = 0;
    let escalations = 0;
    for (const c of open) {
      const rule = c.routingRule;
      if (!rule) continue;
      const warnMs = Number(rule.warningHours ?? 2) * 3_600_000;
      const chain: string[] = Array.isArray(rule.escalationChain) && rule.escalationChain.length ? rule.escalationChain : ['management'];
      const clocks: Array<{ kind: SlaClock; due: string | Date | null; level: number; flag: 'firstResponseBreached' | 'resolutionBreached' }> = [
        { kind: 'first_response', due: c.firstRespondedAt ? null : c.firstResponseDueAt, level: 1, flag: 'firstResponseBreached' },
        { kind: 'resolution', due: c.resolvedAt ? null : c.resolutionDueAt, level: 2, flag: 'resolutionBreached' },
      ];
      for (const clock of clocks) {
        if (!clock.due) continue;
        const due = new Date(clock.due).getTime();
        if (now.getTime() >= due - warnMs && now.getTime() < due && c.assignee) {
          const [r] = await x.notify(`complaint:${c.referenceNumber}:warning:${clock.kind}`, 'complaint_sla_warning', [c.assignee], c, {
            sla: { kindLabel: pick(SLA_KIND[clock.kind], languageOf(c.assignee)) },
          });
          if (r?.created) {
            warnings += 1;
            getService(x.strapi, 'metrics').sla.warning(clock.kind);
          }
        }
        if (now.getTime() >= due) {
          const escalated = await x.strapi.db.transaction(async () => {
            // this level was handled already (here or on another instance): nothing more
            if (!(await x.rows.escalate(c.id, clock.level, clock.flag))) return false;
            const department = chain[Math.min(clock.level - 1, chain.length - 1)];
            const recipients = await x.activeStaff(department);
            await x.notify(`complaint:${c.referenceNumber}:escalation:${clock.level}`, 'complaint_escalated', recipients, c, {
              sla: { kindLabel: pick(SLA_KIND[clock.kind], DEFAULT_LANGUAGE) },
              escalation: { level: clock.level },
            });
            await x.events.append(c.id, 'escalated', 'system', { note: `${clock.kind} deadline passed → level ${clock.level} (${department})` });
            return true;
          });
          // counted once committed: on every instance the conditional escalate() lets only one through
          if (escalated) {
            escalations += 1;
            getService(x.strapi, 'metrics').sla.breach(clock.kind);
          }
        }
      }
    }
    return { warnings, escalations };
  },
});
