import auditReads from './audit-reads';
import dbUnavailable from './db-unavailable';
import privateUploads from './private-uploads';
import prototypeGuard from './prototype-guard';
import rateLimit from './rate-limit';

export default {
  'audit-reads': auditReads,
  'db-unavailable': dbUnavailable,
  'private-uploads': privateUploads,
  'prototype-guard': prototypeGuard,
  'rate-limit': rateLimit,
};
