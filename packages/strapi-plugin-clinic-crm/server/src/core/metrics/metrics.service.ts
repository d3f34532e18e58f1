import type { Core } from '@strapi/strapi';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { outboxMetrics } from '../outbox/outbox-metrics';
import { slaMetrics } from '../../complaints/sla-metrics';
import type { RequestLabels } from './request-labels';
import type { Guard } from './types';

/**
 * The Prometheus metrics of this Strapi instance, in a registry of its own (never prom-client's
 * global one: two Strapi in one process, as in the tests, keep separate figures). Served by
 * GET /api/clinic-crm/metrics (metrics.controller.ts). Labels hold only bounded, non-personal
 * values: route templates, status classes, template names, SLA clock names.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry, prefix: 'clinic_crm_' });

  const requests = new Histogram({
    name: 'clinic_crm_http_request_duration_seconds',
    help: 'HTTP request latency by method, matched route template and status class',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const collectErrors = new Counter({ name: 'clinic_crm_metrics_collect_errors_total', help: 'Scrape-time database reads that failed (the gauges keep their last values)', labelNames: ['source'], registers });

  const guard: Guard = (source, read) => async () => {
    try {
      await read();
    } catch (error) {
      collectErrors.inc({ source });
      strapi.log.warn(`[clinic-crm] metrics: reading ${source} failed: ${(error as Error)?.message ?? error}`);
    }
  };

  return {
    http: { observe: (labels: RequestLabels, seconds: number) => requests.observe({ ...labels }, seconds) },
    outbox: outboxMetrics(strapi, registry, guard),
    sla: slaMetrics(strapi, registry, guard),
    contentType: registry.contentType,
    /** The exposition text (format 0.0.4); runs the scrape-time database reads. */
    scrape: () => registry.metrics(),
  };
};
