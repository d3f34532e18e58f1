import { formatWait, involvedDepartments, proposedNext, stepTimer, TREATMENT_HANDOFF_PLAN } from './handoffs';

describe('the proposed next hand-off', () => {
  it('walks a treatment complaint through nurse → doctor → management, skipping where it sits', () => {
    expect(proposedNext(TREATMENT_HANDOFF_PLAN, 'front_desk', [])).toBe('nurse');
    // routed straight to the doctors: the nurse's fact-finding is proposed first
    expect(proposedNext(TREATMENT_HANDOFF_PLAN, 'doctor', [])).toBe('nurse');
    expect(proposedNext(TREATMENT_HANDOFF_PLAN, 'nurse', ['nurse'])).toBe('doctor');
    expect(proposedNext(TREATMENT_HANDOFF_PLAN, 'doctor', ['nurse', 'doctor'])).toBe('management');
    expect(proposedNext(TREATMENT_HANDOFF_PLAN, 'management', ['nurse', 'doctor', 'management'])).toBeNull();
  });
  it('proposes nothing without a plan and ignores unknown departments', () => {
    expect(proposedNext(null, 'front_desk', [])).toBeNull();
    expect(proposedNext(['cleaner', 'doctor'], 'front_desk', [])).toBe('doctor');
  });
});

describe('who is involved', () => {
  it('is every department the complaint passed through, plus management', () => {
    expect(involvedDepartments('front_desk', [])).toEqual(['front_desk', 'management']);
    expect(involvedDepartments('doctor', [{ fromDepartment: 'front_desk', toDepartment: 'nurse' }, { fromDepartment: 'nurse', toDepartment: 'doctor' }])).toEqual(['front_desk', 'nurse', 'doctor', 'management']);
  });
});

describe('a step timer', () => {
  const at = new Date('2026-12-07T02:00:00Z');
  const due = new Date('2026-12-07T04:00:00Z');
  it('runs while waiting and is overdue after its due time', () => {
    expect(stepTimer({ handedOffAt: at, dueAt: due, acceptedAt: null }, new Date('2026-12-07T03:20:00Z'))).toEqual({ waitedMinutes: 80, accepted: false, overdue: false, acceptedLate: false });
    expect(stepTimer({ handedOffAt: at, dueAt: due, acceptedAt: null }, new Date('2026-12-07T04:01:00Z')).overdue).toBe(true);
  });
  it('stops when accepted: the wait is fixed and it is never overdue', () => {
    const accepted = new Date('2026-12-07T02:45:00Z');
    expect(stepTimer({ handedOffAt: at, dueAt: due, acceptedAt: accepted }, new Date('2026-12-09T00:00:00Z'))).toEqual({ waitedMinutes: 45, accepted: true, overdue: false, acceptedLate: false });
    expect(stepTimer({ handedOffAt: at, dueAt: due, acceptedAt: new Date('2026-12-07T05:00:00Z') }, new Date()).acceptedLate).toBe(true);
  });
  it('words the wait in each language', () => {
    expect(formatWait(80, 'zh-Hant')).toBe('1 小時 20 分');
    expect(formatWait(80, 'en')).toBe('1 h 20 m');
    expect(formatWait(5, 'zh-Hans')).toBe('5 分');
  });
});
