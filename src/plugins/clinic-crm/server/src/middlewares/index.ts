import auditReads from './audit-reads';
import dbUnavailable from './db-unavailable';
import prototypeGuard from './prototype-guard';
import rateLimit from './rate-limit';

export default { 'audit-reads': auditReads, 'db-unavailable': dbUnavailable, 'prototype-guard': prototypeGuard, 'rate-limit': rateLimit };
