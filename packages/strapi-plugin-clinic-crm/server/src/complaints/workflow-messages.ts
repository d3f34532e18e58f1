import { errors } from '@strapi/utils';
import type { Language, Localized } from '../core/i18n/locales';
import { nextStatuses } from './domain/complaint-workflow';

export const STATUS_LABELS: Record<string, Localized> = {
  received: { 'zh-Hant': '已受理', 'zh-Hans': '已受理', en: 'received' },
  investigating: { 'zh-Hant': '調查中', 'zh-Hans': '调查中', en: 'investigating' },
  coordinating: { 'zh-Hant': '協調中', 'zh-Hans': '协调中', en: 'coordinating' },
  resolution_proposed: { 'zh-Hant': '已提出方案', 'zh-Hans': '已提出方案', en: 'resolution proposed' },
  resolution_executed: { 'zh-Hant': '方案已執行', 'zh-Hans': '方案已执行', en: 'resolution executed' },
  follow_up: { 'zh-Hant': '後續追蹤', 'zh-Hans': '后续跟进', en: 'follow-up' },
  closed: { 'zh-Hant': '已結案', 'zh-Hans': '已结案', en: 'closed' },
  rejected: { 'zh-Hant': '不受理', 'zh-Hans': '不受理', en: 'rejected' },
  duplicate: { 'zh-Hant': '重複案件', 'zh-Hans': '重复案件', en: 'duplicate' },
};

const label = (status: string, language: Language) => STATUS_LABELS[status]?.[language] ?? status;
const list = (items: string[], language: Language) => items.map((s) => label(s, language)).join(language === 'en' ? ', ' : '、');

const BY_PATH: Record<string, (language: Language, from: string, threshold: number) => string> = {
  to: (l, from) => {
    const next = nextStatuses(from);
    if (l === 'en') return `From “${label(from, l)}” the complaint can go to: ${next.length ? list(next, l) : 'nothing, it is final'}.`;
    const none = l === 'zh-Hant' ? '無，已是最終狀態' : '无，已是最终状态';
    return `${l === 'zh-Hant' ? '目前狀態' : '目前状态'}「${label(from, l)}」${l === 'zh-Hant' ? '只能改為' : '只能改为'}：${next.length ? list(next, l) : none}。`;
  },
  'resolution.types': (l) => ({ 'zh-Hant': '請至少選擇一種處理方式。', 'zh-Hans': '请至少选择一种处理方式。', en: 'Choose at least one kind of resolution.' })[l],
  'resolution.refundAmount': (l) => ({ 'zh-Hant': '退款須填寫大於 0 的整數金額。', 'zh-Hans': '退款须填写大于 0 的整数金额。', en: 'A refund needs a whole amount above 0.' })[l],
  approvedBy: (l, _from, threshold) =>
    ({
      'zh-Hant': `退款超過 NT$${threshold.toLocaleString('en-US')} 須經管理者核准：已寄出核准申請，管理者本人登入核准後即可執行（或由管理者執行）。`,
      'zh-Hans': `退款超过 NT$${threshold.toLocaleString('en-US')} 须经管理者核准：已寄出核准申请，管理者本人登录核准后即可执行（或由管理者执行）。`,
      en: `A refund above NT$${threshold.toLocaleString('en-US')} needs a manager's approval: the request was sent; once a manager approves it signed in as themselves, it can be executed (or a manager executes it).`,
    })[l],
  note: (l) => ({ 'zh-Hant': '請填寫說明（至少 5 個字）。', 'zh-Hans': '请填写说明（至少 5 个字）。', en: 'Write a note explaining why (at least 5 characters).' })[l],
};

/**
 * The complaint workflow's rule violations, reworded for the person who made them: the domain
 * names the field in English; staff read the same rule in their own language.
 */
export const localizeWorkflowError = (error: unknown, language: Language, from: string, threshold: number): unknown => {
  if (!(error instanceof errors.ValidationError)) return error;
  const details = (error.details ?? {}) as { errors?: Array<{ path?: string[]; message?: unknown }> };
  const items = details.errors ?? [];
  if (items.length === 0) return error;
  const translated = items.map((item) => {
    const path = (item.path ?? []).join('.');
    // 'to' is also the path of "changed meanwhile": only the status rule is reworded
    const say = path === 'to' && !/cannot go from|must be one of/.test(String(item.message)) ? undefined : BY_PATH[path];
    return say ? { ...item, message: say(language, from, threshold) } : item;
  });
  return new errors.ValidationError(translated.map((t) => t.message).join(' '), { ...details, errors: translated });
};
