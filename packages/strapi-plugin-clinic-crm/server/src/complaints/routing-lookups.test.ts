import type { Core } from '@strapi/strapi';
import { LOOKUP_TTL_MS, routingLookups } from './routing-lookups';

/** A stand-in for the Strapi instance the copies belong to (only its identity is used). */
const instance = () => ({}) as Core.Strapi;

describe('routing lookups (per-instance copies of rules and staff lists)', () => {
  it('reads once within the TTL, again after it, and again after forget()', async () => {
    let now = 1_000;
    let reads = 0;
    const lookups = routingLookups(instance(), () => now);
    const load = async () => ++reads;
    expect(await lookups.get('rules', load)).toBe(1);
    now += LOOKUP_TTL_MS - 1;
    expect(await lookups.get('rules', load)).toBe(1);
    now += 1;
    expect(await lookups.get('rules', load)).toBe(2);
    lookups.forget();
    expect(await lookups.get('rules', load)).toBe(3);
  });

  it('shares one read between simultaneous callers, keeps keys apart, and does not keep a failed read', async () => {
    let reads = 0;
    const strapi = instance();
    const lookups = routingLookups(strapi);
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 5));
    expect(await Promise.all([lookups.get('staff:doctor', slow), lookups.get('staff:doctor', slow)])).toEqual([1, 1]);
    expect(await lookups.get('staff:nurse', slow)).toBe(2);
    // the same instance's copies, whoever asks; another instance has its own
    expect(await routingLookups(strapi).get('staff:doctor', slow)).toBe(1);
    expect(await routingLookups(instance()).get('staff:doctor', slow)).toBe(3);
    await expect(lookups.get('rules', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await lookups.get('rules', async () => 'read again')).toBe('read again');
  });
});
