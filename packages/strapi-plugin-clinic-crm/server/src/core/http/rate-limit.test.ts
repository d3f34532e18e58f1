import { rateLimitKey, retryAfterSeconds, storeGate } from './rate-limit';

describe('rate-limit key', () => {
  it('is the client address and the route', () => {
    expect(rateLimitKey('198.51.100.7', '/api/clinic-crm/complaints')).toBe('198.51.100.7|/api/clinic-crm/complaints');
  });

  it('does not open a new counter for another spelling of the same route or address', () => {
    const key = rateLimitKey('198.51.100.7', '/api/clinic-crm/complaints');
    expect(rateLimitKey('198.51.100.7', '/API/Clinic-CRM/Complaints/')).toBe(key);
    expect(rateLimitKey('::ffff:198.51.100.7', '/api/clinic-crm/complaints//')).toBe(key);
    expect(rateLimitKey('2001:DB8::1', '/x')).toBe('2001:db8::1|/x');
  });

  it('keeps different addresses and routes apart, and fits the store column however long the path', () => {
    expect(rateLimitKey('198.51.100.7', '/a')).not.toBe(rateLimitKey('198.51.100.8', '/a'));
    expect(rateLimitKey('198.51.100.7', '/a')).not.toBe(rateLimitKey('198.51.100.7', '/b'));
    const long = rateLimitKey('198.51.100.7', `/${'x'.repeat(5000)}`);
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long).not.toBe(rateLimitKey('198.51.100.7', `/${'x'.repeat(4999)}`));
    expect(rateLimitKey(undefined, '/a')).toBe('unknown|/a');
  });
});

describe('Retry-After', () => {
  it('is whole seconds, rounded up, at least 1', () => {
    expect(retryAfterSeconds(0)).toBe(1);
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(600_000)).toBe(600);
  });
});

describe('shared-store fallback', () => {
  it('uses the store until it fails, then memory for 1 s, doubling while it keeps failing, up to the cap', () => {
    const gate = storeGate({ firstMs: 1000, maxMs: 4000 });
    expect(gate.useStore(0)).toBe(true);
    expect(gate.failed(10_000)).toBe(true); // the first failure of an outage: logged
    expect(gate.useStore(10_999)).toBe(false);
    expect(gate.useStore(11_000)).toBe(true);
    expect(gate.failed(11_000)).toBe(false); // same outage: not logged again
    expect(gate.useStore(12_999)).toBe(false);
    expect(gate.useStore(13_000)).toBe(true);
    gate.failed(13_000);
    gate.failed(17_000);
    expect(gate.useStore(20_999)).toBe(false); // capped at 4 s
    expect(gate.useStore(21_000)).toBe(true);
  });

  it('goes back to the store at once after a success, and reports the recovery once', () => {
    const gate = storeGate();
    expect(gate.succeeded()).toBe(false);
    gate.failed(0);
    expect(gate.succeeded()).toBe(true);
    expect(gate.succeeded()).toBe(false);
    expect(gate.useStore(1)).toBe(true);
    expect(gate.failed(1)).toBe(true); // a new outage is logged again
  });
});
