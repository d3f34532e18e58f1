import auditReads from '../audit/audit-reads.middleware';
import dbUnavailable from './db-unavailable.middleware';
import privateUploads from '../../operations/private-uploads.middleware';
import prototypeGuard from './prototype-guard.middleware';
import rateLimit from './rate-limit.middleware';
import requestMetrics from '../metrics/request-metrics.middleware';

export default {
  'audit-reads': auditReads,
  'db-unavailable': dbUnavailable,
  'private-uploads': privateUploads,
  'prototype-guard': prototypeGuard,
  'rate-limit': rateLimit,
  'request-metrics': requestMetrics,
};
