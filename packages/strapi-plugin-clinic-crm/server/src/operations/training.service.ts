import type { Core } from '@strapi/strapi';
import { missingCertifications, outcome, type CourseRule } from './domain/certification';
import { DEFAULT_LANGUAGE } from '../core/i18n/locales';
import { localDate } from '../core/time/time';
import { getConfig, relationRef, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import type { TrainingRecordRow, WriteData } from './types';

interface TreatmentCertifications {
  name?: string;
  requiredCertifications?: unknown;
}
const codesOf = (t: TreatmentCertifications | null | undefined): string[] =>
  Array.isArray(t?.requiredCertifications) ? t.requiredCertifications.filter((c: unknown): c is string => typeof c === 'string') : [];

/**
 * Staff training: a training record's outcome (passed, certification and its expiry) is computed
 * from its course when saved; a treatment that lists `requiredCertifications` can only be recorded
 * with a practitioner who holds each of them, unexpired, on the day of the treatment.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const tz = () => getConfig(strapi).timeZone;

  const held = async (staffId: number): Promise<TrainingRecordRow[]> =>
    strapi.db.query(UID.trainingRecord).findMany({
      where: { staff: { id: staffId }, passed: true, certificationCode: { $notNull: true } },
      select: ['certificationCode', 'certificationExpiresOn', 'passed'],
    });

  return {
    /** Completes a training record before it is stored (whatever the caller sent for the outcome). */
    async prepare(data: WriteData, current?: { course?: unknown; attendedOn?: string; score?: number | null }) {
      const courseRef = relationRef(data.course ?? current?.course);
      if (!courseRef) throw fieldError('course', 'a training record needs its course');
      const course: CourseRule | null = await strapi.db.query(UID.course).findOne({ where: courseRef.documentId ? { documentId: courseRef.documentId } : { id: courseRef.id } });
      if (!course) throw fieldError('course', 'course not found');
      const attendedOn = String(data.attendedOn ?? current?.attendedOn ?? '');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(attendedOn)) throw fieldError('attendedOn', 'attendedOn must be a date YYYY-MM-DD');
      const score = data.score !== undefined ? data.score : current?.score;
      return { ...data, ...outcome(course, attendedOn, typeof score === 'number' ? score : null) };
    },

    /** 400 naming `practitioner` when the treatment needs a certification the practitioner lacks on that day. */
    async assertCertified(data: WriteData) {
      const treatmentRef = relationRef(data.treatment);
      if (!treatmentRef?.documentId && !treatmentRef?.id) return;
      const row: { documentId: string } | null = await strapi.db.query(UID.treatment).findOne({ where: treatmentRef.documentId ? { documentId: treatmentRef.documentId } : { id: treatmentRef.id }, select: ['documentId'] });
      if (!row) return;
      const t = (await strapi.documents(UID.treatment).findOne({ documentId: row.documentId, locale: DEFAULT_LANGUAGE, status: 'published', fields: ['requiredCertifications', 'name'] })) as TreatmentCertifications | null;
      const required = codesOf(t);
      if (!t || required.length === 0) return;
      const pRef = relationRef(data.practitioner);
      if (!pRef) throw fieldError('practitioner', `${t.name} needs a certified practitioner (${required.join(', ')})`);
      const staff: { id: number; fullName: string } | null = await strapi.db.query(UID.staffMember).findOne({ where: pRef.documentId ? { documentId: pRef.documentId } : { id: pRef.id }, select: ['id', 'fullName'] });
      if (!staff) throw fieldError('practitioner', 'practitioner not found');
      const on = localDate(data.performedAt ? new Date(data.performedAt as string | Date) : new Date(), tz());
      const missing = missingCertifications(required, await held(staff.id), on);
      if (missing.length) {
        throw fieldError('practitioner', `${staff.fullName} cannot perform ${t.name}: certification ${missing.join(', ')} is missing or expired on ${on}`);
      }
    },

    /** Staff flagged: a certification some published treatment requires that they held and that has expired, with no valid renewal. */
    async expired(now = new Date()) {
      const today = localDate(now, tz());
      const treatments = (await strapi.documents(UID.treatment).findMany({ locale: DEFAULT_LANGUAGE, status: 'published', fields: ['requiredCertifications', 'name'], limit: 1000 })) as TreatmentCertifications[];
      const required = new Set(treatments.flatMap((t) => (Array.isArray(t.requiredCertifications) ? (t.requiredCertifications as unknown[]) : [])));
      if (required.size === 0) return [];
      const rows: TrainingRecordRow[] = await strapi.db.query(UID.trainingRecord).findMany({
        where: { passed: true, certificationCode: { $in: [...required] } },
        select: ['certificationCode', 'certificationExpiresOn', 'passed'],
        populate: { staff: { select: ['documentId', 'fullName', 'department', 'isActive'] } },
      });
      type StaffOfRecord = NonNullable<TrainingRecordRow['staff']>;
      const byStaff = new Map<string, { staff: StaffOfRecord; records: TrainingRecordRow[] }>();
      for (const r of rows) {
        if (!r.staff?.isActive) continue;
        const e = byStaff.get(r.staff.documentId) ?? { staff: r.staff, records: [] };
        e.records.push(r);
        byStaff.set(r.staff.documentId, e);
      }
      const out: Array<{ staff: { documentId: string; fullName: string; department: string }; expired: Array<{ code: string; expiredOn: string }> }> = [];
      for (const { staff, records } of byStaff.values()) {
        const codes = [...new Set(records.map((r) => r.certificationCode))];
        const lapsed = missingCertifications(codes, records, today);
        if (lapsed.length) {
          out.push({
            staff: { documentId: staff.documentId, fullName: staff.fullName, department: staff.department },
            expired: lapsed.map((code) => ({ code, expiredOn: records.filter((r) => r.certificationCode === code).map((r) => r.certificationExpiresOn).sort().pop()! })),
          });
        }
      }
      return out;
    },
  };
};
