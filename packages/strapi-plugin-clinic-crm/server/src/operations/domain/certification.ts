/** Training outcomes and the certifications they give, as dates in the clinic's calendar. Pure. */
import { addToDate } from '../../core/time/time';

export interface CourseRule {
  certificationCode?: string | null;
  validityMonths?: number | null;
  passScore?: number | null;
}


/** Passed when the score reaches the course's pass score (70 unless set); a certification lasts validityMonths (no end when unset). */
export const outcome = (course: CourseRule, attendedOn: string, score: number | null | undefined) => {
  const passed = typeof score === 'number' && score >= (course.passScore ?? 70);
  const code = course.certificationCode || null;
  return {
    passed,
    certificationCode: passed ? code : null,
    certificationExpiresOn: passed && code && course.validityMonths ? addToDate(attendedOn, { months: course.validityMonths }) : null,
  };
};

export interface Held {
  certificationCode: string | null;
  certificationExpiresOn: string | null;
  passed: boolean;
}

/** The required codes not covered on `onDate` (YYYY-MM-DD) by a passed, unexpired certification. */
export const missingCertifications = (required: string[], held: Held[], onDate: string): string[] =>
  required.filter((code) => !held.some((h) => h.passed && h.certificationCode === code && (!h.certificationExpiresOn || h.certificationExpiresOn >= onDate)));
