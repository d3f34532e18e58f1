import type { Core } from '@strapi/strapi';
import { backgroundWork, deadline } from './core/background';
import { getConfig, getService } from './core/plugin';
import { closeRateLimits } from './core/http/rate-limit.store';
import { stopPriceTableSync } from './pricing/price-table-sync';

/**
 * Strapi's own destroy() does not stop cron jobs (their timers would keep the process alive) and
 * does not wait for work they started. Stop our jobs, let the dispatch in flight finish its batch,
 * close the price-table listener and give everything at most `shutdownTimeoutMs`; the database pool is closed after this, within
 * the same bound (core/database.ts).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  for (const job of [...(strapi.cron?.jobs ?? [])]) {
    if (job.name?.startsWith('clinic-crm-')) strapi.cron.remove(job.name);
  }
  const ms = getConfig(strapi).shutdownTimeoutMs;
  const dispatcher = getService(strapi, 'dispatcher');
  closeRateLimits(strapi);
  const [{ unfinished }] = await Promise.all([backgroundWork(strapi).stop(ms), deadline(dispatcher.stop(), ms), stopPriceTableSync(strapi)]);
  if (unfinished > 0) strapi.log.warn(`[clinic-crm] shutting down with ${unfinished} background job(s) unfinished after ${ms} ms`);
};
