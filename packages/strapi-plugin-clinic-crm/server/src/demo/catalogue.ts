/**
 * Demo catalogue: 16 treatments of a Taipei aesthetics/dermatology clinic, priced in TWD.
 * Every fee is listed (consultation, the treatment itself, numbing cream, aftercare products),
 * add-ons are optional, and the texts avoid absolute claims (they pass the advertising check).
 */
type L3 = [zhHant: string, zhHans: string, en: string];

export interface SeedFee {
  code: string;
  kind: 'included' | 'add_on';
  amount: number;
  unit: 'per_session' | 'per_area' | 'per_unit' | 'per_syringe' | 'per_course' | 'one_off';
  minQuantity?: number;
  label: L3;
  note?: L3;
}

export interface SeedTreatment {
  slug: string;
  category: string;
  durationMinutes: number;
  /** Codes of domain/contraindications (an unknown code is refused when the treatment is saved). */
  contraindications: string[];
  /** Ingredients and products used, matched against clients' allergies. */
  ingredients?: string[];
  name: L3;
  summary: L3;
  expectedEffect: L3;
  recoveryPeriod: L3;
  risks: L3;
  fees: SeedFee[];
  packages?: Array<{ code: string; sessions: number; amount: number; label: L3 }>;
}

const CONSULT: SeedFee = { code: 'consultation', kind: 'included', amount: 500, unit: 'one_off', label: ['醫師諮詢評估費', '医师咨询评估费', 'Doctor consultation'], note: ['同日施作可折抵', '同日施作可折抵', 'Credited when treated the same day'] };
const NUMBING: SeedFee = { code: 'numbing-cream', kind: 'add_on', amount: 300, unit: 'per_session', label: ['局部麻醉藥膏', '局部麻醉药膏', 'Topical anaesthetic cream'] };
const REPAIR_MASK: SeedFee = { code: 'repair-mask', kind: 'add_on', amount: 180, unit: 'per_unit', label: ['術後修護面膜（片）', '术后修护面膜（片）', 'Post-treatment repair mask (each)'] };
const SUNSCREEN: SeedFee = { code: 'sunscreen', kind: 'add_on', amount: 880, unit: 'one_off', label: ['術後專用防曬乳', '术后专用防晒乳', 'Post-treatment sunscreen'] };

export const TREATMENTS: SeedTreatment[] = [
  {
    slug: 'pico-laser-full-face', category: 'laser', durationMinutes: 45, contraindications: ['pregnancy', 'isotretinoin_6m', 'active_skin_infection'],
    name: ['皮秒雷射（全臉）', '皮秒激光（全脸）', 'Picosecond laser (full face)'],
    summary: ['以超短脈衝擊碎色素，改善斑點與膚色不均。', '以超短脉冲击碎色素，改善斑点与肤色不均。', 'Ultra-short pulses break up pigment to improve spots and uneven tone.'],
    expectedEffect: ['多數人於3至5次療程後膚色較均勻，效果因人而異。', '多数人于3至5次疗程后肤色较均匀，效果因人而异。', 'Most clients see a more even tone after 3–5 sessions; results vary.'],
    recoveryPeriod: ['泛紅約1至3天，微結痂約5至7天', '泛红约1至3天，微结痂约5至7天', 'Redness 1–3 days, light crusting 5–7 days'],
    risks: ['短暫泛紅、腫脹、反黑（發炎後色素沉澱）、極少數起水泡。', '短暂泛红、肿胀、反黑（炎症后色素沉着）、极少数起水泡。', 'Temporary redness, swelling, post-inflammatory hyperpigmentation, rarely blisters.'],
    fees: [CONSULT, { code: 'pico-full-face', kind: 'included', amount: 8000, unit: 'per_session', label: ['皮秒雷射全臉施打', '皮秒激光全脸施打', 'Picosecond laser, full face'] }, NUMBING, REPAIR_MASK, SUNSCREEN],
    packages: [{ code: 'pico-5', sessions: 5, amount: 36000, label: ['皮秒全臉5堂套組', '皮秒全脸5堂套组', 'Full-face pico, 5 sessions'] }],
  },
  {
    slug: 'pico-spot-removal', category: 'laser', durationMinutes: 20, contraindications: ['pregnancy', 'isotretinoin_6m'],
    name: ['皮秒雷射除斑（局部）', '皮秒激光祛斑（局部）', 'Picosecond spot removal'],
    summary: ['針對單一斑點的局部治療。', '针对单一斑点的局部治疗。', 'Targeted treatment of individual spots.'],
    expectedEffect: ['淺層斑點通常1至2次可見淡化。', '浅层斑点通常1至2次可见淡化。', 'Superficial spots usually fade visibly after 1–2 sessions.'],
    recoveryPeriod: ['結痂約7天', '结痂约7天', 'Crusting about 7 days'],
    risks: ['結痂、短暫色素沉澱或色素脫失。', '结痂、短暂色素沉着或色素脱失。', 'Crusting, temporary hyper- or hypopigmentation.'],
    fees: [CONSULT, { code: 'pico-spot', kind: 'included', amount: 1500, unit: 'per_area', label: ['局部除斑（每區）', '局部祛斑（每区）', 'Spot removal (per area)'] }, NUMBING, SUNSCREEN],
  },
  {
    slug: 'ipl-photorejuvenation', category: 'laser', durationMinutes: 40, contraindications: ['pregnancy', 'isotretinoin_6m', 'photosensitising_drugs'],
    name: ['脈衝光（全臉）', '强脉冲光（全脸）', 'IPL photorejuvenation (full face)'],
    summary: ['改善泛紅、微血管與淺層斑點。', '改善泛红、微血管与浅层斑点。', 'Improves redness, small vessels and superficial pigment.'],
    expectedEffect: ['建議3至5次，每次間隔約4週。', '建议3至5次，每次间隔约4周。', '3–5 sessions about 4 weeks apart are usually advised.'],
    recoveryPeriod: ['幾乎無恢復期，斑點可能暫時變深', '几乎无恢复期，斑点可能暂时变深', 'Little downtime; spots may darken temporarily'],
    risks: ['泛紅、輕微灼熱感、少數起水泡或色素變化。', '泛红、轻微灼热感、少数起水泡或色素变化。', 'Redness, mild burning sensation, occasional blisters or pigment change.'],
    fees: [CONSULT, { code: 'ipl-full-face', kind: 'included', amount: 4500, unit: 'per_session', label: ['脈衝光全臉', '强脉冲光全脸', 'IPL full face'] }, SUNSCREEN],
    packages: [{ code: 'ipl-5', sessions: 5, amount: 19800, label: ['脈衝光5堂套組', '强脉冲光5堂套组', 'IPL, 5 sessions'] }],
  },
  {
    slug: 'fractional-co2', category: 'laser', durationMinutes: 60, contraindications: ['pregnancy', 'isotretinoin_6m', 'keloid_history', 'active_skin_infection'],
    name: ['二氧化碳飛梭雷射', '二氧化碳点阵激光', 'Fractional CO₂ laser'],
    summary: ['改善凹洞痘疤與毛孔。', '改善凹陷痘疤与毛孔。', 'Improves atrophic acne scars and pores.'],
    expectedEffect: ['通常需3次以上，每次間隔1至2個月。', '通常需3次以上，每次间隔1至2个月。', 'Usually 3 or more sessions, 1–2 months apart.'],
    recoveryPeriod: ['泛紅結痂約7至10天', '泛红结痂约7至10天', 'Redness and crusting 7–10 days'],
    risks: ['結痂、反黑、感染、極少數疤痕增生。', '结痂、反黑、感染、极少数疤痕增生。', 'Crusting, hyperpigmentation, infection, rarely scarring.'],
    fees: [CONSULT, { code: 'co2-full-face', kind: 'included', amount: 12000, unit: 'per_session', label: ['飛梭雷射全臉', '点阵激光全脸', 'Fractional CO₂, full face'] }, { code: 'aftercare-kit', kind: 'included', amount: 1200, unit: 'one_off', label: ['術後修復組（必要）', '术后修复组（必要）', 'Aftercare kit (required)'] }, NUMBING],
  },
  {
    slug: 'botulinum-toxin', category: 'injectables', durationMinutes: 20, contraindications: ['pregnancy', 'lactation', 'neuromuscular_disease', 'under_18'], ingredients: ['Botulinum toxin type A', 'Human albumin'],
    name: ['肉毒桿菌素注射', '肉毒杆菌素注射', 'Botulinum toxin injection'],
    summary: ['放鬆表情肌，改善動態紋。', '放松表情肌，改善动态纹。', 'Relaxes expression muscles to soften dynamic lines.'],
    expectedEffect: ['約3至7天起效，維持約3至6個月，因人而異。', '约3至7天起效，维持约3至6个月，因人而异。', 'Takes effect in 3–7 days and usually lasts 3–6 months; varies by person.'],
    recoveryPeriod: ['注射點微紅約數小時', '注射点微红约数小时', 'Injection points slightly red for a few hours'],
    risks: ['瘀青、頭痛、暫時性眼瞼下垂或表情不對稱。', '瘀青、头痛、暂时性眼睑下垂或表情不对称。', 'Bruising, headache, temporary eyelid droop or asymmetry.'],
    fees: [CONSULT, { code: 'botox-unit', kind: 'included', amount: 150, unit: 'per_unit', minQuantity: 20, label: ['肉毒桿菌素（每單位）', '肉毒杆菌素（每单位）', 'Botulinum toxin (per unit)'], note: ['抬頭紋約10-20單位', '抬头纹约10-20单位', 'Forehead lines typically 10–20 units'] }, { code: 'touch-up-visit', kind: 'add_on', amount: 0, unit: 'one_off', label: ['兩週回診評估（免費）', '两周回诊评估（免费）', 'Two-week review visit (free)'] }],
  },
  {
    slug: 'hyaluronic-acid-filler', category: 'injectables', durationMinutes: 40, contraindications: ['pregnancy', 'lactation', 'anticoagulants', 'active_skin_infection', 'under_18'], ingredients: ['Hyaluronic acid (cross-linked)', 'Lidocaine'],
    name: ['玻尿酸填補', '玻尿酸填充', 'Hyaluronic acid filler'],
    summary: ['填補凹陷、修飾輪廓。', '填充凹陷、修饰轮廓。', 'Restores volume and refines contours.'],
    expectedEffect: ['立即可見，維持約6至12個月，依產品與部位而異。', '立即可见，维持约6至12个月，依产品与部位而异。', 'Visible immediately; lasts about 6–12 months depending on product and area.'],
    recoveryPeriod: ['腫脹瘀青約3至7天', '肿胀瘀青约3至7天', 'Swelling and bruising 3–7 days'],
    risks: ['腫脹、瘀青、結節，極少數血管栓塞需緊急處理。', '肿胀、瘀青、结节，极少数血管栓塞需紧急处理。', 'Swelling, bruising, nodules; rarely vascular occlusion requiring urgent care.'],
    fees: [CONSULT, { code: 'ha-syringe', kind: 'included', amount: 15000, unit: 'per_syringe', label: ['玻尿酸（每支1ml）', '玻尿酸（每支1ml）', 'Hyaluronic acid (per 1 ml syringe)'] }, NUMBING, { code: 'hyaluronidase-reserve', kind: 'add_on', amount: 3000, unit: 'one_off', label: ['玻尿酸分解酶（如需）', '玻尿酸分解酶（如需）', 'Hyaluronidase if needed'] }],
  },
  {
    slug: 'skin-booster', category: 'injectables', durationMinutes: 45, contraindications: ['pregnancy', 'anticoagulants', 'active_skin_infection'], ingredients: ['Hyaluronic acid (non-cross-linked)'],
    name: ['水光注射', '水光注射', 'Skin booster injection'],
    summary: ['將保濕成分注入真皮層，改善乾燥細紋。', '将保湿成分注入真皮层，改善干燥细纹。', 'Delivers hydrating ingredients into the dermis for dryness and fine lines.'],
    expectedEffect: ['建議每月1次，連續3次。', '建议每月1次，连续3次。', 'Usually monthly for 3 sessions.'],
    recoveryPeriod: ['針孔與小丘疹約1至3天', '针孔与小丘疹约1至3天', 'Needle marks and small bumps 1–3 days'],
    risks: ['瘀青、腫脹、感染。', '瘀青、肿胀、感染。', 'Bruising, swelling, infection.'],
    fees: [CONSULT, { code: 'booster-session', kind: 'included', amount: 9000, unit: 'per_session', label: ['水光注射全臉', '水光注射全脸', 'Skin booster, full face'] }, NUMBING, REPAIR_MASK],
    packages: [{ code: 'booster-3', sessions: 3, amount: 24000, label: ['水光3堂套組', '水光3堂套组', 'Skin booster, 3 sessions'] }],
  },
  {
    slug: 'rf-skin-tightening', category: 'energy_devices', durationMinutes: 90, contraindications: ['pregnancy', 'pacemaker', 'metal_implants_area'],
    name: ['電波拉提（全臉）', '射频紧致（全脸）', 'Monopolar RF tightening (full face)'],
    summary: ['以射頻加熱刺激膠原增生。', '以射频加热刺激胶原增生。', 'Radiofrequency heating stimulates collagen remodelling.'],
    expectedEffect: ['效果逐步於2至6個月呈現，因人而異。', '效果逐步于2至6个月呈现，因人而异。', 'Results develop gradually over 2–6 months and vary by person.'],
    recoveryPeriod: ['短暫泛紅，可當日上妝', '短暂泛红，可当日上妆', 'Brief redness; make-up the same day'],
    risks: ['泛紅、腫脹、極少數燙傷或暫時性凹陷。', '泛红、肿胀、极少数烫伤或暂时性凹陷。', 'Redness, swelling, rarely burns or temporary indentation.'],
    fees: [CONSULT, { code: 'rf-600-shots', kind: 'included', amount: 45000, unit: 'per_session', label: ['電波600發（全臉）', '射频600发（全脸）', 'RF 600 pulses (full face)'] }, { code: 'rf-tip-fee', kind: 'included', amount: 0, unit: 'one_off', label: ['探頭耗材費（已含）', '探头耗材费（已含）', 'Treatment tip (included)'] }, { code: 'rf-extra-100', kind: 'add_on', amount: 6000, unit: 'per_unit', label: ['加購100發', '加购100发', 'Extra 100 pulses'] }],
  },
  {
    slug: 'hifu-lifting', category: 'energy_devices', durationMinutes: 60, contraindications: ['pregnancy', 'active_skin_infection'],
    name: ['音波拉提', '超声提拉', 'HIFU lifting'],
    summary: ['聚焦超音波作用於筋膜層。', '聚焦超声作用于筋膜层。', 'Focused ultrasound targets the SMAS layer.'],
    expectedEffect: ['效果約於1至3個月逐漸出現。', '效果约于1至3个月逐渐出现。', 'Effects appear gradually over 1–3 months.'],
    recoveryPeriod: ['痠痛感約數日', '酸痛感约数日', 'Soreness for a few days'],
    risks: ['痠痛、暫時麻木、瘀青。', '酸痛、暂时麻木、瘀青。', 'Soreness, temporary numbness, bruising.'],
    fees: [CONSULT, { code: 'hifu-full-face', kind: 'included', amount: 28000, unit: 'per_session', label: ['音波全臉', '超声全脸', 'HIFU full face'] }, NUMBING],
  },
  {
    slug: 'hydrafacial', category: 'skin_care', durationMinutes: 60, contraindications: ['active_skin_infection'],
    name: ['深層清潔保養', '深层清洁护理', 'Hydradermabrasion facial'],
    summary: ['清潔毛孔、去角質與補水。', '清洁毛孔、去角质与补水。', 'Cleanses pores, exfoliates and hydrates.'],
    expectedEffect: ['膚觸即時較清爽，建議每月保養。', '肤触即时较清爽，建议每月护理。', 'Skin feels fresher right away; monthly care suggested.'],
    recoveryPeriod: ['無恢復期', '无恢复期', 'No downtime'],
    risks: ['短暫泛紅、敏感。', '短暂泛红、敏感。', 'Brief redness or sensitivity.'],
    fees: [{ code: 'facial-session', kind: 'included', amount: 3200, unit: 'per_session', label: ['深層清潔保養', '深层清洁护理', 'Hydradermabrasion facial'] }, REPAIR_MASK, { code: 'led-add-on', kind: 'add_on', amount: 800, unit: 'per_session', label: ['加做LED光療', '加做LED光疗', 'Add LED light therapy'] }],
    packages: [{ code: 'facial-6', sessions: 6, amount: 16800, label: ['保養6堂套組', '护理6堂套组', 'Facial, 6 sessions'] }],
  },
  {
    slug: 'acne-treatment', category: 'skin_care', durationMinutes: 45, contraindications: ['pregnancy'],
    name: ['痘痘粉刺調理', '痘痘粉刺调理', 'Acne clearing treatment'],
    summary: ['清粉刺、消炎與居家保養指導。', '清粉刺、消炎与居家护理指导。', 'Extraction, anti-inflammatory care and home-care guidance.'],
    expectedEffect: ['需配合醫師處方與規律回診。', '需配合医师处方与规律回诊。', 'Works alongside prescribed medication and regular reviews.'],
    recoveryPeriod: ['泛紅約1天', '泛红约1天', 'Redness about 1 day'],
    risks: ['泛紅、暫時爆痘、色素沉澱。', '泛红、暂时爆痘、色素沉着。', 'Redness, temporary breakouts, pigmentation.'],
    fees: [CONSULT, { code: 'acne-session', kind: 'included', amount: 2200, unit: 'per_session', label: ['痘痘調理', '痘痘调理', 'Acne clearing session'] }, { code: 'blue-light', kind: 'add_on', amount: 600, unit: 'per_session', label: ['藍光殺菌', '蓝光杀菌', 'Blue-light therapy'] }],
  },
  {
    slug: 'glycolic-peel', category: 'peels', durationMinutes: 30, contraindications: ['pregnancy', 'isotretinoin_6m', 'active_skin_infection'], ingredients: ['Glycolic acid'],
    name: ['果酸換膚', '果酸换肤', 'Glycolic acid peel'],
    summary: ['促進角質代謝，改善粗糙暗沉。', '促进角质代谢，改善粗糙暗沉。', 'Speeds cell turnover to improve rough, dull skin.'],
    expectedEffect: ['建議每2至4週1次，共4至6次。', '建议每2至4周1次，共4至6次。', 'Every 2–4 weeks for 4–6 sessions.'],
    recoveryPeriod: ['脫屑約3至5天', '脱屑约3至5天', 'Flaking 3–5 days'],
    risks: ['刺痛、泛紅、脫屑、反黑。', '刺痛、泛红、脱屑、反黑。', 'Stinging, redness, peeling, hyperpigmentation.'],
    fees: [CONSULT, { code: 'peel-session', kind: 'included', amount: 2500, unit: 'per_session', label: ['果酸換膚全臉', '果酸换肤全脸', 'Glycolic peel, full face'] }, SUNSCREEN],
  },
  {
    slug: 'salicylic-peel', category: 'peels', durationMinutes: 30, contraindications: ['pregnancy', 'aspirin_allergy'], ingredients: ['Salicylic acid'],
    name: ['水楊酸換膚', '水杨酸换肤', 'Salicylic acid peel'],
    summary: ['適合油性與痘痘肌。', '适合油性与痘痘肌。', 'Suited to oily and acne-prone skin.'],
    expectedEffect: ['改善粉刺與出油，需多次療程。', '改善粉刺与出油，需多次疗程。', 'Reduces comedones and oiliness over several sessions.'],
    recoveryPeriod: ['脫屑約2至4天', '脱屑约2至4天', 'Flaking 2–4 days'],
    risks: ['刺痛、乾燥、脫屑。', '刺痛、干燥、脱屑。', 'Stinging, dryness, peeling.'],
    fees: [{ code: 'sa-peel-session', kind: 'included', amount: 2200, unit: 'per_session', label: ['水楊酸換膚全臉', '水杨酸换肤全脸', 'Salicylic peel, full face'] }, REPAIR_MASK],
  },
  {
    slug: 'cryolipolysis', category: 'body_contouring', durationMinutes: 70, contraindications: ['pregnancy', 'cold_urticaria', 'hernia_area'],
    name: ['冷凍減脂', '冷冻减脂', 'Cryolipolysis'],
    summary: ['以低溫作用於局部脂肪。', '以低温作用于局部脂肪。', 'Controlled cooling of localised fat.'],
    expectedEffect: ['約2至3個月逐漸顯現，非減重療程。', '约2至3个月逐渐显现，非减重疗程。', 'Changes show over 2–3 months; not a weight-loss treatment.'],
    recoveryPeriod: ['麻木、瘀青約1至2週', '麻木、瘀青约1至2周', 'Numbness and bruising 1–2 weeks'],
    risks: ['瘀青、麻木、極少數反常脂肪增生。', '瘀青、麻木、极少数反常脂肪增生。', 'Bruising, numbness, rarely paradoxical fat growth.'],
    fees: [CONSULT, { code: 'cryo-cycle', kind: 'included', amount: 12000, unit: 'per_area', label: ['冷凍減脂（每部位）', '冷冻减脂（每部位）', 'Cryolipolysis (per area)'] }],
  },
  {
    slug: 'laser-hair-removal-underarm', category: 'hair_removal', durationMinutes: 15, contraindications: ['pregnancy', 'isotretinoin_6m'],
    name: ['雷射除毛（腋下）', '激光脱毛（腋下）', 'Laser hair removal (underarms)'],
    summary: ['破壞毛囊以減少毛髮再生。', '破坏毛囊以减少毛发再生。', 'Targets follicles to reduce regrowth.'],
    expectedEffect: ['一般需6至8次，效果因毛色膚色而異。', '一般需6至8次，效果因毛色肤色而异。', 'Usually 6–8 sessions; results depend on hair and skin type.'],
    recoveryPeriod: ['泛紅約1天', '泛红约1天', 'Redness about 1 day'],
    risks: ['泛紅、毛囊炎、色素變化。', '泛红、毛囊炎、色素变化。', 'Redness, folliculitis, pigment change.'],
    fees: [{ code: 'underarm-session', kind: 'included', amount: 1800, unit: 'per_session', label: ['腋下除毛', '腋下脱毛', 'Underarms'] }],
    packages: [{ code: 'underarm-8', sessions: 8, amount: 9600, label: ['腋下8堂套組', '腋下8堂套组', 'Underarms, 8 sessions'] }],
  },
  {
    slug: 'dermatology-consultation', category: 'consultation', durationMinutes: 30, contraindications: [],
    name: ['皮膚科醫師諮詢', '皮肤科医师咨询', 'Dermatologist consultation'],
    summary: ['療程前的膚況評估與方案規劃。', '疗程前的肤况评估与方案规划。', 'Skin assessment and treatment planning before any procedure.'],
    expectedEffect: ['了解適合的選項、風險與完整費用。', '了解适合的选项、风险与完整费用。', 'Understand suitable options, risks and the full cost.'],
    recoveryPeriod: ['無', '无', 'None'],
    risks: ['無侵入性風險。', '无侵入性风险。', 'No procedural risk.'],
    fees: [{ code: 'consultation', kind: 'included', amount: 500, unit: 'one_off', label: ['醫師諮詢評估費', '医师咨询评估费', 'Doctor consultation'] }, { code: 'skin-analysis', kind: 'add_on', amount: 600, unit: 'one_off', label: ['膚質儀器分析', '肤质仪器分析', 'Instrument skin analysis'] }],
  },
];
