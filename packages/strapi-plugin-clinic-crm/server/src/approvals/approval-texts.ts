import type { MailText } from '../core/outbox/staff-mail';

/** E-mails of the approval step: to those who may decide, and back to the requester. */
export const APPROVAL_MAIL: Record<'request' | 'approved' | 'rejected', MailText> = {
  request: {
    'zh-Hant': ['【待核准】{ref}：{requester} 請求您核准', '{requester} 請求核准（{ref}）。\n客戶：{client}\n項目：{treatment}\n內容：{what}\n理由：{reason}\n請登入後台，以您本人的帳號核准或退回。'],
    'zh-Hans': ['【待核准】{ref}：{requester} 请求您核准', '{requester} 请求核准（{ref}）。\n客户：{client}\n项目：{treatment}\n内容：{what}\n理由：{reason}\n请登录后台，以您本人的账号核准或退回。'],
    en: ['[Approval needed] {ref}: {requester} asks for your approval', '{requester} asks for an approval ({ref}).\nClient: {client}\nFor: {treatment}\nWhat: {what}\nReason: {reason}\nSign in to approve or reject it as yourself.'],
  },
  approved: {
    'zh-Hant': ['【已核准】{ref}', '{decider} 已核准 {ref}（{what}）。\n說明：{note}'],
    'zh-Hans': ['【已核准】{ref}', '{decider} 已核准 {ref}（{what}）。\n说明：{note}'],
    en: ['[Approved] {ref}', '{decider} approved {ref} ({what}).\nNote: {note}'],
  },
  rejected: {
    'zh-Hant': ['【未核准】{ref}', '{decider} 退回了 {ref}（{what}）。\n理由：{note}'],
    'zh-Hans': ['【未核准】{ref}', '{decider} 退回了 {ref}（{what}）。\n理由：{note}'],
    en: ['[Not approved] {ref}', '{decider} rejected {ref} ({what}).\nReason: {note}'],
  },
};

const t = (zhHant: string, zhHans: string, en: string) => ({ 'zh-Hant': zhHant, 'zh-Hans': zhHans, en });

export const APPROVAL_SAY = {
  nothingToOverride: t('此客戶沒有這個療程的禁忌症，不需要醫師核准。', '此客户没有这个疗程的禁忌症，不需要医师核准。', 'This client has no contraindication for this treatment: there is nothing to approve.'),
  withinQuote: t('此金額未超過客戶簽署的報價，不需要核准。', '此金额未超过客户签署的报价，不需要核准。', 'This price is within the quote the client signed: no approval is needed.'),
  refundBelowThreshold: t('此客訴沒有超過核准門檻的退款金額。', '此客诉没有超过核准门槛的退款金额。', 'This complaint has no proposed refund above the approval threshold.'),
  requesterFromSession: t('申請人是目前登入的員工本人，不能指定他人。', '申请人是目前登录的员工本人，不能指定他人。', 'The requester is the signed-in staff member; another person cannot be named.'),
  approverFromSession: t('核准人是目前登入的員工本人，不能指定他人。', '核准人是目前登录的员工本人，不能指定他人。', 'The approver is the signed-in staff member; another person cannot be named.'),
  reasonNeeded: t('請說明申請理由。', '请说明申请理由。', 'Give the reason for the request.'),
  noteNeeded: t('請寫下您的評估或退回理由。', '请写下您的评估或退回理由。', 'Write your assessment or the reason for rejecting.'),
  notYourOwn: t('不能核准自己提出的申請：須由另一位同仁登入後核准。', '不能核准自己提出的申请：须由另一位同事登录后核准。', 'You cannot decide your own request: another person decides it, signed in as themselves.'),
  alreadyDecided: t('此申請已經處理過了。', '此申请已经处理过了。', 'This request has already been decided.'),
  expired: t('此申請已過期，請重新申請。', '此申请已过期，请重新申请。', 'This request has expired: ask again.'),
  notApprover: {
    contraindication_override: t('禁忌症評估只能由醫師核准。', '禁忌症评估只能由医师核准。', 'Only a doctor can approve a contraindication override.'),
    price_change: t('超出報價的價格只能由管理者核准。', '超出报价的价格只能由管理者核准。', 'Only a manager can approve a price above the signed quote.'),
    refund: t('大額退款只能由管理者核准。', '大额退款只能由管理者核准。', 'Only a manager can approve a large refund.'),
  },
};
