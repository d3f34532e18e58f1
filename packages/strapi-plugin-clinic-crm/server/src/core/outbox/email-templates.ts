/**
 * Built-in staff emails, per language. Administrators override any of them with an
 * `email-template` entry (same key and language). Variables are HTML-escaped by Handlebars;
 * the payload carries no more client data than the task needs (name and phone, never health data).
 */
import type { Language } from '../i18n/locales';
import { URGENT_PAGE } from '../../on-call/urgent-page-template';

export type TemplateKey =
  | 'follow_up_due'
  | 'follow_up_overdue'
  | 'follow_up_digest'
  | 'complaint_opened'
  | 'complaint_assigned'
  | 'complaint_sla_warning'
  | 'complaint_escalated'
  | 'complaint_handed_off'
  | 'sop_review_due'
  | 'satisfaction_survey'
  | 'operations_reminder'
  | 'recall_check_up'
  | 'urgent_page';
export interface EmailTemplate {
  subject: string;
  html: string;
  text: string;
}

const layout = (body: string, footer: string) =>
  `<!doctype html><html><body style="font-family: 'Noto Sans TC', 'PingFang TC', sans-serif; color:#222; line-height:1.6">${body}<p style="color:#888;font-size:12px">${footer}</p></body></html>`;


/** Complaint emails share one layout: a headline per language plus the complaint's facts. */
const complaintMail = (headline: Record<Language, string>, subjectPrefix: Record<Language, string>): Record<Language, EmailTemplate> => {
  const facts: Record<Language, [string, string, string, string, string, string]> = {
    'zh-Hant': ['編號', '客戶', '類別', '嚴重度', '首次回覆期限', '結案期限'],
    'zh-Hans': ['编号', '客户', '类别', '严重度', '首次回复期限', '结案期限'],
    en: ['Reference', 'Client', 'Category', 'Severity', 'First response due', 'Resolution due'],
  };
  const open: Record<Language, string> = { 'zh-Hant': '開啟客訴', 'zh-Hans': '打开客诉', en: 'Open the complaint' };
  const out = {} as Record<Language, EmailTemplate>;
  for (const lang of ['zh-Hant', 'zh-Hans', 'en'] as Language[]) {
    const [ref, client, cat, sev, fr, rs] = facts[lang];
    out[lang] = {
      subject: `${subjectPrefix[lang]} {{complaint.referenceNumber}} · {{complaint.categoryLabel}} · {{complaint.severity}}`,
      html: layout(
        `<p>{{recipient.name}}:${headline[lang]}</p><ul><li>${ref}:{{complaint.referenceNumber}}</li><li>${client}:{{complaint.contactName}}</li><li>${cat}:{{complaint.categoryLabel}}</li><li>${sev}:{{complaint.severity}}</li><li>${fr}:{{complaint.firstResponseDueLocal}}</li><li>${rs}:{{complaint.resolutionDueLocal}}</li></ul><p><a href="{{links.complaint}}">${open[lang]}</a></p>`,
        'Clinic CRM'
      ),
      text: `{{recipient.name}}:${headline[lang]}\n${ref}:{{complaint.referenceNumber}}\n${client}:{{complaint.contactName}}\n${cat}:{{complaint.categoryLabel}} · ${sev}:{{complaint.severity}}\n${fr}:{{complaint.firstResponseDueLocal}}\n${rs}:{{complaint.resolutionDueLocal}}\n{{links.complaint}}\n`,
    };
  }
  return out;
};

/** To the client (not staff): one link, nothing about their health. */
const SATISFACTION_SURVEY: Record<Language, EmailTemplate> = {
  'zh-Hant': {
    subject: '{{clinic.name}}：請花一分鐘告訴我們您的感受（{{survey.subject}}）',
    html: layout('<p>{{recipient.name}} 您好：</p><p>感謝您選擇我們。關於「{{survey.subject}}」，請告訴我們您的滿意程度與建議，這只需要一分鐘。</p><p><a href="{{survey.link}}">填寫滿意度調查</a></p><p>此連結僅能使用一次，{{survey.expiresLocal}} 前有效。</p>', '若您不希望收到此類信件，請回覆告知。'),
    text: '{{recipient.name}} 您好：\n關於「{{survey.subject}}」，請告訴我們您的滿意程度與建議：\n{{survey.link}}\n此連結僅能使用一次，{{survey.expiresLocal}} 前有效。\n',
  },
  'zh-Hans': {
    subject: '{{clinic.name}}：请花一分钟告诉我们您的感受（{{survey.subject}}）',
    html: layout('<p>{{recipient.name}} 您好：</p><p>感谢您选择我们。关于“{{survey.subject}}”，请告诉我们您的满意程度与建议，这只需要一分钟。</p><p><a href="{{survey.link}}">填写满意度调查</a></p><p>此链接仅能使用一次，{{survey.expiresLocal}} 前有效。</p>', '若您不希望收到此类邮件，请回复告知。'),
    text: '{{recipient.name}} 您好：\n关于“{{survey.subject}}”，请告诉我们您的满意程度与建议：\n{{survey.link}}\n此链接仅能使用一次，{{survey.expiresLocal}} 前有效。\n',
  },
  en: {
    subject: '{{clinic.name}}: one minute to tell us how it went ({{survey.subject}})',
    html: layout('<p>Hello {{recipient.name}},</p><p>Thank you for choosing us. How satisfied are you with “{{survey.subject}}”? It takes one minute.</p><p><a href="{{survey.link}}">Answer the survey</a></p><p>The link works once, until {{survey.expiresLocal}}.</p>', 'Reply to this e-mail if you would rather not receive these.'),
    text: 'Hello {{recipient.name}},\nHow satisfied are you with “{{survey.subject}}”?\n{{survey.link}}\nThe link works once, until {{survey.expiresLocal}}.\n',
  },
};

/** Equipment, drills and photo-consent reminders: the service composes the localized sentence. */
const opsMail = (open: string, footer: string): EmailTemplate => ({
  subject: '{{reminder.subject}}',
  html: layout(`<p>{{recipient.name}}:</p><p>{{reminder.body}}</p><p><a href="{{links.admin}}">${open}</a></p>`, footer),
  text: '{{recipient.name}}:\n{{reminder.body}}\n{{links.admin}}\n',
});
const OPERATIONS_REMINDER: Record<Language, EmailTemplate> = {
  'zh-Hant': opsMail('在 CRM 中開啟', '同一事項只通知一次。'),
  'zh-Hans': opsMail('在 CRM 中打开', '同一事项只通知一次。'),
  en: opsMail('Open in the CRM', 'Sent once per item.'),
};

/** A product-batch recall's check-up call: the reason, the client, every treatment of theirs with the batch. */
const recallMail = (w: { subject: string; paren: [string, string]; hello: string; ask: string; by: string; client: string; phone: string; batch: string; reason: string; treatments: string; open: string; footer: string }): EmailTemplate => ({
  subject: w.subject,
  html: layout(
    `<p>${w.hello}</p><p>${w.ask} <b>{{task.dueLocal}}</b>${w.by}</p><ul><li>${w.client}{{client.name}}${w.paren[0]}${w.phone} {{client.phone}}${w.paren[1]}</li><li>${w.batch}{{recall.batch}}</li></ul><p><b>${w.reason}</b>{{recall.reason}}</p><p>${w.treatments}</p><ul>{{#each records}}<li>{{treatment}} · {{performedLocal}} · {{number}}</li>{{/each}}</ul><p><a href="{{links.task}}">${w.open}</a></p>`,
    w.footer
  ),
  text: `${w.hello}\n${w.ask} {{task.dueLocal}}${w.by}\n${w.client}{{client.name}}${w.paren[0]}${w.phone} {{client.phone}}${w.paren[1]}\n${w.batch}{{recall.batch}}\n${w.reason}{{recall.reason}}\n${w.treatments}\n{{#each records}}- {{treatment}} · {{performedLocal}} · {{number}}\n{{/each}}{{links.task}}\n`,
});
const RECALL_CHECK_UP: Record<Language, EmailTemplate> = {
  'zh-Hant': recallMail({ subject: '【批號召回回訪】{{client.name}} · 批號 {{recall.batch}}', paren: ['（', '）'], hello: '{{assignee.name}} 您好：', ask: '產品批號召回：請於', by: ' 前致電關心以下客戶，確認有無不良反應。', client: '客戶：', phone: '電話', batch: '產品批號：', reason: '召回原因：', treatments: '使用此批號的療程：', open: '在後台開啟任務並記錄結果', footer: '此信由診所 CRM 自動寄出；同一批號每位客戶只通知一次。發現異常請立即通報醫師。' }),
  'zh-Hans': recallMail({ subject: '【批号召回回访】{{client.name}} · 批号 {{recall.batch}}', paren: ['（', '）'], hello: '{{assignee.name}} 您好：', ask: '产品批号召回：请于', by: ' 前致电关心以下客户，确认有无不良反应。', client: '客户：', phone: '电话', batch: '产品批号：', reason: '召回原因：', treatments: '使用此批号的疗程：', open: '在后台打开任务并记录结果', footer: '此邮件由诊所 CRM 自动发送；同一批号每位客户只通知一次。发现异常请立即通报医师。' }),
  en: recallMail({ subject: '[Batch recall check-up] {{client.name}} · batch {{recall.batch}}', paren: [' (', ')'], hello: 'Hello {{assignee.name}},', ask: 'Product batch recall: please call this client by', by: ' and check for any adverse reaction.', client: 'Client: ', phone: 'phone', batch: 'Batch ', reason: 'Reason for the recall: ', treatments: 'Treatments with this batch:', open: 'Open the task in the admin panel and record the outcome', footer: 'Sent automatically by the clinic CRM, once per client and batch. Report anything abnormal to the doctor at once.' }),
};

export const DEFAULT_TEMPLATES: Record<TemplateKey, Record<Language, EmailTemplate>> = {
  follow_up_due: {
    'zh-Hant': {
      subject: '【回訪任務】{{client.name}} · {{treatment.name}} · {{step.label}}',
      html: layout(
        '<p>{{assignee.name}} 您好：</p><p>請於 <b>{{task.dueLocal}}</b> 前完成以下回訪：</p><ul><li>客戶：{{client.name}}（電話 {{client.phone}}）</li><li>療程：{{treatment.name}}({{record.performedLocal}})</li><li>節點：{{step.label}} · 方式：{{step.channelLabel}}</li></ul><p><b>詢問重點：</b>{{task.purpose}}</p><p><a href="{{links.task}}">在後台開啟任務並記錄結果</a></p>',
        '此信由診所 CRM 自動寄出；發現異常請立即通報醫師。'
      ),
      text: '{{assignee.name}} 您好：\n請於 {{task.dueLocal}} 前完成回訪。\n客戶：{{client.name}}（電話 {{client.phone}}）\n療程：{{treatment.name}}({{record.performedLocal}})\n節點：{{step.label}} · 方式：{{step.channelLabel}}\n詢問重點：{{task.purpose}}\n任務連結：{{links.task}}\n',
    },
    'zh-Hans': {
      subject: '【回访任务】{{client.name}} · {{treatment.name}} · {{step.label}}',
      html: layout(
        '<p>{{assignee.name}} 您好：</p><p>请于 <b>{{task.dueLocal}}</b> 前完成以下回访：</p><ul><li>客户：{{client.name}}（电话 {{client.phone}}）</li><li>疗程：{{treatment.name}}({{record.performedLocal}})</li><li>节点：{{step.label}} · 方式：{{step.channelLabel}}</li></ul><p><b>询问重点：</b>{{task.purpose}}</p><p><a href="{{links.task}}">在后台打开任务并记录结果</a></p>',
        '此邮件由诊所 CRM 自动发送；发现异常请立即通报医师。'
      ),
      text: '{{assignee.name}} 您好：\n请于 {{task.dueLocal}} 前完成回访。\n客户：{{client.name}}（电话 {{client.phone}}）\n疗程：{{treatment.name}}({{record.performedLocal}})\n节点：{{step.label}} · 方式：{{step.channelLabel}}\n询问重点：{{task.purpose}}\n任务链接：{{links.task}}\n',
    },
    en: {
      subject: '[Follow-up] {{client.name}} · {{treatment.name}} · {{step.label}}',
      html: layout(
        '<p>Hello {{assignee.name}},</p><p>Please complete this follow-up by <b>{{task.dueLocal}}</b>:</p><ul><li>Client: {{client.name}} (phone {{client.phone}})</li><li>Treatment: {{treatment.name}} ({{record.performedLocal}})</li><li>Step: {{step.label}} · by {{step.channelLabel}}</li></ul><p><b>What to ask:</b> {{task.purpose}}</p><p><a href="{{links.task}}">Open the task in the admin panel and record the outcome</a></p>',
        'Sent automatically by the clinic CRM. Report anything abnormal to the doctor at once.'
      ),
      text: 'Hello {{assignee.name}},\nPlease complete this follow-up by {{task.dueLocal}}.\nClient: {{client.name}} (phone {{client.phone}})\nTreatment: {{treatment.name}} ({{record.performedLocal}})\nStep: {{step.label}} · by {{step.channelLabel}}\nWhat to ask: {{task.purpose}}\nTask: {{links.task}}\n',
    },
  },
  follow_up_overdue: {
    'zh-Hant': {
      subject: '【回訪逾期・第{{escalation.level}}級】{{client.name}} · {{treatment.name}} · {{step.label}}',
      html: layout(
        '<p>{{recipient.name}} 您好：</p><p>以下回訪任務已逾期（應於 {{task.dueLocal}} 完成），負責人：{{assignee.name}}。</p><ul><li>客戶：{{client.name}}（電話 {{client.phone}}）</li><li>療程：{{treatment.name}}</li><li>節點：{{step.label}}</li></ul><p><a href="{{links.task}}">開啟任務</a></p>',
        '逾期升級通知，每一級只寄送一次。'
      ),
      text: '{{recipient.name}} 您好：\n回訪任務已逾期（應於 {{task.dueLocal}} 完成），負責人：{{assignee.name}}。\n客戶：{{client.name}}（電話 {{client.phone}}）\n療程：{{treatment.name}} · 節點：{{step.label}}\n{{links.task}}\n',
    },
    'zh-Hans': {
      subject: '【回访逾期・第{{escalation.level}}级】{{client.name}} · {{treatment.name}} · {{step.label}}',
      html: layout(
        '<p>{{recipient.name}} 您好：</p><p>以下回访任务已逾期（应于 {{task.dueLocal}} 完成），负责人：{{assignee.name}}。</p><ul><li>客户：{{client.name}}（电话 {{client.phone}}）</li><li>疗程：{{treatment.name}}</li><li>节点：{{step.label}}</li></ul><p><a href="{{links.task}}">打开任务</a></p>',
        '逾期升级通知，每一级只发送一次。'
      ),
      text: '{{recipient.name}} 您好：\n回访任务已逾期（应于 {{task.dueLocal}} 完成），负责人：{{assignee.name}}。\n客户：{{client.name}}（电话 {{client.phone}}）\n疗程：{{treatment.name}} · 节点：{{step.label}}\n{{links.task}}\n',
    },
    en: {
      subject: '[Follow-up overdue · level {{escalation.level}}] {{client.name}} · {{treatment.name}} · {{step.label}}',
      html: layout(
        '<p>Hello {{recipient.name}},</p><p>This follow-up is overdue (due {{task.dueLocal}}); owner: {{assignee.name}}.</p><ul><li>Client: {{client.name}} (phone {{client.phone}})</li><li>Treatment: {{treatment.name}}</li><li>Step: {{step.label}}</li></ul><p><a href="{{links.task}}">Open the task</a></p>',
        'Escalation notice, sent once per level.'
      ),
      text: 'Hello {{recipient.name}},\nThis follow-up is overdue (due {{task.dueLocal}}); owner: {{assignee.name}}.\nClient: {{client.name}} (phone {{client.phone}})\nTreatment: {{treatment.name}} · Step: {{step.label}}\n{{links.task}}\n',
    },
  },
  follow_up_digest: {
    'zh-Hant': {
      subject: '【今日回訪】{{count}} 件 · {{date}}',
      html: layout(
        '<p>{{recipient.name}} 您好：今天（{{date}}）需完成的回訪共 {{count}} 件：</p><ol>{{#each tasks}}<li><b>{{client.name}}</b>（電話 {{client.phone}}）· {{treatment.name}} · {{step.label}} · {{step.channelLabel}} · 期限 {{dueLocal}}<br>{{purpose}} · <a href="{{link}}">開啟</a></li>{{/each}}</ol>',
        '每日彙整，每天只寄送一次。'
      ),
      text: '{{recipient.name}} 您好：今天（{{date}}）需完成的回訪共 {{count}} 件：\n{{#each tasks}}- {{client.name}}（電話 {{client.phone}}）· {{treatment.name}} · {{step.label}} · 期限 {{dueLocal}}:{{purpose}} {{link}}\n{{/each}}',
    },
    'zh-Hans': {
      subject: '【今日回访】{{count}} 件 · {{date}}',
      html: layout(
        '<p>{{recipient.name}} 您好：今天（{{date}}）需完成的回访共 {{count}} 件：</p><ol>{{#each tasks}}<li><b>{{client.name}}</b>（电话 {{client.phone}}）· {{treatment.name}} · {{step.label}} · {{step.channelLabel}} · 期限 {{dueLocal}}<br>{{purpose}} · <a href="{{link}}">打开</a></li>{{/each}}</ol>',
        '每日汇总，每天只发送一次。'
      ),
      text: '{{recipient.name}} 您好：今天（{{date}}）需完成的回访共 {{count}} 件：\n{{#each tasks}}- {{client.name}}（电话 {{client.phone}}）· {{treatment.name}} · {{step.label}} · 期限 {{dueLocal}}:{{purpose}} {{link}}\n{{/each}}',
    },
    en: {
      subject: '[Today’s follow-ups] {{count}} · {{date}}',
      html: layout(
        '<p>Hello {{recipient.name}}, {{count}} follow-up(s) are due today ({{date}}):</p><ol>{{#each tasks}}<li><b>{{client.name}}</b> (phone {{client.phone}}) · {{treatment.name}} · {{step.label}} · by {{step.channelLabel}} · due {{dueLocal}}<br>{{purpose}} · <a href="{{link}}">open</a></li>{{/each}}</ol>',
        'Daily digest, sent once a day.'
      ),
      text: 'Hello {{recipient.name}}, {{count}} follow-up(s) are due today ({{date}}):\n{{#each tasks}}- {{client.name}} (phone {{client.phone}}) · {{treatment.name}} · {{step.label}} · due {{dueLocal}}: {{purpose}} {{link}}\n{{/each}}',
    },
  },
  complaint_opened: {
    'zh-Hant': {
      subject: '【醫療客訴】{{complaint.referenceNumber}} · {{client.name}} · {{treatment.name}}',
      html: layout(
        '<p>{{recipient.name}} 您好：</p><p>醫療客訴 <b>{{complaint.referenceNumber}}</b> 需要醫師立即評估並回覆客戶。</p><ul><li>客戶：{{client.name}}（電話 {{client.phone}}）</li><li>療程：{{treatment.name}}</li><li>來源：{{step.label}}</li></ul><p><a href="{{links.complaint}}">開啟客訴</a></p>',
        '醫療客訴須於 48 小時內提供初步醫療回覆。'
      ),
      text: '{{recipient.name}} 您好：\n醫療客訴 {{complaint.referenceNumber}} 需要醫師立即評估。\n客戶：{{client.name}}（電話 {{client.phone}}）\n療程：{{treatment.name}} · 來源：{{step.label}}\n{{links.complaint}}\n',
    },
    'zh-Hans': {
      subject: '【医疗客诉】{{complaint.referenceNumber}} · {{client.name}} · {{treatment.name}}',
      html: layout(
        '<p>{{recipient.name}} 您好：</p><p>医疗客诉 <b>{{complaint.referenceNumber}}</b> 需要医师立即评估并回复客户。</p><ul><li>客户：{{client.name}}（电话 {{client.phone}}）</li><li>疗程：{{treatment.name}}</li><li>来源：{{step.label}}</li></ul><p><a href="{{links.complaint}}">打开客诉</a></p>',
        '医疗客诉须于 48 小时内提供初步医疗回复。'
      ),
      text: '{{recipient.name}} 您好：\n医疗客诉 {{complaint.referenceNumber}} 需要医师立即评估。\n客户：{{client.name}}（电话 {{client.phone}}）\n疗程：{{treatment.name}} · 来源：{{step.label}}\n{{links.complaint}}\n',
    },
    en: {
      subject: '[Medical complaint] {{complaint.referenceNumber}} · {{client.name}} · {{treatment.name}}',
      html: layout(
        '<p>Hello {{recipient.name}},</p><p>Medical complaint <b>{{complaint.referenceNumber}}</b> needs a doctor’s assessment now; please answer the client.</p><ul><li>Client: {{client.name}} (phone {{client.phone}})</li><li>Treatment: {{treatment.name}}</li><li>Source: {{step.label}}</li></ul><p><a href="{{links.complaint}}">Open the complaint</a></p>',
        'Medical complaints need an initial medical answer within 48 hours.'
      ),
      text: 'Hello {{recipient.name}},\nMedical complaint {{complaint.referenceNumber}} needs a doctor’s assessment now.\nClient: {{client.name}} (phone {{client.phone}})\nTreatment: {{treatment.name}} · Source: {{step.label}}\n{{links.complaint}}\n',
    },
  },
  complaint_assigned: complaintMail(
    { 'zh-Hant': '一件客訴已分派給您，請於期限內回覆客戶。', 'zh-Hans': '一件客诉已分派给您，请于期限内回复客户。', en: 'A complaint has been assigned to you; please answer the client before the deadline.' },
    { 'zh-Hant': '【客訴分派】', 'zh-Hans': '【客诉分派】', en: '[Complaint assigned]' }
  ),
  complaint_sla_warning: complaintMail(
    { 'zh-Hant': '此客訴即將逾期（{{sla.kindLabel}}），請儘速處理。', 'zh-Hans': '此客诉即将逾期（{{sla.kindLabel}}），请尽快处理。', en: 'This complaint is about to breach its deadline ({{sla.kindLabel}}).' },
    { 'zh-Hant': '【客訴即將逾期】', 'zh-Hans': '【客诉即将逾期】', en: '[Complaint SLA warning]' }
  ),
  complaint_escalated: complaintMail(
    { 'zh-Hant': '此客訴已逾期（{{sla.kindLabel}}），升級至第 {{escalation.level}} 級，請介入處理。', 'zh-Hans': '此客诉已逾期（{{sla.kindLabel}}），升级至第 {{escalation.level}} 级，请介入处理。', en: 'This complaint breached its deadline ({{sla.kindLabel}}) and is escalated to level {{escalation.level}}.' },
    { 'zh-Hant': '【客訴升級】', 'zh-Hans': '【客诉升级】', en: '[Complaint escalated]' }
  ),
  complaint_handed_off: complaintMail(
    {
      'zh-Hant': '{{handoff.byName}}將此客訴從{{handoff.fromLabel}}轉交給您（{{handoff.toLabel}}）。原因：{{handoff.reason}}。請於 {{handoff.dueLocal}} 前接手。',
      'zh-Hans': '{{handoff.byName}}将此客诉从{{handoff.fromLabel}}转交给您（{{handoff.toLabel}}）。原因：{{handoff.reason}}。请于 {{handoff.dueLocal}} 前接手。',
      en: '{{handoff.byName}} handed this complaint from {{handoff.fromLabel}} to you ({{handoff.toLabel}}). Reason: {{handoff.reason}}. Please accept it by {{handoff.dueLocal}}.',
    },
    { 'zh-Hant': '【客訴轉交】', 'zh-Hans': '【客诉转交】', en: '[Complaint handed off]' }
  ),
  sop_review_due: {
    'zh-Hant': {
      subject: '【SOP 待複審】{{sop.code}} {{sop.title}}（複審日 {{sop.reviewDate}}）',
      html: layout('<p>{{recipient.name}} 您好：</p><p>標準作業程序 <b>{{sop.code}} {{sop.title}}</b>（第 {{sop.version}} 版）已超過複審日 {{sop.reviewDate}}，請安排檢討與更新。</p><p><a href="{{links.sop}}">開啟 SOP</a></p>', '每個複審日只通知一次。'),
      text: '{{recipient.name}} 您好：\nSOP {{sop.code}} {{sop.title}}（第 {{sop.version}} 版）已超過複審日 {{sop.reviewDate}}，請安排檢討與更新。\n{{links.sop}}\n',
    },
    'zh-Hans': {
      subject: '【SOP 待复审】{{sop.code}} {{sop.title}}（复审日 {{sop.reviewDate}}）',
      html: layout('<p>{{recipient.name}} 您好：</p><p>标准作业程序 <b>{{sop.code}} {{sop.title}}</b>（第 {{sop.version}} 版）已超过复审日 {{sop.reviewDate}}，请安排检讨与更新。</p><p><a href="{{links.sop}}">打开 SOP</a></p>', '每个复审日只通知一次。'),
      text: '{{recipient.name}} 您好：\nSOP {{sop.code}} {{sop.title}}（第 {{sop.version}} 版）已超过复审日 {{sop.reviewDate}}，请安排检讨与更新。\n{{links.sop}}\n',
    },
    en: {
      subject: '[SOP review due] {{sop.code}} {{sop.title}} (review date {{sop.reviewDate}})',
      html: layout('<p>Hello {{recipient.name}},</p><p>SOP <b>{{sop.code}} {{sop.title}}</b> (version {{sop.version}}) passed its review date {{sop.reviewDate}}. Please review and update it.</p><p><a href="{{links.sop}}">Open the SOP</a></p>', 'Sent once per review date.'),
      text: 'Hello {{recipient.name}},\nSOP {{sop.code}} {{sop.title}} (version {{sop.version}}) passed its review date {{sop.reviewDate}}.\n{{links.sop}}\n',
    },
  },
  satisfaction_survey: SATISFACTION_SURVEY,
  operations_reminder: OPERATIONS_REMINDER,
  recall_check_up: RECALL_CHECK_UP,
  urgent_page: URGENT_PAGE,
};

export const STEP_LABELS: Record<string, Record<Language, string>> = {
  h: { 'zh-Hant': '術後{n}小時', 'zh-Hans': '术后{n}小时', en: '{n} h after' },
  d: { 'zh-Hant': '術後{n}天', 'zh-Hans': '术后{n}天', en: '{n} days after' },
  w: { 'zh-Hant': '術後{n}週', 'zh-Hans': '术后{n}周', en: '{n} weeks after' },
  m: { 'zh-Hant': '術後{n}個月', 'zh-Hans': '术后{n}个月', en: '{n} months after' },
};

export const CHANNEL_LABELS: Record<string, Record<Language, string>> = {
  phone: { 'zh-Hant': '電話', 'zh-Hans': '电话', en: 'phone' },
  message: { 'zh-Hant': '訊息', 'zh-Hans': '消息', en: 'message' },
  visit: { 'zh-Hant': '回診', 'zh-Hans': '回诊', en: 'clinic visit' },
};
