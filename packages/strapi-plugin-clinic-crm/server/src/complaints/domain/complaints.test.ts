import { addBusinessMinutes, businessMinutesBetween, slaDeadline, validateCalendar, BusinessCalendar } from '../../core/time/business-time';
import { assertTransition } from './complaint-workflow';
import { DEFAULT_ROUTING_RULES, matchRule } from './routing';
import { fromWallTime } from '../../core/time/time';

const cal: BusinessCalendar = {
  timeZone: 'Asia/Taipei',
  openingHours: {
    mon: [['09:00', '12:00'], ['13:00', '18:00']],
    tue: [['09:00', '12:00'], ['13:00', '18:00']],
    wed: [['09:00', '12:00'], ['13:00', '18:00']],
    thu: [['09:00', '12:00'], ['13:00', '18:00']],
    fri: [['09:00', '12:00'], ['13:00', '18:00']],
    sat: [['10:00', '14:00']],
  },
  holidays: ['2026-12-25'],
};
// 2026-11-23 is a Monday
const tpe = (date: string, time: string) => {
  const [y, m, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  return fromWallTime({ year: y, month: m, day: d, hour: h, minute: mi, second: 0, millisecond: 0 }, 'Asia/Taipei');
};

describe('business time', () => {
  it('skips the night', () => {
    expect(addBusinessMinutes(tpe('2026-11-24', '20:00'), 60, cal)).toEqual(tpe('2026-11-25', '10:00'));
    expect(addBusinessMinutes(tpe('2026-11-24', '17:30'), 60, cal)).toEqual(tpe('2026-11-25', '09:30'));
  });
  it('skips the lunch break', () => {
    expect(addBusinessMinutes(tpe('2026-11-23', '11:30'), 60, cal)).toEqual(tpe('2026-11-23', '13:30'));
  });
  it('skips the weekend (Saturday is short, Sunday closed)', () => {
    expect(addBusinessMinutes(tpe('2026-11-27', '17:00'), 120, cal)).toEqual(tpe('2026-11-28', '11:00'));
    expect(addBusinessMinutes(tpe('2026-11-28', '13:30'), 60, cal)).toEqual(tpe('2026-11-30', '09:30'));
  });
  it('skips public holidays', () => {
    // Thursday 24 Dec 17:00 + 2 h: 1 h on Thursday, Friday 25th is a holiday, then Saturday 10:00 + 1 h
    expect(addBusinessMinutes(tpe('2026-12-24', '17:00'), 120, cal)).toEqual(tpe('2026-12-26', '11:00'));
  });
  it('counts open minutes between two instants', () => {
    expect(businessMinutesBetween(tpe('2026-11-27', '17:00'), tpe('2026-11-30', '10:00'), cal)).toBe(60 + 240 + 60);
    expect(businessMinutesBetween(tpe('2026-11-29', '09:00'), tpe('2026-11-29', '18:00'), cal)).toBe(0); // Sunday
    expect(businessMinutesBetween(tpe('2026-11-30', '10:00'), tpe('2026-11-27', '17:00'), cal)).toBe(0);
  });
  it('24 business hours from a Friday afternoon lands mid next week', () => {
    // Fri 15:00: 3 h Fri, 4 h Sat, 8 h Mon, 8 h Tue → 23 h, then 1 h Wed → Wed 10:00
    expect(addBusinessMinutes(tpe('2026-11-27', '15:00'), 24 * 60, cal)).toEqual(tpe('2026-12-02', '10:00'));
  });
  it('a pause pushes the deadline back by the business time paused; reassignment cannot move it', () => {
    const receivedAt = tpe('2026-11-23', '09:00');
    const plain = slaDeadline({ receivedAt, pausedMinutes: 0 }, 8, cal);
    expect(plain).toEqual(tpe('2026-11-23', '18:00'));
    expect(slaDeadline({ receivedAt, pausedMinutes: 90 }, 8, cal)).toEqual(tpe('2026-11-24', '10:30'));
    // a pause still running counts up to "now"
    expect(slaDeadline({ receivedAt, pausedMinutes: 0, pausedSince: tpe('2026-11-23', '10:00') }, 8, cal, tpe('2026-11-23', '11:00'))).toEqual(tpe('2026-11-24', '10:00'));
  });
  it('refuses a broken calendar', () => {
    expect(() => validateCalendar({ ...cal, openingHours: {} })).toThrow(/open/);
    expect(() => validateCalendar({ ...cal, openingHours: { mon: [['18:00', '09:00']] } })).toThrow(/end after/);
    expect(() => validateCalendar({ ...cal, holidays: ['25/12/2026'] })).toThrow(/YYYY-MM-DD/);
  });
});

describe('complaint workflow', () => {
  const base = { refundApprovalThreshold: 5000, approvedByManager: false };
  const path = (f: () => unknown) => {
    try {
      f();
    } catch (e: any) {
      return e.path;
    }
    return 'ok';
  };
  it('follows the six steps and refuses skipping to closed', () => {
    expect(assertTransition({ ...base, from: 'received', to: 'investigating' })).toBe('investigating');
    expect(path(() => assertTransition({ ...base, from: 'received', to: 'closed' }))).toBe('to');
    expect(path(() => assertTransition({ ...base, from: 'investigating', to: 'resolution_executed' }))).toBe('to');
    expect(path(() => assertTransition({ ...base, from: 'closed', to: 'investigating' }))).toBe('to');
    expect(path(() => assertTransition({ ...base, from: 'received', to: 'teleported' }))).toBe('to');
  });
  it('a proposal needs resolution types; a refund needs an amount', () => {
    expect(path(() => assertTransition({ ...base, from: 'investigating', to: 'resolution_proposed' }))).toBe('resolution.types');
    expect(path(() => assertTransition({ ...base, from: 'investigating', to: 'resolution_proposed', resolutionTypes: ['cash'] }))).toBe('resolution.types');
    expect(path(() => assertTransition({ ...base, from: 'investigating', to: 'resolution_proposed', resolutionTypes: ['refund'] }))).toBe('resolution.refundAmount');
    expect(assertTransition({ ...base, from: 'investigating', to: 'resolution_proposed', resolutionTypes: ['refund'], refundAmount: 3000 })).toBe('resolution_proposed');
  });
  it('a refund above the threshold needs a manager', () => {
    const t = { ...base, from: 'resolution_proposed' as const, to: 'resolution_executed', resolutionTypes: ['refund'], refundAmount: 8000 };
    expect(path(() => assertTransition(t))).toBe('approvedBy');
    expect(assertTransition({ ...t, approvedByManager: true })).toBe('resolution_executed');
    expect(assertTransition({ ...t, refundAmount: 5000 })).toBe('resolution_executed');
  });
  it('rejecting needs a reason', () => {
    expect(path(() => assertTransition({ ...base, from: 'received', to: 'rejected' }))).toBe('note');
    expect(assertTransition({ ...base, from: 'received', to: 'duplicate', note: 'same as CMP-1' })).toBe('duplicate');
  });
});

describe('routing rules', () => {
  it('picks the exact severity before "any"', () => {
    expect(matchRule(DEFAULT_ROUTING_RULES, 'side_effect', 'medium')).toMatchObject({ department: 'doctor', firstResponseHours: 48, notifyDoctorsImmediately: false });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'side_effect', 'critical')).toMatchObject({ department: 'doctor', notifyDoctorsImmediately: true });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'price_billing', 'high')).toMatchObject({ department: 'front_desk', firstResponseHours: 24 });
    expect(matchRule(DEFAULT_ROUTING_RULES, 'astrology', 'low')).toBeNull();
  });
  it('covers every category', () => {
    for (const c of ['service_attitude', 'price_billing', 'result_below_expectation', 'side_effect', 'product_reaction', 'hygiene_safety', 'privacy', 'other']) {
      for (const s of ['low', 'medium', 'high', 'critical']) expect(matchRule(DEFAULT_ROUTING_RULES, c, s)).not.toBeNull();
    }
  });
});
