import { afterFailure, domainOf, escalationLevel, messageIdFor, retryDelayMs } from './delivery';

describe('delivery maths', () => {
  it('backs off exponentially up to a cap', () => {
    const policy = { baseDelayMs: 1000, maxDelayMs: 10_000, maxAttempts: 5 };
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(afterFailure(1, now, policy)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-01T00:00:01Z') });
    expect(afterFailure(4, now, policy)).toEqual({ status: 'pending', nextAttemptAt: new Date('2026-01-01T00:00:08Z') });
    expect(afterFailure(5, now, policy)).toEqual({ status: 'failed' });
  });

  it('derives one Message-ID per idempotency key', () => {
    const a = messageIdFor('task:abc:24h:due', 'clinic.tw');
    expect(a).toMatch(/^<[0-9a-f]{40}@clinic\.tw>$/);
    expect(messageIdFor('task:abc:24h:due', 'clinic.tw')).toBe(a);
    expect(messageIdFor('task:abc:3d:due', 'clinic.tw')).not.toBe(a);
    expect(domainOf('Clinic CRM <no-reply@Clinic.TW>')).toBe('clinic.tw');
    expect(domainOf('front@desk.example')).toBe('desk.example');
    expect(domainOf(undefined)).toBe('clinic-crm.local');
  });

  it('counts escalation levels crossed after the due time', () => {
    const due = new Date('2026-01-01T00:00:00Z');
    const at = (h: number) => new Date(due.getTime() + h * 3_600_000);
    expect(escalationLevel(due, at(-1), [24, 72])).toBe(0);
    expect(escalationLevel(due, at(23.9), [24, 72])).toBe(0);
    expect(escalationLevel(due, at(24), [24, 72])).toBe(1);
    expect(escalationLevel(due, at(100), [24, 72])).toBe(2);
  });
});
