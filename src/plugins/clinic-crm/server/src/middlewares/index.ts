import prototypeGuard from './prototype-guard';
import rateLimit from './rate-limit';

export default { 'prototype-guard': prototypeGuard, 'rate-limit': rateLimit };
