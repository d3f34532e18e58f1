import type { Localized } from '../core/i18n/locales';
import type { PageLevel } from './domain/paging';

export const LEVEL_LABEL: Record<PageLevel, Localized> = {
  primary: { 'zh-Hant': '值班主治醫師', 'zh-Hans': '值班主治医师', en: 'on-call primary' },
  backup: { 'zh-Hant': '備援醫師（主值班未確認）', 'zh-Hans': '备援医师（主值班未确认）', en: 'backup (the primary has not acknowledged)' },
  management: { 'zh-Hant': '管理者', 'zh-Hans': '管理者', en: 'management' },
};

/** Why an acknowledgement was refused (shown on the acknowledgement page, in the user's language). */
export const ACK_SAY = {
  unknown: { 'zh-Hant': '此確認連結無效。', 'zh-Hans': '此确认链接无效。', en: 'This acknowledgement link is not valid.' },
  expired: { 'zh-Hant': '此確認連結已過期，請直接開啟客訴處理。', 'zh-Hans': '此确认链接已过期，请直接打开客诉处理。', en: 'This acknowledgement link has expired; open the complaint instead.' },
  used: { 'zh-Hant': '此確認連結已使用過（每個連結僅能使用一次）。', 'zh-Hans': '此确认链接已使用过（每个链接仅能使用一次）。', en: 'This acknowledgement link has been used already (each link works once).' },
  already: { 'zh-Hant': '此緊急呼叫已由 {name} 於 {at} 確認。', 'zh-Hans': '此紧急呼叫已由 {name} 于 {at} 确认。', en: 'This page was acknowledged by {name} at {at}.' },
  notYours: {
    'zh-Hant': '此呼叫是發給 {name} 的；只有本人或其他醫師、管理者可以確認。',
    'zh-Hans': '此呼叫是发给 {name} 的；只有本人或其他医师、管理者可以确认。',
    en: 'This page was sent to {name}; only they or another doctor or manager may acknowledge it.',
  },
} satisfies Record<string, Localized>;

export const fill = (s: string, v: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => v[k] ?? '—');
