import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { insertRows } from '../core/bulk-insert.repository';
import { DEFAULT_ROUTING_RULES, EMERGENCY_CATEGORIES, LEGACY_URGENT_MEDICAL, matchRule } from './domain/routing';
import type { RoutingRuleRow } from './types';

/**
 * Routing rules. Staff edit them in the admin panel (document service); this repository only
 * reads them and seeds the defaults on first boot, before any user exists: a seed has no actor
 * to audit, so the document service (and its audit middleware) is bypassed on purpose.
 */
export const routingRules = (strapi: Core.Strapi) => ({
  async count(): Promise<number> {
    return Number(await strapi.db.query(UID.routingRule).count());
  },

  async all(): Promise<RoutingRuleRow[]> {
    return (await strapi.db.query(UID.routingRule).findMany({ limit: 500 })) as RoutingRuleRow[];
  },

  /**
   * An upgrade (clocks and pages added): the seeded emergency rules (side effect, product reaction ×
   * high/critical) the clinic never edited — no clock yet (the column was just added, NULL) and still
   * the old default values — become the new default: round the clock, paged, 30 min / 2 h. A rule the
   * clinic changed is left as it is (no clock = business time, no page). Rows written by the seed
   * before any user existed, so no actor to audit: the document service is bypassed on purpose.
   */
  async upgradeUntouchedDefaults(): Promise<number> {
    const q = strapi.db.query(UID.routingRule);
    const rows = (await q.findMany({ where: { clock: { $null: true }, category: { $in: EMERGENCY_CATEGORIES }, severity: { $in: ['high', 'critical'] } } })) as RoutingRuleRow[];
    let upgraded = 0;
    for (const row of rows) {
      const untouched = (Object.keys(LEGACY_URGENT_MEDICAL) as Array<keyof typeof LEGACY_URGENT_MEDICAL>).every((k) =>
        typeof LEGACY_URGENT_MEDICAL[k] === 'number' ? Number(row[k]) === LEGACY_URGENT_MEDICAL[k] : row[k] === LEGACY_URGENT_MEDICAL[k]
      );
      const target = matchRule(DEFAULT_ROUTING_RULES, row.category, row.severity);
      if (!untouched || !target) continue;
      await q.update({ where: { id: row.id }, data: { clock: target.clock, page: target.page, firstResponseHours: target.firstResponseHours, warningHours: target.warningHours } });
      upgraded += 1;
    }
    return upgraded;
  },

  async seedDefaults(): Promise<number> {
    return (await insertRows(strapi, UID.routingRule, DEFAULT_ROUTING_RULES.map((r) => ({ data: { ...r } })))).length;
  },
});
