/**
 * Hand-offs between departments (front desk → beautician/nurse → doctor → management and back):
 * the proposed next step from a routing rule's plan, the departments a complaint has passed
 * through (who may read its coordination notes), and a step's timer. Pure code.
 */
import type { Language } from '../../core/i18n/locales';

export const DEPARTMENTS = ['front_desk', 'beautician', 'nurse', 'doctor', 'management'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const isDepartment = (v: unknown): v is Department => typeof v === 'string' && (DEPARTMENTS as readonly string[]).includes(v);

export const DEPARTMENT_LABELS: Record<Department, Record<Language, string>> = {
  front_desk: { 'zh-Hant': '櫃檯', 'zh-Hans': '柜台', en: 'Front desk' },
  beautician: { 'zh-Hant': '美容師', 'zh-Hans': '美容师', en: 'Beautician' },
  nurse: { 'zh-Hant': '護理師', 'zh-Hans': '护理师', en: 'Nurse' },
  doctor: { 'zh-Hant': '醫師', 'zh-Hans': '医师', en: 'Doctor' },
  management: { 'zh-Hant': '管理部', 'zh-Hans': '管理部', en: 'Management' },
};

/** Business hours the receiving department has to take a hand-off up (config `handoffs.acceptHours` overrides). */
export const DEFAULT_ACCEPT_HOURS: Record<Department, number> = { front_desk: 1, beautician: 2, nurse: 2, doctor: 4, management: 8 };

/** The fact-finding plan of treatment-related complaints: beautician/nurse gather facts and photos, the doctor judges, management decides. */
export const TREATMENT_HANDOFF_PLAN: Department[] = ['nurse', 'doctor', 'management'];

/**
 * The step the desk proposes next: the first department of the plan the complaint has not been
 * handed to yet, other than where it sits now. Null when the plan is done (or there is none).
 */
export const proposedNext = (plan: readonly string[] | null | undefined, current: string | null, handedTo: readonly string[]): Department | null => {
  const visited = new Set(handedTo);
  return (plan ?? []).filter(isDepartment).find((d) => d !== current && !visited.has(d)) ?? null;
};

/** The departments that may read and write a complaint's coordination notes: every one it passed through, plus management. */
export const involvedDepartments = (current: string | null, steps: ReadonlyArray<{ fromDepartment: string; toDepartment: string }>): Department[] => {
  const set = new Set<string>(['management']);
  if (current) set.add(current);
  for (const s of steps) {
    set.add(s.fromDepartment);
    set.add(s.toDepartment);
  }
  return DEPARTMENTS.filter((d) => set.has(d));
};

export interface StepClock {
  handedOffAt: Date | string;
  dueAt: Date | string | null;
  acceptedAt: Date | string | null;
}

/**
 * A step's timer: minutes waited (until accepted, or until now while waiting), and whether it is
 * past its due time. Accepting stops it: an accepted step is never overdue, and its wait is fixed.
 */
export const stepTimer = (step: StepClock, now: Date) => {
  const start = new Date(step.handedOffAt).getTime();
  const end = step.acceptedAt ? new Date(step.acceptedAt).getTime() : now.getTime();
  const waitedMinutes = Math.max(0, Math.floor((end - start) / 60_000));
  const accepted = Boolean(step.acceptedAt);
  const overdue = !accepted && step.dueAt !== null && now.getTime() > new Date(step.dueAt).getTime();
  const acceptedLate = accepted && step.dueAt !== null && new Date(step.acceptedAt as string).getTime() > new Date(step.dueAt).getTime();
  return { waitedMinutes, accepted, overdue, acceptedLate };
};

/** "1 h 20 m" / "1 小時 20 分" */
export const formatWait = (minutes: number, language: Language): string => {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (language === 'en') return h ? `${h} h ${m} m` : `${m} m`;
  const [hu, mu] = language === 'zh-Hans' ? ['小时', '分'] : ['小時', '分'];
  return h ? `${h} ${hu} ${m} ${mu}` : `${m} ${mu}`;
};
