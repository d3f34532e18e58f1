import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { insertRows } from '../core/bulk-insert.repository';
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
    return (await insertRows(strapi, UID.routingRule, DEFAULT_ROUTING_RULES.map((r) => ({ data: { ...r } })))).length;
  },
});
