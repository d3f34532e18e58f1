import type { Core } from '@strapi/strapi';
import { TREATMENTS, SeedTreatment } from './catalogue';
import { STAFF, CLIENTS, SOPS, CONSENT_TEMPLATES } from './people';
import { DEMO_CALENDAR } from './calendar';
import { demoOnCallShifts } from './on-call';
import { getConfig, getService, UID } from '../core/plugin';
import type { StaffMemberRow } from '../clients/types';
import { LANGUAGES } from '../core/i18n/locales';

const LANG_INDEX = { 'zh-Hant': 0, 'zh-Hans': 1, en: 2 } as const;

const treatmentData = (t: SeedTreatment, lang: (typeof LANGUAGES)[number], priceValidFrom: string) => {
  const i = LANG_INDEX[lang];
  return {
    name: t.name[i],
    slug: t.slug,
    category: t.category,
    summary: t.summary[i],
    expectedEffect: t.expectedEffect[i],
    recoveryPeriod: t.recoveryPeriod[i],
    risksAndSideEffects: t.risks[i],
    contraindications: t.contraindications,
    ingredients: t.ingredients ?? [],
    durationMinutes: t.durationMinutes,
    priceValidFrom,
    feeItems: t.fees.map((f) => ({
      code: f.code,
      label: f.label[i],
      kind: f.kind,
      amount: f.amount,
      currency: 'TWD',
      unit: f.unit,
      minQuantity: f.minQuantity ?? 1,
      note: f.note?.[i] ?? null,
    })),
    coursePackages: (t.packages ?? []).map((p) => ({ code: p.code, label: p.label[i], sessions: p.sessions, amount: p.amount, currency: 'TWD' })),
  };
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  /** An update through the document service (the data as a plain record: Strapi types it for registered UIDs only). */
  const update = (uid: typeof UID.sopDocument | typeof UID.treatment | typeof UID.staffMember, documentId: string, data: Record<string, unknown>, where: { locale?: string; status?: 'published' } = {}) =>
    strapi.documents(uid).update({ documentId, ...where, data });

  return {
    /**
     * Demo data for the development app: runs once (skipped when any treatment exists).
     * Everything goes through the document service, so the same rules apply as in real use
     * (advertising-claim check, price history, price snapshots on records).
     */
    async run() {
      const existing = await strapi.documents(UID.treatment).count({ locale: '*' });
      if (existing > 0) return { skipped: true };
      strapi.log.info('[clinic-crm] seeding demo data (zh-Hant, zh-Hans, en)');
      const today = new Date().toISOString().slice(0, 10);

      const staff: Record<string, string> = {};
      for (const s of STAFF) {
        const doc = await strapi.documents(UID.staffMember).create({ data: { ...s, isActive: true } });
        staff[s.email] = doc.documentId;
      }

      const sops: Record<string, string> = {};
      for (const s of SOPS) {
        const base = { code: s.code, stage: s.stage, department: s.department, version: 1, effectiveDate: today, reviewDate: `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`, isPublic: !!s.isPublic, owner: staff[s.owner] };
        const doc = await strapi.documents(UID.sopDocument).create({ locale: 'zh-Hant', status: 'published', data: { ...base, title: s.title[0], body: s.body[0] } });
        await update(UID.sopDocument, doc.documentId, { ...base, title: s.title[1], body: s.body[1] }, { locale: 'en', status: 'published' });
        sops[s.stage] = doc.documentId;
      }

      const treatments: Record<string, string> = {};
      for (const t of TREATMENTS) {
        const governing = [sops.consultation, sops.treatment, sops.aftercare].filter(Boolean);
        const doc = await strapi.documents(UID.treatment).create({
          locale: 'zh-Hant',
          status: 'published',
          data: { ...treatmentData(t, 'zh-Hant', today), sops: governing },
        });
        for (const lang of ['zh-Hans', 'en'] as const) {
          await update(UID.treatment, doc.documentId, treatmentData(t, lang, today), { locale: lang, status: 'published' });
        }
        treatments[t.slug] = doc.documentId;
      }

      const templates: Record<string, { documentId: string }> = {};
      for (const c of CONSENT_TEMPLATES) {
        const doc = await strapi.documents(UID.consentTemplate).create({
          status: 'published',
          data: { title: c.title, templateKey: c.templateKey, language: c.language, version: 1, body: c.body, riskList: c.riskList, alternatives: c.alternatives, isMaterialChange: true, changeSummary: '初版 · first version', treatment: treatments[c.treatment] },
        });
        templates[`${c.treatment}:${c.language}`] = doc;
      }

      const clients: Record<string, string> = {};
      for (const c of CLIENTS) {
        const { firstContact, ...data } = c;
        const doc = await strapi.documents(UID.client).create({ data: { ...data, firstContactStaff: staff[firstContact] } });
        clients[c.clientNumber] = doc.documentId;
      }

      // Two treatments already done, two days ago: each client signed the consent (with the quote
      // frozen in it) an hour before the treatment.
      const performed = new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
      const signed = new Date(Date.now() - 2 * 24 * 3600 * 1000 - 3600 * 1000).toISOString();
      await getService(strapi, 'consent').importingHistory(async () => {
        await strapi.documents(UID.consentRecord).create({
          data: { client: clients['C-0001'], treatment: treatments['pico-laser-full-face'], signerName: '周小姐', witness: staff['frontdesk.lin@clinic.local'], signedAt: signed, priceSnapshot: { addOns: [{ code: 'numbing-cream' }, { code: 'repair-mask', quantity: 2 }] } },
        });
        await strapi.documents(UID.consentRecord).create({
          data: { client: clients['C-0003'], treatment: treatments['botulinum-toxin'], signerName: '鄭女士', witness: staff['frontdesk.lin@clinic.local'], signedAt: signed, priceSnapshot: { quantities: { 'botox-unit': 30 } } },
        });
      });
      await strapi.documents(UID.treatmentRecord).create({
        data: {
          recordNumber: 'TR-0001',
          client: clients['C-0001'],
          treatment: treatments['pico-laser-full-face'],
          practitioner: staff['doctor.huang@clinic.local'],
          performedAt: performed,
          priceSnapshot: { addOns: [{ code: 'numbing-cream' }, { code: 'repair-mask', quantity: 2 }] },
          productBatchNumbers: [],
          notes: '能量 2.5 J/cm²，全臉 2 pass；術後冰敷 15 分鐘',
        },
      });
      await strapi.documents(UID.treatmentRecord).create({
        data: {
          recordNumber: 'TR-0002',
          client: clients['C-0003'],
          treatment: treatments['botulinum-toxin'],
          practitioner: staff['doctor.huang@clinic.local'],
          performedAt: performed,
          priceSnapshot: { quantities: { 'botox-unit': 30 } },
          productBatchNumbers: ['BTX-2026-0815'],
          notes: '抬頭紋 20U、眉間 10U',
        },
      });

      // One botulinum-toxin batch (BTX-2026-0815) used on three clients, typed three ways as staff do:
      // a product-reaction complaint names it, and the batch recall page finds all three.
      const batchClients: Array<[string, string, string, string]> = [
        ['C-0002', '許先生', 'doctor.huang@clinic.local', 'btx-2026-0815'],
        ['C-0005', 'Sarah Thompson', 'doctor.carter@clinic.local', 'ＢＴＸ－２０２６－０８１５'],
      ];
      await getService(strapi, 'consent').importingHistory(async () => {
        for (const [number, name] of batchClients) {
          await strapi.documents(UID.consentRecord).create({ data: { client: clients[number], treatment: treatments['botulinum-toxin'], signerName: name, witness: staff['frontdesk.lin@clinic.local'], signedAt: signed, priceSnapshot: { quantities: { 'botox-unit': 20 } } } });
        }
      });
      for (const [i, [number, , practitioner, batch]] of batchClients.entries()) {
        await strapi.documents(UID.treatmentRecord).create({
          data: { recordNumber: `TR-000${i + 3}`, client: clients[number], treatment: treatments['botulinum-toxin'], practitioner: staff[practitioner], performedAt: performed, priceSnapshot: { quantities: { 'botox-unit': 20 } }, productBatchNumbers: [batch] },
        });
      }
      const batchRecord = (await strapi.db.query(UID.treatmentRecord).findOne({ where: { recordNumber: 'TR-0002' }, select: ['documentId'] })) as { documentId: string } | null;

      const now = new Date().toISOString();
      const caseStudies = [
        { referenceNumber: 'CMP-DEMO-001', contactName: '周小姐', client: clients['C-0001'], channel: 'phone', category: 'side_effect', severity: 'medium', description: '雷射後兩頰持續泛紅三天未退，擔心是否灼傷。', department: 'doctor' },
        { referenceNumber: 'CMP-DEMO-002', contactName: '許先生', client: clients['C-0002'], channel: 'walk_in', category: 'product_reaction', severity: 'high', description: '使用診所販售之保養品後臉部紅癢起疹，要求退貨。', department: 'doctor' },
        { referenceNumber: 'CMP-DEMO-004', contactName: '鄭女士', client: clients['C-0003'], channel: 'phone', category: 'product_reaction', severity: 'high', description: '肉毒桿菌素注射後隔天眼皮紅腫發癢，懷疑對這一批產品過敏。', department: 'doctor', productBatchNumber: 'BTX-2026-0815', treatmentRecord: batchRecord?.documentId },
        { referenceNumber: 'CMP-DEMO-003', contactName: '鄭女士', client: clients['C-0003'], channel: 'website', category: 'result_below_expectation', severity: 'low', description: '淡斑療程三次後效果不如預期，希望醫師重新評估。', department: 'doctor' },
      ];
      for (const c of caseStudies) {
        await strapi.documents(UID.complaint).create({ data: { ...c, workflowStatus: 'received', receivedAt: now } });
      }

      // Operations: devices (one due soon), emergency plans, a certification course with records
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const devices = [
        { name: '皮秒雷射 PicoWay', kind: 'laser', serialNumber: 'PW-2023-0147', location: '雷射室 1', maintenanceIntervalDays: 90, lastMaintainedOn: day(-85), responsible: staff['nurse.lee@clinic.local'] },
        { name: '音波拉提 Ultherapy', kind: 'ultrasound', serialNumber: 'UT-2022-0331', location: '療程室 2', maintenanceIntervalDays: 180, lastMaintainedOn: day(-30), responsible: staff['nurse.lee@clinic.local'] },
        { name: '高壓蒸氣滅菌鍋', kind: 'sterilizer', serialNumber: 'AC-2021-0012', location: '消毒室', maintenanceIntervalDays: 30, lastMaintainedOn: day(-20), responsible: staff['beautician.wang@clinic.local'] },
      ];
      for (const d of devices) await strapi.documents(UID.equipment).create({ data: d });
      const plans = [
        { incidentType: 'anaphylaxis', title: '過敏性休克應變', procedure: '1. 立即停止療程並呼叫醫師\n2. 平躺、抬高下肢、維持呼吸道\n3. 腎上腺素 0.3 mg 大腿外側肌肉注射\n4. 撥打 119，記錄時間與用藥', drillIntervalDays: 180, lastDrillOn: day(-120), owner: staff['doctor.huang@clinic.local'] },
        { incidentType: 'vascular_occlusion', title: '填充劑血管栓塞應變', procedure: '1. 停止注射\n2. 熱敷、按摩\n3. 玻尿酸酶依醫囑注射\n4. 必要時轉診', drillIntervalDays: 180, lastDrillOn: day(-60), owner: staff['doctor.huang@clinic.local'] },
        { incidentType: 'fire', title: '火災疏散', procedure: '1. 按警報、通報 119\n2. 依疏散路線引導客戶\n3. 於集合點清點人數', drillIntervalDays: 365, lastDrillOn: day(-200), owner: staff['manager.wu@clinic.local'] },
      ];
      for (const p of plans) await strapi.documents(UID.emergencyPlan).create({ data: p });
      for (const d of DEMO_CALENDAR) await strapi.documents(UID.calendarDay).create({ data: d });
      for (const { staffEmail, ...shift } of demoOnCallShifts(new Date(), getConfig(strapi).timeZone)) await strapi.documents(UID.onCallShift).create({ data: { ...shift, staff: staff[staffEmail] } });
      const course = await strapi.documents(UID.course).create({ data: { title: '雷射安全操作與防護', category: 'professional', certificationCode: 'laser-safety', validityMonths: 24, passScore: 80 } });
      for (const email of ['nurse.lee@clinic.local', 'doctor.huang@clinic.local', 'doctor.carter@clinic.local', 'beautician.wang@clinic.local']) {
        await strapi.documents(UID.trainingRecord).create({ data: { staff: staff[email], course: course.documentId, attendedOn: day(-100), score: 92 } });
      }

      strapi.log.info(`[clinic-crm] demo data ready: ${TREATMENTS.length} treatments, ${STAFF.length} staff, ${SOPS.length} SOPs, ${CLIENTS.length} clients`);
      return { skipped: false };
    },

    /**
     * A super admin for the demo, only outside production and only when no admin exists yet.
     * Called from the app's bootstrap: admin roles are created after plugins bootstrap.
     */
    async ensureDemoAdmin() {
      if (process.env.NODE_ENV === 'production') return;
      const users = strapi.service('admin::user');
      if ((await users.count()) > 0) return;
      const role = await strapi.service('admin::role').getSuperAdmin();
      if (!role) return;
      const email = process.env.DEMO_ADMIN_EMAIL || 'admin@clinic.local';
      await users.create({
        email,
        firstname: 'Demo',
        lastname: 'Admin',
        password: process.env.DEMO_ADMIN_PASSWORD || 'ClinicDemo2026!',
        isActive: true,
        registrationToken: null,
        // the clinic's staff read Traditional Chinese first ("zh" in the admin panel)
        preferedLanguage: 'zh',
        roles: [role.id],
      });
      strapi.log.info(`[clinic-crm] demo admin: ${email} (password from DEMO_ADMIN_PASSWORD, see README)`);
    },

    /**
     * Development only: an admin account for each demo staff member (same e-mail, demo password),
     * with the staff role of their department, linked to the staff record (for "My tasks").
     * Idempotent: accounts that exist are left as they are.
     */
    async ensureDemoStaffAccounts() {
      if (process.env.NODE_ENV === 'production') return;
      const users = strapi.service('admin::user');
      const roles = getService(strapi, 'roles');
      const password = process.env.DEMO_ADMIN_PASSWORD || 'ClinicDemo2026!';
      const staff: StaffMemberRow[] = await strapi.db.query(UID.staffMember).findMany({
        where: { email: { $in: STAFF.map((s) => s.email) } },
        populate: { adminUser: { select: ['id'] } },
      });
      for (const member of staff) {
        if (member.adminUser) continue;
        const role = await roles.roleForDepartment(member.department);
        if (!role) continue;
        let user: { id: number } | null = await strapi.db.query('admin::user').findOne({ where: { email: member.email } });
        if (!user) {
          const [firstname, ...rest] = String(member.fullName).split(' ');
          user = await users.create({
            email: member.email,
            firstname,
            lastname: rest.join(' ') || null,
            password,
            isActive: true,
            registrationToken: null,
            preferedLanguage: 'zh',
            roles: [role.id],
          });
        }
        // a user-editable type: through the document service, with its rules and audit
        await update(UID.staffMember, member.documentId, { adminUser: user!.id });
      }
    },
  };
};
