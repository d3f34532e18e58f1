/**
 * Content-manager labels of the clinic's fields and enumeration values, per interface language
 * [zh-Hant ("zh" in the admin), zh-Hans, en]. Registered as admin translations, so each user's own
 * interface language decides: list columns use `content-manager.content-types.<uid>.<field>`
 * (Strapi's own ids), the edit view gets the same labels through the layout hook (index.ts), and
 * enumeration options are translated by their value (Strapi's select looks the value up).
 */
import { CONTRAINDICATIONS } from '../../../server/src/domain/contraindications';

type Three = [string, string, string];

export const FIELD_LABELS: Record<string, Record<string, Three>> = {
  client: {
    clientNumber: ['客戶編號', '客户编号', 'Client number'],
    fullName: ['姓名', '姓名', 'Full name'],
    preferredName: ['稱呼', '称呼', 'How to address them'],
    gender: ['性別', '性别', 'Gender'],
    dateOfBirth: ['出生日期', '出生日期', 'Date of birth'],
    phone: ['電話', '电话', 'Phone'],
    email: ['電子郵件', '电子邮件', 'E-mail'],
    preferredLanguage: ['通知語言', '通知语言', 'Language for messages'],
    allergies: ['過敏史', '过敏史', 'Allergies'],
    medications: ['目前用藥', '目前用药', 'Current medication'],
    medicalConditions: ['疾病史', '疾病史', 'Medical conditions'],
    pregnancyStatus: ['懷孕／哺乳狀態', '怀孕／哺乳状态', 'Pregnancy / breastfeeding'],
    priorTreatments: ['過往醫美療程', '过往医美疗程', 'Previous aesthetic treatments'],
    isotretinoinLastTakenAt: ['最後服用 A 酸日期', '最后服用 A 酸日期', 'Isotretinoin last taken on'],
    onAnticoagulants: ['服用抗凝血劑', '服用抗凝血剂', 'Takes anticoagulants'],
    activeSkinInfection: ['皮膚感染中', '皮肤感染中', 'Active skin infection'],
    keloidHistory: ['蟹足腫病史', '瘢痕疙瘩病史', 'History of keloids'],
    photosensitisingMedication: ['服用光敏感藥物', '服用光敏药物', 'Takes photosensitising medication'],
    neuromuscularDisease: ['神經肌肉疾病（如重症肌無力）', '神经肌肉疾病（如重症肌无力）', 'Neuromuscular disease (e.g. myasthenia gravis)'],
    implantedDevice: ['心律調節器或植入式電子裝置', '心脏起搏器或植入式电子装置', 'Pacemaker or implanted electronic device'],
    metalImplantsInArea: ['治療部位有金屬植入物', '治疗部位有金属植入物', 'Metal implants in the treatment area'],
    coldUrticaria: ['寒冷性蕁麻疹', '寒冷性荨麻疹', 'Cold urticaria'],
    herniaInArea: ['治療部位疝氣', '治疗部位疝气', 'Hernia in the treatment area'],
    guardianConsent: ['法定代理人同意', '法定代理人同意', 'Guardian’s consent'],
    guardianName: ['法定代理人姓名', '法定代理人姓名', 'Guardian’s name'],
    aestheticGoals: ['想改善的項目', '想改善的项目', 'What they would like to improve'],
    firstContactStaff: ['首問負責人', '首问负责人', 'First contact (staff)'],
    photoConsentClinical: ['照片授權：病歷', '照片授权：病历', 'Photo consent: clinical record'],
    photoConsentTraining: ['照片授權：教學', '照片授权：教学', 'Photo consent: training'],
    photoConsentMarketing: ['照片授權：行銷', '照片授权：营销', 'Photo consent: marketing'],
    notes: ['備註', '备注', 'Notes'],
    erasedAt: ['個資刪除時間', '个人资料删除时间', 'Personal data erased at'],
    retainUntil: ['病歷保存至', '病历保存至', 'Records kept until'],
    erasureNote: ['刪除說明', '删除说明', 'Erasure note'],
  },
  complaint: {
    referenceNumber: ['案件編號', '案件编号', 'Reference'],
    client: ['客戶', '客户', 'Client'],
    contactName: ['反映人', '反映人', 'Contact name'],
    contactPhone: ['聯絡電話', '联系电话', 'Contact phone'],
    contactEmail: ['聯絡電子郵件', '联系电子邮件', 'Contact e-mail'],
    channel: ['反映管道', '反映渠道', 'Came in by'],
    category: ['客訴類別', '客诉类别', 'Category'],
    severity: ['嚴重程度', '严重程度', 'Severity'],
    description: ['事件經過', '事件经过', 'What happened'],
    occurredAt: ['發生時間', '发生时间', 'When it happened'],
    treatmentRecord: ['相關療程紀錄', '相关疗程记录', 'Treatment record concerned'],
    productBatchNumber: ['產品批號', '产品批号', 'Product batch number'],
    department: ['負責部門', '负责部门', 'Department'],
    assignee: ['負責人', '负责人', 'Handled by'],
    workflowStatus: ['處理狀態', '处理状态', 'Status'],
    receivedAt: ['受理時間', '受理时间', 'Received at'],
    firstResponseDueAt: ['首次回應期限', '首次响应期限', 'First response due'],
    resolutionDueAt: ['處理期限', '处理期限', 'Resolution due'],
    firstRespondedAt: ['首次回應時間', '首次响应时间', 'First responded at'],
    resolvedAt: ['方案執行時間', '方案执行时间', 'Resolved at'],
    closedAt: ['結案時間', '结案时间', 'Closed at'],
    pausedSince: ['暫停計時起', '暂停计时起', 'Clock paused since'],
    pausedMinutes: ['暫停分鐘數', '暂停分钟数', 'Paused minutes'],
    escalationLevel: ['升級層級', '升级层级', 'Escalation level'],
    breached: ['已逾期', '已逾期', 'Past a deadline'],
    firstResponseBreached: ['首次回應逾期', '首次响应逾期', 'First response late'],
    resolutionBreached: ['處理逾期', '处理逾期', 'Resolution late'],
    resolutionTypes: ['處理方式', '处理方式', 'Resolution'],
    resolutionNotes: ['處理說明', '处理说明', 'Resolution notes'],
    refundAmount: ['退款金額', '退款金额', 'Refund amount'],
    satisfactionScore: ['結案滿意度', '结案满意度', 'Satisfaction score'],
    events: ['處理紀錄', '处理记录', 'Timeline'],
    routingRule: ['分派規則', '分派规则', 'Routing rule'],
  },
  'treatment-record': {
    recordNumber: ['紀錄編號', '记录编号', 'Record number'],
    client: ['客戶', '客户', 'Client'],
    treatment: ['療程', '疗程', 'Treatment'],
    practitioner: ['施作人員', '施作人员', 'Performed by'],
    performedAt: ['施作時間', '施作时间', 'Performed at'],
    priceSnapshot: ['本次費用（凍結）', '本次费用（冻结）', 'Price (frozen)'],
    consentRecord: ['同意書', '同意书', 'Consent'],
    productBatchNumbers: ['產品批號', '产品批号', 'Product batch numbers'],
    notes: ['臨床紀錄', '临床记录', 'Clinical notes'],
    contraindicationOverride: ['醫師禁忌症評估', '医师禁忌症评估', 'Doctor’s contraindication review'],
    sopVersions: ['適用 SOP 版本', '适用 SOP 版本', 'SOP versions'],
    equipment: ['使用儀器', '使用仪器', 'Equipment'],
    equipmentWarnings: ['儀器警示', '仪器警示', 'Equipment warnings'],
    photos: ['臨床照片', '临床照片', 'Clinical photos'],
  },
  'consent-record': {
    client: ['客戶', '客户', 'Client'],
    treatment: ['療程', '疗程', 'Treatment'],
    consentTemplate: ['同意書範本', '同意书模板', 'Consent template'],
    templateVersion: ['範本版本', '模板版本', 'Template version'],
    language: ['語言', '语言', 'Language'],
    renderedText: ['同意書內容', '同意书内容', 'Consent text'],
    priceSnapshot: ['簽署時報價', '签署时报价', 'Quote signed'],
    signerName: ['簽署人', '签署人', 'Signed by'],
    signatureImage: ['簽名', '签名', 'Signature'],
    witness: ['見證人', '见证人', 'Witness'],
    signedAt: ['簽署時間', '签署时间', 'Signed at'],
    clientIp: ['簽署 IP', '签署 IP', 'IP address'],
    clientDevice: ['簽署裝置', '签署设备', 'Device'],
    contentHash: ['內容雜湊', '内容哈希', 'Content hash'],
    consentStatus: ['狀態', '状态', 'Status'],
    templateKey: ['範本代碼', '模板代码', 'Template key'],
    contraindicationOverride: ['醫師禁忌症評估', '医师禁忌症评估', 'Doctor’s contraindication review'],
    supersedes: ['取代的同意書', '取代的同意书', 'Supersedes'],
  },
  'follow-up-task': {
    idempotencyKey: ['唯一鍵', '唯一键', 'Idempotency key'],
    treatmentRecord: ['療程紀錄', '疗程记录', 'Treatment record'],
    step: ['追蹤階段', '回访阶段', 'Step'],
    stepIndex: ['階段序號', '阶段序号', 'Step number'],
    purpose: ['追蹤目的', '回访目的', 'Purpose'],
    channel: ['方式', '方式', 'Channel'],
    department: ['負責部門', '负责部门', 'Department'],
    dueAt: ['期限', '期限', 'Due'],
    assignee: ['負責人', '负责人', 'Assigned to'],
    taskStatus: ['狀態', '状态', 'Status'],
    outcome: ['結果', '结果', 'Outcome'],
    outcomeNotes: ['結果說明', '结果说明', 'Outcome notes'],
    completedAt: ['完成時間', '完成时间', 'Completed at'],
    escalationLevel: ['升級層級', '升级层级', 'Escalation level'],
    complaint: ['相關客訴', '相关客诉', 'Complaint'],
  },
  'staff-member': {
    fullName: ['姓名', '姓名', 'Full name'],
    email: ['電子郵件', '电子邮件', 'E-mail'],
    department: ['部門', '部门', 'Department'],
    jobTitle: ['職稱', '职称', 'Job title'],
    phone: ['電話', '电话', 'Phone'],
    preferredLanguage: ['語言', '语言', 'Language'],
    isActive: ['在職', '在职', 'Active'],
    dailyDigest: ['每日任務摘要', '每日任务摘要', 'Daily task digest'],
    adminUser: ['後台帳號', '后台账号', 'Admin account'],
  },
  treatment: {
    name: ['療程名稱', '疗程名称', 'Name'],
    slug: ['網址代稱', '网址别名', 'Slug'],
    category: ['類別', '类别', 'Category'],
    summary: ['簡介', '简介', 'Summary'],
    description: ['說明', '说明', 'Description'],
    procedureSummary: ['療程步驟', '疗程步骤', 'Procedure'],
    expectedEffect: ['預期效果', '预期效果', 'Expected effect'],
    recoveryPeriod: ['恢復期', '恢复期', 'Recovery period'],
    risksAndSideEffects: ['可能風險與副作用', '可能风险与副作用', 'Risks and side effects'],
    contraindications: ['禁忌症', '禁忌症', 'Contraindications'],
    ingredients: ['成分／產品（過敏比對）', '成分／产品（过敏比对）', 'Ingredients / products (allergy check)'],
    durationMinutes: ['療程時間（分鐘）', '疗程时间（分钟）', 'Duration (minutes)'],
    priceValidFrom: ['價格生效日', '价格生效日', 'Prices valid from'],
    feeItems: ['收費項目', '收费项目', 'Fee items'],
    coursePackages: ['療程套組', '疗程套餐', 'Course packages'],
    followUpPlan: ['術後追蹤計畫', '术后回访计划', 'Follow-up plan'],
    sops: ['標準作業程序', '标准作业程序', 'SOPs'],
    internalNotes: ['內部備註', '内部备注', 'Internal notes'],
    requiredCertifications: ['所需證照', '所需证照', 'Required certifications'],
    visualAids: ['說明圖片', '说明图片', 'Visual aids'],
  },
};

const codeList = (i: 0 | 1 | 2) => {
  const lang = (['zh-Hant', 'zh-Hans', 'en'] as const)[i];
  return Object.entries(CONTRAINDICATIONS)
    .map(([code, rule]) => `${code}${i === 2 ? ': ' : '：'}${rule[lang]}`)
    .join(i === 2 ? '; ' : '；');
};

/** Edit-view hints under the field (Strapi's `hint`), per type and field. */
export const FIELD_HINTS: Record<string, Record<string, Three>> = {
  treatment: {
    contraindications: [
      `代碼清單，例如 ["pregnancy", "pacemaker"]；其他代碼無法儲存。可用代碼：${codeList(0)}`,
      `代码清单，例如 ["pregnancy", "pacemaker"]；其他代码无法保存。可用代码：${codeList(1)}`,
      `A list of codes, e.g. ["pregnancy", "pacemaker"]; any other code cannot be saved. Known codes: ${codeList(2)}`,
    ],
    ingredients: [
      '每項一個名稱，例如 ["Lidocaine", "Hyaluronic acid"]；客戶過敏史提到其中之一（含中文名稱）時，簽署同意書須醫師評估。',
      '每项一个名称，例如 ["Lidocaine", "Hyaluronic acid"]；客户过敏史提到其中之一（含中文名称）时，签署同意书须医师评估。',
      'One name per entry, e.g. ["Lidocaine", "Hyaluronic acid"]; when a client’s allergies name one (Chinese names included), the consent needs a doctor’s review.',
    ],
  },
};

export const COMPONENT_LABELS: Record<string, Record<string, Three>> = {
  'clinic-crm.fee-item': {
    code: ['代碼', '代码', 'Code'],
    label: ['項目名稱', '项目名称', 'Label'],
    kind: ['類型', '类型', 'Kind'],
    amount: ['金額（NT$，各語言相同）', '金额（NT$，各语言相同）', 'Amount (NT$, same in every language)'],
    currency: ['幣別', '币种', 'Currency'],
    unit: ['計價單位', '计价单位', 'Unit'],
    minQuantity: ['最低數量', '最低数量', 'Minimum quantity'],
    effectiveFrom: ['生效日', '生效日', 'Effective from'],
    effectiveUntil: ['截止日', '截止日', 'Effective until'],
    note: ['備註', '备注', 'Note'],
  },
  'clinic-crm.course-package': {
    code: ['代碼', '代码', 'Code'],
    label: ['套組名稱', '套餐名称', 'Label'],
    sessions: ['堂數', '次数', 'Sessions'],
    amount: ['套組價格（NT$，各語言相同）', '套餐价格（NT$，各语言相同）', 'Package price (NT$, same in every language)'],
    currency: ['幣別', '币种', 'Currency'],
    effectiveFrom: ['生效日', '生效日', 'Effective from'],
    effectiveUntil: ['截止日', '截止日', 'Effective until'],
    note: ['備註', '备注', 'Note'],
  },
  'clinic-crm.follow-up-step': {
    code: ['階段代碼', '阶段代码', 'Step code'],
    purpose: ['追蹤目的', '回访目的', 'Purpose'],
    channel: ['方式', '方式', 'Channel'],
    department: ['負責部門', '负责部门', 'Department'],
  },
};

/** Enumeration values as staff see them in selects (Strapi looks each option up by its value). */
export const ENUM_LABELS: Record<string, Three> = {
  female: ['女', '女', 'Female'],
  male: ['男', '男', 'Male'],
  undisclosed: ['不透露', '不透露', 'Not stated'],
  not_pregnant: ['未懷孕', '未怀孕', 'Not pregnant'],
  pregnant: ['懷孕中', '怀孕中', 'Pregnant'],
  lactating: ['哺乳中', '哺乳中', 'Breastfeeding'],
  planning: ['備孕中', '备孕中', 'Planning pregnancy'],
  not_applicable: ['不適用', '不适用', 'Not applicable'],
  unknown: ['不明', '不明', 'Unknown'],
  walk_in: ['臨櫃', '临柜', 'Walk-in'],
  phone: ['電話', '电话', 'Phone'],
  website: ['官網', '官网', 'Website'],
  social: ['社群媒體', '社交媒体', 'Social media'],
  follow_up_call: ['回訪電話', '回访电话', 'Follow-up call'],
  message: ['訊息', '消息', 'Message'],
  visit: ['回診', '回诊', 'Visit'],
  service_attitude: ['服務態度', '服务态度', 'Service attitude'],
  price_billing: ['價格與收費', '价格与收费', 'Price / billing'],
  result_below_expectation: ['效果不如預期', '效果不如预期', 'Result below expectation'],
  side_effect: ['副作用／併發症', '副作用／并发症', 'Side effect / complication'],
  product_reaction: ['產品過敏反應', '产品过敏反应', 'Product reaction'],
  hygiene_safety: ['衛生與安全', '卫生与安全', 'Hygiene / safety'],
  privacy: ['隱私', '隐私', 'Privacy'],
  low: ['低', '低', 'Low'],
  medium: ['中', '中', 'Medium'],
  high: ['高', '高', 'High'],
  critical: ['緊急', '紧急', 'Critical'],
  front_desk: ['櫃檯', '前台', 'Front desk'],
  beautician: ['美容師', '美容师', 'Beautician'],
  nurse: ['護理師', '护士', 'Nurse'],
  doctor: ['醫師', '医师', 'Doctor'],
  management: ['管理部', '管理部', 'Management'],
  received: ['已受理', '已受理', 'Received'],
  investigating: ['調查中', '调查中', 'Investigating'],
  coordinating: ['協調中', '协调中', 'Coordinating'],
  resolution_proposed: ['已提出方案', '已提出方案', 'Resolution proposed'],
  resolution_executed: ['方案已執行', '方案已执行', 'Resolution executed'],
  follow_up: ['後續追蹤', '后续跟进', 'Follow-up'],
  closed: ['已結案', '已结案', 'Closed'],
  rejected: ['不受理', '不受理', 'Rejected'],
  duplicate: ['重複案件', '重复案件', 'Duplicate'],
  pending: ['待處理', '待处理', 'Pending'],
  done: ['已完成', '已完成', 'Done'],
  cancelled: ['已取消', '已取消', 'Cancelled'],
  normal_recovery: ['恢復正常', '恢复正常', 'Normal recovery'],
  needs_visit: ['需回診', '需回诊', 'Needs a visit'],
  complication: ['併發症', '并发症', 'Complication'],
  valid: ['有效', '有效', 'Valid'],
  superseded: ['已被取代', '已被取代', 'Superseded'],
  withdrawn: ['已撤回', '已撤回', 'Withdrawn'],
  included: ['基本費用（已含）', '基本费用（已含）', 'Included'],
  add_on: ['加購', '加购', 'Add-on'],
  per_session: ['每次', '每次', 'Per session'],
  per_area: ['每部位', '每部位', 'Per area'],
  per_unit: ['每單位', '每单位', 'Per unit'],
  per_syringe: ['每支', '每支', 'Per syringe'],
  per_course: ['每療程', '每疗程', 'Per course'],
  one_off: ['一次性', '一次性', 'One-off'],
  injectables: ['微整注射', '微整注射', 'Injectables'],
  laser: ['雷射光療', '激光光疗', 'Laser & light'],
  energy_devices: ['電波音波拉提', '射频超声提拉', 'RF & ultrasound lifting'],
  skin_care: ['皮膚保養', '皮肤护理', 'Skin care'],
  peels: ['換膚療程', '换肤疗程', 'Chemical peels'],
  body_contouring: ['身體雕塑', '身体塑形', 'Body contouring'],
  hair_removal: ['除毛', '脱毛', 'Hair removal'],
  consultation: ['諮詢評估', '咨询评估', 'Consultation'],
  'zh-Hant': ['繁體中文', '繁体中文', 'Traditional Chinese'],
  'zh-Hans': ['簡體中文', '简体中文', 'Simplified Chinese'],
  en: ['英文', '英文', 'English'],
};

const INDEX: Record<string, number> = { zh: 0, 'zh-Hant': 0, 'zh-Hans': 1, en: 2 };

/** The admin messages for one interface language: field labels (list + edit view) and enum values. */
export const fieldMessages = (locale: string): Record<string, string> => {
  const i = INDEX[locale];
  if (i === undefined) return {};
  const out: Record<string, string> = {};
  for (const [type, fields] of Object.entries(FIELD_LABELS)) {
    for (const [field, labels] of Object.entries(fields)) out[`content-manager.content-types.plugin::clinic-crm.${type}.${field}`] = labels[i];
  }
  for (const [component, fields] of Object.entries(COMPONENT_LABELS)) {
    for (const [field, labels] of Object.entries(fields)) out[`content-manager.components.${component}.${field}`] = labels[i];
  }
  for (const [type, fields] of Object.entries(FIELD_HINTS)) {
    for (const [field, hints] of Object.entries(fields)) out[`content-manager.content-types.plugin::clinic-crm.${type}.${field}.hint`] = hints[i];
  }
  for (const [value, labels] of Object.entries(ENUM_LABELS)) out[value] = labels[i];
  return out;
};
