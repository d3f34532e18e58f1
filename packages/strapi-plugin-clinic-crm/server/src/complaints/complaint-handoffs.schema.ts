import { z } from 'zod';
import type { Language } from '../core/i18n/locales';
import { DEPARTMENTS } from './domain/handoffs';

/** What the hand-off routes say about a field, in the staff member's language. */
export const HANDOFF_MESSAGES = {
  toDepartment: { 'zh-Hant': '請選擇要轉交的部門。', 'zh-Hans': '请选择要转交的部门。', en: 'Choose the department to hand the complaint to.' },
  toStaff: { 'zh-Hant': '此人不是該部門在職的員工。', 'zh-Hans': '此人不是该部门在职的员工。', en: 'This person is not an active member of that department.' },
  reason: { 'zh-Hant': '請填寫轉交原因（2000 字以內）。', 'zh-Hans': '请填写转交原因（2000 字以内）。', en: 'Give a reason for the hand-off (up to 2000 characters).' },
  body: { 'zh-Hant': '請填寫協調紀錄內容（4000 字以內）。', 'zh-Hans': '请填写协调纪录内容（4000 字以内）。', en: 'Write the note (up to 4000 characters).' },
  sameDepartment: { 'zh-Hant': '客訴已在此部門，請選擇其他部門。', 'zh-Hans': '客诉已在此部门，请选择其他部门。', en: 'The complaint is already with this department: choose another one.' },
  notSigned: { 'zh-Hant': '只能以登入者本人的身分轉交、接手或留言。', 'zh-Hans': '只能以登录者本人的身份转交、接手或留言。', en: 'You can only hand off, accept or write notes as yourself (the signed-in staff member).' },
  notHolder: { 'zh-Hant': '只有目前負責此客訴的部門或管理部可以轉交。', 'zh-Hans': '只有目前负责此客诉的部门或管理部可以转交。', en: 'Only the department the complaint is with, or management, can hand it off.' },
  notReceiver: { 'zh-Hant': '只有被轉交的負責人可以接手。', 'zh-Hans': '只有被转交的负责人可以接手。', en: 'Only the person it was handed to can accept it.' },
  alreadyAccepted: { 'zh-Hant': '此轉交已被接手。', 'zh-Hans': '此转交已被接手。', en: 'This hand-off has already been accepted.' },
  notLatest: { 'zh-Hant': '此客訴已再被轉交，這一步無法再接手。', 'zh-Hans': '此客诉已再被转交，这一步无法再接手。', en: 'The complaint has been handed on since: this step can no longer be accepted.' },
  notInvolved: { 'zh-Hant': '協調紀錄僅供經手此客訴的部門與管理部查看。', 'zh-Hans': '协调纪录仅供经手此客诉的部门与管理部查看。', en: 'Coordination notes are for the departments the complaint passed through and management only.' },
  closed: { 'zh-Hant': '此客訴已結案，無法轉交。', 'zh-Hans': '此客诉已结案，无法转交。', en: 'This complaint is closed and cannot be handed off.' },
} satisfies Record<string, Record<Language, string>>;

// a field naming who acted: never needed, checked against the session (403 when it names someone else)
const actorField = z.unknown().optional();

/** POST …/complaints/:documentId/handoffs { toDepartment, toStaff?, reason } — the one handing off is the session's staff member. */
export const handoffSchema = (lang: Language) =>
  z.strictObject({
    toDepartment: z.enum(DEPARTMENTS, { error: HANDOFF_MESSAGES.toDepartment[lang] }),
    toStaff: z.union([z.string().trim().min(1).max(64), z.null()], { error: HANDOFF_MESSAGES.toStaff[lang] }).optional(),
    reason: z.string({ error: HANDOFF_MESSAGES.reason[lang] }).trim().min(1, { error: HANDOFF_MESSAGES.reason[lang] }).max(2000, { error: HANDOFF_MESSAGES.reason[lang] }),
    handedOffBy: actorField,
  });
export type HandoffInput = z.output<ReturnType<typeof handoffSchema>>;

/** POST …/handoffs/:handoffId/accept {} */
export const acceptSchema = z.strictObject({ acceptedBy: actorField });

/** POST …/complaints/:documentId/notes { body } */
export const noteSchema = (lang: Language) =>
  z.strictObject({
    body: z.string({ error: HANDOFF_MESSAGES.body[lang] }).trim().min(1, { error: HANDOFF_MESSAGES.body[lang] }).max(4000, { error: HANDOFF_MESSAGES.body[lang] }),
    author: actorField,
  });
