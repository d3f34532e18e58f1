import { DomainValidationError } from '../../core/errors';
import { addCalendar, assertTimeZone } from '../../core/time/time';

export type Department = 'front_desk' | 'beautician' | 'nurse' | 'doctor' | 'management';
export type Channel = 'phone' | 'message' | 'visit';

export interface FollowUpStep {
  code: string; // 24h, 3d, 1w, 2w, 1m, 3m, 6m, 12m …
  purpose: string;
  channel: Channel;
  department: Department;
}

const STEP_CODE = /^([1-9][0-9]{0,3})([hdwm])$/;

export const parseStepCode = (code: string): { value: number; unit: 'h' | 'd' | 'w' | 'm' } => {
  const m = STEP_CODE.exec(code ?? '');
  if (!m) throw new DomainValidationError('code', `Follow-up step code "${code}" must look like 24h, 3d, 1w or 6m`);
  return { value: Number(m[1]), unit: m[2] as 'h' | 'd' | 'w' | 'm' };
};

/** Approximate length in hours, only for ordering steps. */
export const stepSortKey = (code: string): number => {
  const { value, unit } = parseStepCode(code);
  return value * { h: 1, d: 24, w: 168, m: 730 }[unit];
};

/**
 * When a step falls due. Hours are elapsed time; days, weeks and months are calendar steps in
 * the clinic's time zone keeping the wall-clock time of the treatment (a 15:00 treatment is
 * followed up at 15:00 local time three days later, whatever DST does meanwhile).
 */
export const dueAt = (performedAt: Date, code: string, timeZone: string): Date => {
  if (!(performedAt instanceof Date) || Number.isNaN(performedAt.getTime())) {
    throw new DomainValidationError('performedAt', 'performedAt must be a valid date-time');
  }
  assertTimeZone(timeZone);
  const { value, unit } = parseStepCode(code);
  switch (unit) {
    case 'h':
      return new Date(performedAt.getTime() + value * 3_600_000);
    case 'd':
      return addCalendar(performedAt, { days: value }, timeZone);
    case 'w':
      return addCalendar(performedAt, { days: value * 7 }, timeZone);
    default:
      return addCalendar(performedAt, { months: value }, timeZone);
  }
};

/** The clinic's graded follow-up (seed document 004: short, medium and long term). */
export const DEFAULT_FOLLOW_UP_PLAN: FollowUpStep[] = [
  { code: '24h', purpose: '術後24小時內：確認有無急性不良反應（紅腫、疼痛、水泡）與冰敷、保濕執行情況', channel: 'phone', department: 'beautician' },
  { code: '3d', purpose: '術後1-3天：確認恢復進度與居家護理是否正確', channel: 'message', department: 'beautician' },
  { code: '1w', purpose: '術後1週：確認結痂、反黑或過敏等狀況，必要時安排回診', channel: 'phone', department: 'nurse' },
  { code: '2w', purpose: '術後2週：評估初步效果，解答恢復期疑問，調整護理方案', channel: 'phone', department: 'nurse' },
  { code: '1m', purpose: '術後1個月：回診評估初步效果與滿意度', channel: 'visit', department: 'doctor' },
  { code: '3m', purpose: '術後3個月：評估穩定效果，討論後續療程規劃', channel: 'phone', department: 'beautician' },
  { code: '6m', purpose: '術後6個月：了解效果維持情況與客戶滿意度', channel: 'message', department: 'front_desk' },
  { code: '12m', purpose: '術後1年：長期效果評估與年度滿意度調查', channel: 'phone', department: 'front_desk' },
];

export interface ScheduledStep extends FollowUpStep {
  stepIndex: number;
  dueAt: Date;
  idempotencyKey: string;
}

/** The tasks a treatment record gets: one per distinct step, in order, each with its unique key. */
export const scheduleFollowUps = (
  treatmentRecordKey: string,
  performedAt: Date,
  plan: FollowUpStep[] | null | undefined,
  timeZone: string
): ScheduledStep[] => {
  const steps = plan && plan.length > 0 ? plan : DEFAULT_FOLLOW_UP_PLAN;
  const seen = new Set<string>();
  return steps
    .filter((s) => {
      parseStepCode(s.code);
      if (seen.has(s.code)) return false;
      seen.add(s.code);
      return true;
    })
    .sort((a, b) => stepSortKey(a.code) - stepSortKey(b.code))
    .map((s, stepIndex) => ({
      ...s,
      stepIndex,
      dueAt: dueAt(performedAt, s.code, timeZone),
      idempotencyKey: `${treatmentRecordKey}:${s.code}`,
    }));
};
