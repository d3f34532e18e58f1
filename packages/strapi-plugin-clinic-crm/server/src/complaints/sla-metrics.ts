import type { Core } from '@strapi/strapi';
import { Counter, Gauge, type Registry } from 'prom-client';
import { complaintRows } from './complaint.repository';
import { sharedRead, type Guard } from '../core/metrics/types';

export type SlaClock = 'first_response' | 'resolution';

/**
 * SLA metrics: warnings and breaches raised by this instance's SLA job (counters; each is raised
 * once across instances, so sum() over instances is the clinic's count), and the open complaints
 * past a deadline, read from the database at scrape time (cluster-wide: max() over instances).
 */
export const slaMetrics = (strapi: Core.Strapi, registry: Registry, guard: Guard) => {
  const registers = [registry];
  const warnings = new Counter({ name: 'clinic_crm_sla_warnings_total', help: 'SLA warnings raised (deadline approaching), by clock', labelNames: ['clock'], registers });
  const breaches = new Counter({ name: 'clinic_crm_sla_breaches_total', help: 'SLA breaches escalated, by clock', labelNames: ['clock'], registers });
  const pastDue = new Gauge({
    name: 'clinic_crm_complaints_past_due',
    help: 'Open complaints (clock running) past their first-response or resolution deadline (cluster-wide)',
    labelNames: ['clock'],
    registers,
    collect: () => read(),
  });
  for (const clock of ['first_response', 'resolution'] as const) {
    warnings.inc({ clock }, 0);
    breaches.inc({ clock }, 0);
  }
  const read = sharedRead(
    guard('complaints', async () => {
      const counts = await complaintRows(strapi).pastDue(new Date());
      for (const clock of ['first_response', 'resolution'] as const) pastDue.set({ clock }, counts[clock]);
    })
  );

  return {
    warning: (clock: SlaClock) => warnings.inc({ clock }),
    breach: (clock: SlaClock) => breaches.inc({ clock }),
  };
};
