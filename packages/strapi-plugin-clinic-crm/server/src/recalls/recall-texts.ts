import type { Localized } from '../core/i18n/locales';

const t = (zhHant: string, zhHans: string, en: string): Localized => ({ 'zh-Hant': zhHant, 'zh-Hans': zhHans, en });

/** What the recall routes answer in the user's language. */
export const RECALL_SAY = {
  batchNeeded: t('請輸入產品批號。', '请输入产品批号。', 'Enter the product batch number.'),
  batchTooLong: t('產品批號最多 64 個字元。', '产品批号最多 64 个字符。', 'A batch number has at most 64 characters.'),
  reasonNeeded: t('請寫下召回原因（至少 5 個字），會寫進每一個回訪任務與通知信。', '请写下召回原因（至少 5 个字），会写进每一个回访任务与通知邮件。', 'Give the reason for the recall (at least 5 characters): it goes into every check-up task and e-mail.'),
  reasonTooLong: t('召回原因最多 2000 個字元。', '召回原因最多 2000 个字符。', 'The reason has at most 2000 characters.'),
  openerFromSession: t('召回由目前登入的員工本人發起，不能指定他人。', '召回由目前登录的员工本人发起，不能指定他人。', 'The recall is opened by the signed-in staff member; another person cannot be named.'),
  noSuchComplaint: t('找不到這筆客訴。', '找不到这笔客诉。', 'No such complaint.'),
  complaintHasNoBatch: t('這筆客訴沒有產品批號：請輸入批號。', '这笔客诉没有产品批号：请输入批号。', 'This complaint has no batch number: enter one.'),
};

/** The task's purpose line (stored once, shown on My tasks and in the digest): bilingual like the other system tasks. */
export const checkUpPurpose = (batch: string, reason: string, recordNumbers: string[]) =>
  `產品批號召回回訪（批號 ${batch}）：${reason} · Batch recall check-up (${batch}) · ${recordNumbers.join('、')}`.slice(0, 1000);
