/** Demo staff (every department), clients and SOPs, written in Traditional Chinese first. */
export const STAFF = [
  { fullName: '林美君', email: 'frontdesk.lin@clinic.local', department: 'front_desk', jobTitle: '櫃檯主任', preferredLanguage: 'zh-Hant' },
  { fullName: '陳怡婷', email: 'frontdesk.chen@clinic.local', department: 'front_desk', jobTitle: '櫃檯專員', preferredLanguage: 'zh-Hant' },
  { fullName: '王雅雯', email: 'beautician.wang@clinic.local', department: 'beautician', jobTitle: '資深美容師', preferredLanguage: 'zh-Hant' },
  { fullName: '張佳穎', email: 'beautician.chang@clinic.local', department: 'beautician', jobTitle: '美容師', preferredLanguage: 'zh-Hans' },
  { fullName: '李淑芬', email: 'nurse.lee@clinic.local', department: 'nurse', jobTitle: '護理長', preferredLanguage: 'zh-Hant' },
  { fullName: '黃志明', email: 'doctor.huang@clinic.local', department: 'doctor', jobTitle: '皮膚科專科醫師', preferredLanguage: 'zh-Hant' },
  { fullName: 'Dr. Emily Carter', email: 'doctor.carter@clinic.local', department: 'doctor', jobTitle: 'Aesthetic physician', preferredLanguage: 'en' },
  { fullName: '吳俊賢', email: 'manager.wu@clinic.local', department: 'management', jobTitle: '營運經理', preferredLanguage: 'zh-Hant' },
] as const;

export const CLIENTS = [
  { clientNumber: 'C-0001', fullName: '周小姐', gender: 'female', dateOfBirth: '1992-05-14', phone: '0912-345-678', email: 'chou@example.com', preferredLanguage: 'zh-Hant', allergies: '無已知過敏', medications: '無', medicalConditions: '無', pregnancyStatus: 'not_pregnant', priorTreatments: '2024 年脈衝光 3 次', aestheticGoals: '淡化兩頰曬斑，膚色均勻', firstContact: 'frontdesk.lin@clinic.local', photoConsentClinical: true },
  { clientNumber: 'C-0002', fullName: '許先生', gender: 'male', dateOfBirth: '1985-11-02', phone: '0923-456-789', email: 'hsu@example.com', preferredLanguage: 'zh-Hant', allergies: '利多卡因（起疹）、部分保養品香料', medications: '無', medicalConditions: '異位性皮膚炎病史', pregnancyStatus: 'not_applicable', priorTreatments: '無', aestheticGoals: '改善痘疤與毛孔', firstContact: 'frontdesk.chen@clinic.local', photoConsentClinical: true },
  { clientNumber: 'C-0003', fullName: '鄭女士', gender: 'female', dateOfBirth: '1979-03-28', phone: '0934-567-890', email: 'cheng@example.com', preferredLanguage: 'zh-Hant', allergies: '無', medications: '阿斯匹靈（每日）', medicalConditions: '高血壓（控制中）', pregnancyStatus: 'not_pregnant', priorTreatments: '肉毒桿菌素 2 次', aestheticGoals: '改善抬頭紋與法令紋', firstContact: 'frontdesk.lin@clinic.local', photoConsentClinical: true, photoConsentTraining: true },
  { clientNumber: 'C-0004', fullName: '劉小姐', gender: 'female', dateOfBirth: '1996-08-09', phone: '0945-678-901', email: 'liu@example.com', preferredLanguage: 'zh-Hans', allergies: '無', medications: '無', medicalConditions: '無', pregnancyStatus: 'lactating', priorTreatments: '無', aestheticGoals: '產後肌膚保濕與暗沉', firstContact: 'frontdesk.chen@clinic.local' },
  { clientNumber: 'C-0005', fullName: 'Sarah Thompson', gender: 'female', dateOfBirth: '1988-01-20', phone: '+886 955 123 456', email: 'sarah.t@example.com', preferredLanguage: 'en', allergies: 'Lidocaine (rash)', medications: 'None', medicalConditions: 'None', pregnancyStatus: 'not_pregnant', priorTreatments: 'Chemical peels', aestheticGoals: 'Brighter, more even skin tone', firstContact: 'frontdesk.lin@clinic.local' },
  { clientNumber: 'C-0006', fullName: '蔡先生', gender: 'male', dateOfBirth: '1990-12-12', phone: '0966-789-012', email: 'tsai@example.com', preferredLanguage: 'zh-Hant', allergies: '無', medications: '無', medicalConditions: '心律不整，2021 年裝設心律調節器', implantedDevice: true, pregnancyStatus: 'not_applicable', priorTreatments: '無', aestheticGoals: '腋下除毛；想了解電波拉提', firstContact: 'frontdesk.chen@clinic.local' },
] as const;

type SopSeed = { code: string; stage: string; department: string; isPublic?: boolean; title: [string, string]; body: [string, string]; owner: string };

export const SOPS: SopSeed[] = [
  {
    code: 'SOP-CON-01', stage: 'consultation', department: 'all', owner: 'doctor.huang@clinic.local', isPublic: true,
    title: ['療程前諮詢與評估', 'Pre-treatment consultation and assessment'],
    body: [
      '1. 櫃檯確認客戶身分並建立或更新客戶檔案（首問負責人）。\n2. 填寫健康問卷：過敏史、用藥、疾病、懷孕或哺乳狀態、過往醫美療程。\n3. 醫師評估膚況，說明適合的方案、可能風險、恢復期與替代方案。\n4. 以價目表逐項說明所有費用與加購項目，不得口頭承諾療效。\n5. 客戶有充分時間考慮，必要時提供書面資料帶回。',
      '1. Front desk confirms identity and opens or updates the client file (first-contact owner).\n2. Health questionnaire: allergies, medication, conditions, pregnancy or lactation, previous aesthetic treatments.\n3. The doctor assesses the skin and explains suitable options, risks, recovery and alternatives.\n4. Walk through every fee and add-on on the price list; never promise results verbally.\n5. The client has time to decide and may take written information home.',
    ],
  },
  {
    code: 'SOP-TRT-01', stage: 'treatment', department: 'all', owner: 'nurse.lee@clinic.local',
    title: ['療程操作流程', 'Treatment procedure'],
    body: [
      '1. 施作前再次核對客戶身分、療程項目、同意書與報價。\n2. 確認禁忌症無變化（懷孕、用藥、皮膚感染）。\n3. 依儀器或藥品操作規範施作，記錄參數與產品批號。\n4. 過程中關注客戶感受並適時溝通。\n5. 完成後立即說明術後注意事項並提供書面護理指南。',
      '1. Before starting, re-check identity, treatment, consent and quote.\n2. Confirm contraindications have not changed (pregnancy, medication, skin infection).\n3. Follow the device or product protocol; record settings and batch numbers.\n4. Watch the client’s comfort and keep talking with them.\n5. Explain aftercare immediately and hand over written instructions.',
    ],
  },
  {
    code: 'SOP-AFT-01', stage: 'aftercare', department: 'all', owner: 'beautician.wang@clinic.local',
    title: ['術後追蹤與回訪', 'Aftercare and follow-up'],
    body: [
      '依分級回訪計畫：24小時、1-3天、1週、2週、1個月、3個月、6個月、1年。每次回訪記錄恢復情況、客戶疑問與處理方式；發現異常立即通報醫師。',
      'Follow the graded plan: 24 h, 1–3 days, 1 week, 2 weeks, 1, 3, 6 and 12 months. Record recovery, questions and actions each time; report anything abnormal to the doctor at once.',
    ],
  },
  {
    code: 'SOP-EMG-01', stage: 'emergency', department: 'all', owner: 'doctor.huang@clinic.local',
    title: ['緊急事件處理（過敏性休克、血管栓塞）', 'Emergencies (anaphylaxis, vascular occlusion)'],
    body: [
      '1. 立即停止療程，呼叫醫師，啟動急救箱。\n2. 過敏性休克：依醫囑給予腎上腺素，必要時撥打119轉送。\n3. 疑似血管栓塞：停止注射、熱敷按摩、依醫囑注射玻尿酸分解酶。\n4. 事後填寫事件報告並通知管理層。',
      '1. Stop the procedure, call the doctor, open the emergency kit.\n2. Anaphylaxis: adrenaline as ordered; call emergency services if needed.\n3. Suspected vascular occlusion: stop injecting, warm compress and massage, hyaluronidase as ordered.\n4. File an incident report and inform management.',
    ],
  },
  {
    code: 'SOP-EQP-01', stage: 'equipment', department: 'nurse', owner: 'nurse.lee@clinic.local',
    title: ['儀器保養與校正', 'Equipment maintenance and calibration'],
    body: [
      '每日開機自檢、每週清潔、依原廠建議定期校正與保養，並記錄於設備登記簿；逾期未保養之儀器不得使用。',
      'Daily start-up self-test, weekly cleaning, calibration and servicing as the manufacturer advises, all logged in the equipment register; overdue devices are not used.',
    ],
  },
  {
    code: 'SOP-DIS-01', stage: 'disinfection', department: 'all', owner: 'nurse.lee@clinic.local',
    title: ['環境與器械消毒', 'Environment and instrument disinfection'],
    body: [
      '每位客戶之間更換床單與耗材；器械依分類進行清洗、消毒或滅菌並記錄；療程室每日結束後全面消毒。',
      'Change linen and consumables between clients; clean, disinfect or sterilise instruments by class and log it; disinfect treatment rooms fully at the end of each day.',
    ],
  },
];

export const CONSENT_TEMPLATES = [
  {
    templateKey: 'laser-general',
    treatment: 'pico-laser-full-face',
    language: 'zh-Hant',
    title: '雷射療程知情同意書',
    body:
      '本人 {{client.fullName}} 已由醫師說明「{{treatment.name}}」之療程內容、預期效果、恢復期（{{treatment.recoveryPeriod}}）及可能風險：\n{{#each risks}}- {{this}}\n{{/each}}\n替代方案：{{alternatives}}\n\n費用明細：\n{{#each price.lines}}- {{label}} × {{quantity}}:{{formatted}}\n{{/each}}合計：{{price.totalFormatted}}\n\n本人了解療效因人而異，並同意接受本療程。',
    riskList: ['短暫泛紅與腫脹', '發炎後色素沉澱（反黑）', '極少數起水泡或結痂'],
    alternatives: '脈衝光、外用美白藥物或不治療',
  },
  {
    templateKey: 'laser-general',
    treatment: 'pico-laser-full-face',
    language: 'en',
    title: 'Laser treatment informed consent',
    body:
      'I, {{client.fullName}}, have had "{{treatment.name}}" explained by the doctor: the procedure, expected effect, recovery ({{treatment.recoveryPeriod}}) and possible risks:\n{{#each risks}}- {{this}}\n{{/each}}\nAlternatives: {{alternatives}}\n\nFees:\n{{#each price.lines}}- {{label}} × {{quantity}}: {{formatted}}\n{{/each}}Total: {{price.totalFormatted}}\n\nI understand results vary between people and I agree to this treatment.',
    riskList: ['Temporary redness and swelling', 'Post-inflammatory hyperpigmentation', 'Rarely blisters or crusting'],
    alternatives: 'IPL, topical lightening agents, or no treatment',
  },
  {
    templateKey: 'injectables-general',
    treatment: 'botulinum-toxin',
    language: 'zh-Hant',
    title: '注射療程知情同意書',
    body:
      '本人 {{client.fullName}} 已了解「{{treatment.name}}」之作用、維持時間與可能風險：\n{{#each risks}}- {{this}}\n{{/each}}\n費用合計：{{price.totalFormatted}}。本人確認未懷孕、未哺乳，並同意接受注射。',
    riskList: ['瘀青或腫脹', '頭痛', '暫時性眼瞼下垂或表情不對稱'],
    alternatives: '外用保養品、電波類療程或不治療',
  },
] as const;
