import type { Core } from '@strapi/strapi';
import { getService, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { requestLanguage, say } from '../core/http/language';
import type { DocumentMiddleware } from '../core/document-middleware';
import { checkCalendarDay, type CalendarDay, type CalendarDayProblem } from './domain/calendar-days';

const SAY: Record<CalendarDayProblem, Record<'zh-Hant' | 'zh-Hans' | 'en', string>> = {
  closureHasHours: { 'zh-Hant': '休診日整天不開診，請勿填寫時間。', 'zh-Hans': '休诊日全天不开诊，请勿填写时间。', en: 'A closure is closed all day: leave the opening hours empty.' },
  bothOrNeither: { 'zh-Hant': '請同時填寫開診與關診時間，或都不填（沿用平日時間）。', 'zh-Hans': '请同时填写开诊与关诊时间，或都不填（沿用平日时间）。', en: 'Give both the opening and the closing time, or neither (the usual weekday hours).' },
  closesBeforeOpens: { 'zh-Hant': '關診時間必須晚於開診時間。', 'zh-Hans': '关诊时间必须晚于开诊时间。', en: 'The closing time must be after the opening time.' },
};

const FIELDS = ['kind', 'opensAt', 'closesAt'] as const;

/**
 * Clinic calendar rows, on every write path: a workday's hours are complete and in order, a closure
 * has none (400 naming the field, in the editor's language); after a write the SLA clocks of this
 * instance use the new calendar at once.
 */
export const calendarMiddleware = (strapi: Core.Strapi): DocumentMiddleware => async (ctx, next) => {
  if (ctx.uid !== UID.calendarDay) return next();
  if (ctx.action === 'create' || ctx.action === 'update') {
    const data = (ctx.params.data ?? {}) as Partial<CalendarDay>;
    const before =
      ctx.action === 'update' && ctx.params.documentId
        ? ((await strapi.db.query(UID.calendarDay).findOne({ where: { documentId: ctx.params.documentId }, select: [...FIELDS] })) as Partial<CalendarDay> | null)
        : null;
    const merged = { kind: 'closure' as const, ...(before ?? {}), ...Object.fromEntries(FIELDS.filter((f) => data[f] !== undefined).map((f) => [f, data[f]])) };
    const problem = checkCalendarDay(merged);
    if (problem) throw fieldError(problem.path, say(requestLanguage(strapi), SAY[problem.problem]));
  }
  const result = await next();
  if (['create', 'update', 'delete'].includes(ctx.action)) await getService(strapi, 'calendar').refresh();
  return result;
};
