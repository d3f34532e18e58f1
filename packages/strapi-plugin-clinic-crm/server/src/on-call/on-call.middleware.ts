import type { Core } from '@strapi/strapi';
import { relationRef, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { requestLanguage, say } from '../core/http/language';
import { formatLocalDateTime } from '../core/time/time';
import { getConfig } from '../core/plugin';
import type { DocumentMiddleware } from '../core/document-middleware';
import type { Localized } from '../core/i18n/locales';
import { checkShiftTimes, MAX_SHIFT_HOURS, type ShiftProblem } from './domain/roster';
import { fill } from './on-call-texts';

const SAY: Record<ShiftProblem | 'staffRequired' | 'staffInactive' | 'staffDepartment' | 'overlap', Localized> = {
  startsRequired: { 'zh-Hant': '請填寫值班開始時間。', 'zh-Hans': '请填写值班开始时间。', en: 'Give the start of the shift.' },
  endsRequired: { 'zh-Hant': '請填寫值班結束時間。', 'zh-Hans': '请填写值班结束时间。', en: 'Give the end of the shift.' },
  endsBeforeStarts: { 'zh-Hant': '結束時間必須晚於開始時間。', 'zh-Hans': '结束时间必须晚于开始时间。', en: 'The shift must end after it starts.' },
  tooLong: { 'zh-Hant': `一個班次最長 ${MAX_SHIFT_HOURS / 24} 天，請分成數個班次。`, 'zh-Hans': `一个班次最长 ${MAX_SHIFT_HOURS / 24} 天，请分成数个班次。`, en: `A shift lasts at most ${MAX_SHIFT_HOURS / 24} days; split it into several.` },
  staffRequired: { 'zh-Hant': '請選擇值班人員。', 'zh-Hans': '请选择值班人员。', en: 'Choose the staff member on call.' },
  staffInactive: { 'zh-Hant': '{name} 已非在職人員，不能排班。', 'zh-Hans': '{name} 已非在职人员，不能排班。', en: '{name} is no longer active and cannot be on call.' },
  staffDepartment: { 'zh-Hant': '{name} 不屬於此部門，請選擇該部門的人員或更改部門。', 'zh-Hans': '{name} 不属于此部门，请选择该部门的人员或更改部门。', en: '{name} is not in this department: choose one of its members or change the department.' },
  overlap: {
    'zh-Hant': '此時段與 {name} 的主值班（{from}–{to}）重疊：同一部門同時只能有一位主值班。',
    'zh-Hans': '此时段与 {name} 的主值班（{from}–{to}）重叠：同一部门同时只能有一位主值班。',
    en: 'This overlaps the primary shift of {name} ({from}–{to}): a department has one primary at a time.',
  },
};

interface ShiftData {
  department?: string;
  role?: string;
  startsAt?: unknown;
  endsAt?: unknown;
  staff?: unknown;
}

/**
 * On-call shifts, on every write path (admin, REST, services): the end after the start, an active
 * staff member of that department, no two primary shifts of a department at once — a 400 naming
 * the field, in the editor's language.
 */
export const onCallMiddleware = (strapi: Core.Strapi): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== UID.onCallShift || (ctx.action !== 'create' && ctx.action !== 'update')) return next();
  const lang = requestLanguage(strapi);
  const data = (ctx.params.data ?? {}) as ShiftData;
  const before =
    ctx.action === 'update' && ctx.params.documentId
      ? ((await strapi.db.query(UID.onCallShift).findOne({ where: { documentId: ctx.params.documentId }, populate: { staff: { select: ['id'] } } })) as (ShiftData & { id: number; staff?: { id: number } | null }) | null)
      : null;
  const merged = {
    department: data.department ?? before?.department ?? 'doctor',
    role: data.role ?? before?.role ?? 'primary',
    startsAt: data.startsAt !== undefined ? data.startsAt : before?.startsAt,
    endsAt: data.endsAt !== undefined ? data.endsAt : before?.endsAt,
  };
  const times = checkShiftTimes(merged);
  if (times) throw fieldError(times.path, say(lang, SAY[times.problem]));

  const ref = data.staff !== undefined ? relationRef(data.staff) : before?.staff ? { id: before.staff.id } : null;
  const staff = ref
    ? ((await strapi.db.query(UID.staffMember).findOne({ where: ref.documentId ? { documentId: ref.documentId } : { id: ref.id }, select: ['id', 'fullName', 'department', 'isActive'] })) as { fullName: string; department: string; isActive: boolean } | null)
    : null;
  if (!staff) throw fieldError('staff', say(lang, SAY.staffRequired));
  if (!staff.isActive) throw fieldError('staff', fill(say(lang, SAY.staffInactive), { name: staff.fullName }));
  if (staff.department !== merged.department) throw fieldError('staff', fill(say(lang, SAY.staffDepartment), { name: staff.fullName }));

  if (merged.role === 'primary') {
    const clash = (await strapi.db.query(UID.onCallShift).findOne({
      where: {
        department: merged.department,
        role: 'primary',
        startsAt: { $lt: new Date(merged.endsAt as string) },
        endsAt: { $gt: new Date(merged.startsAt as string) },
        ...(ctx.params.documentId ? { documentId: { $ne: ctx.params.documentId } } : {}),
      },
      populate: { staff: { select: ['fullName'] } },
    })) as { startsAt: string; endsAt: string; staff?: { fullName: string } | null } | null;
    if (clash) {
      const tz = getConfig(strapi).timeZone;
      throw fieldError('startsAt', fill(say(lang, SAY.overlap), { name: clash.staff?.fullName ?? '—', from: formatLocalDateTime(clash.startsAt, tz), to: formatLocalDateTime(clash.endsAt, tz) }));
    }
  }
  return next();
};
