import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { DEFAULT_ROUTING_RULES } from './domain/routing';
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

  async seedDefaults(): Promise<number> {
    const now = new Date();
    await strapi.db.query(UID.routingRule).createMany({
      data: DEFAULT_ROUTING_RULES.map((r) => ({ ...r, publishedAt: now, createdAt: now, updatedAt: now })),
    });
    return DEFAULT_ROUTING_RULES.length;
  },
});
