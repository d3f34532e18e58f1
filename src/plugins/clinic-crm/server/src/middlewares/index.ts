import auditReads from './audit-reads';
import prototypeGuard from './prototype-guard';
import rateLimit from './rate-limit';

export default { 'audit-reads': auditReads, 'prototype-guard': prototypeGuard, 'rate-limit': rateLimit };
