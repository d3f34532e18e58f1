import type { Language } from '../core/i18n/locales';
import type { EmailTemplate } from '../core/outbox/email-templates';

const layout = (body: string, footer: string) =>
  `<!doctype html><html><body style="font-family: 'Noto Sans TC', 'PingFang TC', sans-serif; color:#222; line-height:1.6">${body}<p style="color:#888;font-size:12px">${footer}</p></body></html>`;

/**
 * An urgent page (`urgent_page`): to the on-call doctor (then the backup, then management) for a
 * clinical emergency, at any hour. One button: the single-use acknowledgement link (opens the admin
 * panel, signed in). The client's name and phone, never the description or health data.
 */
export const URGENT_PAGE: Record<Language, EmailTemplate> = {
  'zh-Hant': {
    subject: '【緊急】{{complaint.referenceNumber}} · {{complaint.categoryLabel}} · {{complaint.severity}} · 請立即確認',
    html: layout(
      '<p>{{recipient.name}} 您好：</p><p><b>緊急醫療客訴需要值班醫師立即處理</b>（{{page.levelLabel}}）。</p><ul><li>編號：{{complaint.referenceNumber}}</li><li>客戶：{{client.name}}（電話 {{client.phone}}）</li><li>類別：{{complaint.categoryLabel}} · 嚴重度：{{complaint.severity}}</li><li>收到時間：{{page.receivedLocal}}</li><li>首次回覆期限：{{complaint.firstResponseDueLocal}}</li></ul><p><a href="{{page.ackLink}}" style="font-size:18px;font-weight:bold">確認收到，我來處理</a></p><p><a href="{{links.complaint}}">開啟客訴</a></p>',
      '{{page.escalateAfterMinutes}} 分鐘內未確認將呼叫備援醫師，再未確認則呼叫管理者。確認連結僅能使用一次，需登入後台，{{page.expiresLocal}} 前有效。'
    ),
    text: '{{recipient.name}} 您好：\n緊急醫療客訴需要值班醫師立即處理（{{page.levelLabel}}）。\n編號：{{complaint.referenceNumber}}\n客戶：{{client.name}}（電話 {{client.phone}}）\n類別：{{complaint.categoryLabel}} · 嚴重度：{{complaint.severity}}\n收到時間：{{page.receivedLocal}}\n首次回覆期限：{{complaint.firstResponseDueLocal}}\n確認收到：{{page.ackLink}}\n{{page.escalateAfterMinutes}} 分鐘內未確認將呼叫備援醫師，再未確認則呼叫管理者。\n',
  },
  'zh-Hans': {
    subject: '【紧急】{{complaint.referenceNumber}} · {{complaint.categoryLabel}} · {{complaint.severity}} · 请立即确认',
    html: layout(
      '<p>{{recipient.name}} 您好：</p><p><b>紧急医疗客诉需要值班医师立即处理</b>（{{page.levelLabel}}）。</p><ul><li>编号：{{complaint.referenceNumber}}</li><li>客户：{{client.name}}（电话 {{client.phone}}）</li><li>类别：{{complaint.categoryLabel}} · 严重度：{{complaint.severity}}</li><li>收到时间：{{page.receivedLocal}}</li><li>首次回复期限：{{complaint.firstResponseDueLocal}}</li></ul><p><a href="{{page.ackLink}}" style="font-size:18px;font-weight:bold">确认收到，我来处理</a></p><p><a href="{{links.complaint}}">打开客诉</a></p>',
      '{{page.escalateAfterMinutes}} 分钟内未确认将呼叫备援医师，再未确认则呼叫管理者。确认链接仅能使用一次，需登录后台，{{page.expiresLocal}} 前有效。'
    ),
    text: '{{recipient.name}} 您好：\n紧急医疗客诉需要值班医师立即处理（{{page.levelLabel}}）。\n编号：{{complaint.referenceNumber}}\n客户：{{client.name}}（电话 {{client.phone}}）\n类别：{{complaint.categoryLabel}} · 严重度：{{complaint.severity}}\n收到时间：{{page.receivedLocal}}\n首次回复期限：{{complaint.firstResponseDueLocal}}\n确认收到：{{page.ackLink}}\n{{page.escalateAfterMinutes}} 分钟内未确认将呼叫备援医师，再未确认则呼叫管理者。\n',
  },
  en: {
    subject: '[URGENT] {{complaint.referenceNumber}} · {{complaint.categoryLabel}} · {{complaint.severity}} · acknowledge now',
    html: layout(
      '<p>Hello {{recipient.name}},</p><p><b>An urgent medical complaint needs the on-call doctor now</b> ({{page.levelLabel}}).</p><ul><li>Reference: {{complaint.referenceNumber}}</li><li>Client: {{client.name}} (phone {{client.phone}})</li><li>Category: {{complaint.categoryLabel}} · severity: {{complaint.severity}}</li><li>Received: {{page.receivedLocal}}</li><li>First response due: {{complaint.firstResponseDueLocal}}</li></ul><p><a href="{{page.ackLink}}" style="font-size:18px;font-weight:bold">Acknowledge: I am on it</a></p><p><a href="{{links.complaint}}">Open the complaint</a></p>',
      'Unacknowledged after {{page.escalateAfterMinutes}} minutes the backup doctor is paged, then management. The link works once, after you sign in, until {{page.expiresLocal}}.'
    ),
    text: 'Hello {{recipient.name}},\nAn urgent medical complaint needs the on-call doctor now ({{page.levelLabel}}).\nReference: {{complaint.referenceNumber}}\nClient: {{client.name}} (phone {{client.phone}})\nCategory: {{complaint.categoryLabel}} · severity: {{complaint.severity}}\nReceived: {{page.receivedLocal}}\nFirst response due: {{complaint.firstResponseDueLocal}}\nAcknowledge: {{page.ackLink}}\nUnacknowledged after {{page.escalateAfterMinutes}} minutes the backup doctor is paged, then management.\n',
  },
};
