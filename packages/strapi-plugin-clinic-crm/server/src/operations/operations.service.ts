import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { Language } from '../core/i18n/locales';
import { mailStaff, type MailText } from '../core/outbox/staff-mail';
import { addToDate, localDate } from '../core/time/time';
import { getConfig, getService, relationRef, UID } from '../core/plugin';
import { fieldError } from '../core/http/validation-errors';
import { operationsRows } from './operations.repository';
import type { ClinicalPhotoRow, DateValue, EmergencyPlanRow, EquipmentLogRow, EquipmentRow, StaffRef, WriteData } from './types';

const addDays = (isoDate: string, days: number) => addToDate(isoDate, { days });
type Recipient = Pick<StaffRef, 'id' | 'fullName' | 'email' | 'preferredLanguage'>;

const dateOnly = (v: unknown): string | null => (v ? String(v instanceof Date ? v.toISOString() : v).slice(0, 10) : null);

const TEXT = {
  deviceDue: {
    'zh-Hant': ['【儀器保養到期】{name}（{serial}）', '{name}（序號 {serial}，{location}）應於 {due} 前完成保養/校正。完成後請新增保養紀錄。'],
    'zh-Hans': ['【仪器保养到期】{name}（{serial}）', '{name}（序号 {serial}，{location}）应于 {due} 前完成保养/校正。完成后请新增保养记录。'],
    en: ['[Maintenance due] {name} ({serial})', '{name} (serial {serial}, {location}) must be maintained or calibrated by {due}. Add a maintenance log when done.'],
  },
  deviceOverdue: {
    'zh-Hant': ['【儀器保養逾期】{name}（{serial}）', '{name}（序號 {serial}）保養期限 {due} 已過，使用此儀器的療程紀錄會被標示。請立即安排保養或停用。'],
    'zh-Hans': ['【仪器保养逾期】{name}（{serial}）', '{name}（序号 {serial}）保养期限 {due} 已过，使用此仪器的疗程记录会被标示。请立即安排保养或停用。'],
    en: ['[Maintenance overdue] {name} ({serial})', '{name} (serial {serial}) passed its maintenance date {due}; treatment records using it are flagged. Maintain it or take it out of service now.'],
  },
  drillOverdue: {
    'zh-Hant': ['【緊急應變演練逾期】{title}', '「{title}」上次演練 {last}，應於 {due} 前再次演練，目前已逾期。'],
    'zh-Hans': ['【紧急应变演练逾期】{title}', '“{title}”上次演练 {last}，应于 {due} 前再次演练，目前已逾期。'],
    en: ['[Emergency drill overdue] {title}', '"{title}" was last drilled on {last} and was due again by {due}.'],
  },
  certificationExpired: {
    'zh-Hant': ['【證照過期】{staff}:{code}', '{staff} 的 {code} 證照已於 {expired} 到期；在重新取得前，不能擔任需要此證照之療程的施術人員。'],
    'zh-Hans': ['【证照过期】{staff}:{code}', '{staff} 的 {code} 证照已于 {expired} 到期；在重新取得前，不能担任需要此证照之疗程的施术人员。'],
    en: ['[Certification expired] {staff}: {code}', "{staff}'s {code} certification expired on {expired}; until renewed they cannot be the practitioner for treatments that require it."],
  },
  photosWithdrawn: {
    'zh-Hant': ['【照片授權撤回】客戶 {client}', '客戶 {client} 撤回了「{purpose}」用途的照片授權；{count} 張照片已標示待移除，請停止使用並自所有{purpose}素材中撤下。'],
    'zh-Hans': ['【照片授权撤回】客户 {client}', '客户 {client} 撤回了“{purpose}”用途的照片授权；{count} 张照片已标示待移除，请停止使用并从所有{purpose}素材中撤下。'],
    en: ['[Photo consent withdrawn] client {client}', 'Client {client} withdrew consent to use photos for {purpose}; {count} photos are flagged for removal. Stop using them and take them out of all {purpose} material.'],
  },
} as const;
const PURPOSE: Record<'marketing' | 'training', Record<Language, string>> = {
  marketing: { 'zh-Hant': '行銷', 'zh-Hans': '营销', en: 'marketing' },
  training: { 'zh-Hant': '內部教育訓練', 'zh-Hans': '内部培训', en: 'internal training' },
};
/**
 * What an outward caller may see: photos in marketing use (not withdrawn, not flagged for removal)
 * of clients not erased. Clinical and training use stay with staff.
 */
export const OUTWARD_PHOTOS = {
  purposeMarketing: true,
  $or: [{ flaggedForRemoval: false }, { flaggedForRemoval: { $null: true } }],
  treatmentRecord: { client: { erasedAt: { $null: true } } },
};

/**
 * Clinic operations on the same outbox and roles: equipment maintenance (due dates from the last
 * maintenance/calibration, reminders to the responsible person, escalation to managers, flags on
 * treatment records that use an overdue device), emergency drills (overdue plans reported to
 * managers) and clinical photos (only for the purposes the client authorised; withdrawal flags
 * them and tells the managers once). Every reminder has a unique outbox key: sent exactly once.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const today = (now = new Date()) => localDate(now, cfg().timeZone);
  const rows = operationsRows(strapi);
  const managers = (): Promise<Recipient[]> => strapi.db.query(UID.staffMember).findMany({ where: { department: 'management', isActive: true }, select: ['id', 'fullName', 'email', 'preferredLanguage'] });
  /** One reminder per staff member, in their language, through the outbox (`key` + their id); how many were new. */
  const remind = (key: string, recipients: Array<Recipient | null>, text: MailText, values: Record<string, unknown>, link: string) =>
    mailStaff(strapi, { key, recipients: recipients.filter((r): r is Recipient => r !== null), text, values, link });
  const adminLink = (uid: string, documentId: string) => `${cfg().adminUrl}/content-manager/collection-types/${uid}/${documentId}`;

  return {
    /** next due = last maintenance (or today for a new device) + interval. */
    equipmentData(data: WriteData, current?: Partial<EquipmentRow> | null) {
      const interval = Number(data.maintenanceIntervalDays ?? current?.maintenanceIntervalDays ?? 90);
      const last = dateOnly(data.lastMaintainedOn !== undefined ? data.lastMaintainedOn : current?.lastMaintainedOn);
      const base = last ?? dateOnly(current?.createdAt) ?? today();
      return { ...data, nextMaintenanceDue: addDays(base, interval) };
    },

    /** A passed maintenance or calibration moves the device's dates. */
    async afterEquipmentLog(log: { id: number; result?: unknown; kind?: unknown } | null | undefined) {
      if (!log || log.result !== 'pass' || !['maintenance', 'calibration'].includes(String(log.kind))) return;
      const row: EquipmentLogRow | null = await strapi.db.query(UID.equipmentLog).findOne({ where: { id: log.id }, populate: { equipment: { select: ['id', 'lastMaintainedOn', 'maintenanceIntervalDays'] } } });
      const eq = row?.equipment;
      if (!eq) return;
      const performed = dateOnly(row.performedOn)!;
      const last = !eq.lastMaintainedOn || performed > dateOnly(eq.lastMaintainedOn)! ? performed : dateOnly(eq.lastMaintainedOn)!;
      await rows.setEquipmentDates(eq.id, { lastMaintainedOn: last, nextMaintenanceDue: addDays(last, eq.maintenanceIntervalDays) });
    },

    /** Devices of a treatment record that were past their maintenance date on the day of treatment. */
    async equipmentWarnings(equipment: unknown, performedAt: unknown) {
      const rel = equipment && typeof equipment === 'object' && !Array.isArray(equipment) ? (equipment as { connect?: unknown; set?: unknown }) : null;
      const listed = Array.isArray(equipment) ? equipment : (rel?.connect ?? rel?.set ?? (equipment ? [equipment] : []));
      const refs: unknown[] = Array.isArray(listed) ? listed : [listed];
      const ids = refs.map((r) => relationRef(r)).filter((r): r is { documentId?: string; id?: number } => r !== null);
      if (ids.length === 0) return [];
      const devices: EquipmentRow[] = await strapi.db.query(UID.equipment).findMany({
        where: { $or: ids.map((r) => (r.documentId ? { documentId: r.documentId } : { id: r.id })) },
        select: ['documentId', 'name', 'serialNumber', 'nextMaintenanceDue', 'isActive'],
      });
      const on = localDate(performedAt ? new Date(performedAt as string) : new Date(), cfg().timeZone);
      return devices
        .filter((d) => !d.isActive || (d.nextMaintenanceDue && dateOnly(d.nextMaintenanceDue)! < on))
        .map((d) => ({ equipment: d.documentId, name: d.name, serialNumber: d.serialNumber, maintenanceDue: dateOnly(d.nextMaintenanceDue), inactive: !d.isActive }));
    },

    /** A plan's dates follow its latest drill; a new plan is due one interval after it is written. */
    planData(data: WriteData, current?: Partial<EmergencyPlanRow> | null) {
      const interval = Number(data.drillIntervalDays ?? current?.drillIntervalDays ?? 180);
      const last = dateOnly(data.lastDrillOn !== undefined ? data.lastDrillOn : current?.lastDrillOn);
      return { ...data, nextDrillDue: addDays(last ?? dateOnly(current?.createdAt) ?? today(), interval) };
    },

    async refreshPlan(planId: number | null | undefined) {
      if (!planId) return;
      const plan: EmergencyPlanRow | null = await strapi.db.query(UID.emergencyPlan).findOne({ where: { id: planId } });
      if (!plan) return;
      const [latest]: Array<{ heldOn: DateValue }> = await strapi.db.query(UID.drillRecord).findMany({ where: { plan: { id: planId } }, select: ['heldOn'], orderBy: { heldOn: 'desc' }, limit: 1 });
      const last = latest ? dateOnly(latest.heldOn) : null;
      await rows.setPlanDates(planId, { lastDrillOn: last, nextDrillDue: addDays(last ?? dateOnly(plan.createdAt)!, plan.drillIntervalDays) });
    },

    /** Photos may carry only the purposes the client authorised. */
    async assertPhotoPurposes(data: WriteData, current?: (WriteData & { treatmentRecord?: { id: number } | null }) | null) {
      const recordRef: { documentId?: string; id?: number } | null = relationRef(data.treatmentRecord) ?? (current?.treatmentRecord ? { id: current.treatmentRecord.id } : null);
      if (!recordRef) throw fieldError('treatmentRecord', 'a clinical photo belongs to a treatment record');
      const record: { client?: Record<string, unknown> | null } | null = await strapi.db.query(UID.treatmentRecord).findOne({
        where: recordRef.documentId ? { documentId: recordRef.documentId } : { id: recordRef.id },
        populate: { client: { select: ['photoConsentClinical', 'photoConsentTraining', 'photoConsentMarketing', 'erasedAt'] } },
      });
      if (!record) throw fieldError('treatmentRecord', 'treatment record not found');
      const c = record.client ?? {};
      const want = (k: string) => (data[k] !== undefined ? data[k] : current?.[k]) === true;
      const checks: Array<[string, string, string]> = [
        ['purposeClinical', 'photoConsentClinical', 'the clinical record'],
        ['purposeTraining', 'photoConsentTraining', 'internal training'],
        ['purposeMarketing', 'photoConsentMarketing', 'marketing'],
      ];
      for (const [purpose, consent, label] of checks) {
        if (want(purpose) && c[consent] !== true) throw fieldError(purpose, `the client has not authorised photos for ${label} (client: ${consent})`);
      }
    },

    /** Consent withdrawn on the client: flag every photo used for that purpose, tell the managers once. */
    async photoConsentWithdrawn(clientId: number, purpose: 'marketing' | 'training', now = new Date()) {
      const field = purpose === 'marketing' ? 'purposeMarketing' : 'purposeTraining';
      const records: Array<{ id: number }> = await strapi.db.query(UID.treatmentRecord).findMany({ where: { client: { id: clientId } }, select: ['id'] });
      if (records.length === 0) return { flagged: 0, photos: [] as string[] };
      const photos: ClinicalPhotoRow[] = await strapi.db.query(UID.clinicalPhoto).findMany({ where: { treatmentRecord: { id: { $in: records.map((r) => r.id) } }, [field]: true }, select: ['id', 'documentId'] });
      if (photos.length === 0) return { flagged: 0, photos: [] as string[] };
      await rows.endPhotoPurpose(photos.map((p) => p.id), purpose, now);
      const client: { documentId: string; clientNumber: string } = await strapi.db.query(UID.client).findOne({ where: { id: clientId }, select: ['documentId', 'clientNumber'] });
      await remind(
        `photos:${purpose}-withdrawn:${client.documentId}:${today(now)}`,
        await managers(),
        Object.fromEntries((['zh-Hant', 'zh-Hans', 'en'] as Language[]).map((l) => [l, [TEXT.photosWithdrawn[l][0], TEXT.photosWithdrawn[l][1].replace(/\{purpose\}/g, PURPOSE[purpose][l])] as const])) as MailText,
        { client: client.clientNumber, count: photos.length },
        `${cfg().adminUrl}/content-manager/collection-types/${UID.clinicalPhoto}?filters[$and][0][flaggedForRemoval][$eq]=true`
      );
      return { flagged: photos.length, photos: photos.map((p) => p.documentId) };
    },

    /**
     * Erasure: every non-clinical use of the client's photos ends (marketing and training withdrawn,
     * with their timestamps, flagged, managers told once); the clinical use stays, under the medical
     * record's retention. Returns the documentIds per purpose ended.
     */
    async endNonClinicalUses(clientId: number, now = new Date()) {
      const marketing = (await this.photoConsentWithdrawn(clientId, 'marketing', now)).photos;
      const training = (await this.photoConsentWithdrawn(clientId, 'training', now)).photos;
      return { marketing, training, photos: [...new Set([...marketing, ...training])] };
    },

    /**
     * Daily: maintenance due within a week → the responsible person (once per due date); overdue →
     * the managers (once per due date); drills overdue → the managers (once per due date); photos past
     * their expiry → flagged for removal.
     */
    async checkDue(now = new Date()) {
      const t = today(now);
      const soon = addDays(t, 7);
      const out = { deviceReminders: 0, deviceEscalations: 0, drillReports: 0, photosExpired: 0, certificationReminders: 0 };
      // read once per run, and only when something is overdue
      let managerList: Recipient[] | undefined;
      const managersOnce = async () => (managerList ??= await managers());
      const devices: EquipmentRow[] = await strapi.db.query(UID.equipment).findMany({
        where: { isActive: true, nextMaintenanceDue: { $lte: soon } },
        populate: { responsible: { select: ['id', 'fullName', 'email', 'preferredLanguage'] } },
      });
      for (const d of devices) {
        const due = dateOnly(d.nextMaintenanceDue)!;
        const values = { name: d.name, serial: d.serialNumber, location: d.location ?? '', due };
        const link = adminLink(UID.equipment, d.documentId);
        if (d.responsible) {
          out.deviceReminders += await remind(`equipment:${d.documentId}:due:${due}`, [d.responsible], TEXT.deviceDue, values, link);
        }
        if (due < t) {
          out.deviceEscalations += await remind(`equipment:${d.documentId}:overdue:${due}`, await managersOnce(), TEXT.deviceOverdue, values, link);
        }
      }
      const plans: EmergencyPlanRow[] = await strapi.db.query(UID.emergencyPlan).findMany({ where: { nextDrillDue: { $lt: t } } });
      for (const p of plans) {
        const due = dateOnly(p.nextDrillDue)!;
        out.drillReports += await remind(`drill:${p.documentId}:overdue:${due}`, await managersOnce(), TEXT.drillOverdue, { title: p.title, last: dateOnly(p.lastDrillOn) ?? '—', due }, adminLink(UID.emergencyPlan, p.documentId));
      }
      for (const lapsed of await getService(strapi, 'training').expired(now)) {
        const person: Recipient | null = await strapi.db.query(UID.staffMember).findOne({ where: { documentId: lapsed.staff.documentId }, select: ['id', 'documentId', 'fullName', 'email', 'preferredLanguage'] });
        for (const e of lapsed.expired) {
          out.certificationReminders += await remind(`certification:${lapsed.staff.documentId}:${e.code}:${e.expiredOn}`, [person, ...(await managersOnce())], TEXT.certificationExpired, { staff: lapsed.staff.fullName, code: e.code, expired: e.expiredOn }, adminLink(UID.staffMember, lapsed.staff.documentId));
        }
      }
      out.photosExpired = await rows.flagExpiredPhotos(t);
      return out;
    },

    async summary(now = new Date()) {
      const t = today(now);
      const [devicesOverdue, devicesDueSoon, drillsOverdue, photosFlagged] = await Promise.all([
        strapi.db.query(UID.equipment).count({ where: { isActive: true, nextMaintenanceDue: { $lt: t } } }),
        strapi.db.query(UID.equipment).count({ where: { isActive: true, nextMaintenanceDue: { $gte: t, $lte: addDays(t, 7) } } }),
        strapi.db.query(UID.emergencyPlan).count({ where: { nextDrillDue: { $lt: t } } }),
        strapi.db.query(UID.clinicalPhoto).count({ where: { flaggedForRemoval: true } }),
      ]);
      return { today: t, devicesOverdue, devicesDueSoon, drillsOverdue, photosFlagged };
    },

    /** Whether an outward caller (no one signed in) may see this photo: see OUTWARD_PHOTOS. */
    async isOutwardPhoto(documentId: string): Promise<boolean> {
      return (await strapi.db.query(UID.clinicalPhoto).count({ where: { documentId, ...OUTWARD_PHOTOS } })) > 0;
    },

    /**
     * The file of a clinical photo for a staff member allowed to read photos (GET
     * /clinic-crm/photos/:documentId/image): 403 without the permission, 404 without a photo or file.
     */
    async photoFile(documentId: string, userAbility: unknown): Promise<{ mime: string; stream: fs.ReadStream }> {
      const checker = strapi.plugin('content-manager').service('permission-checker').create({ userAbility, model: UID.clinicalPhoto });
      if (checker.cannot.read()) throw new errors.ForbiddenError('You may not see clinical photos');
      const photo: ClinicalPhotoRow | null = await strapi.db.query(UID.clinicalPhoto).findOne({ where: { documentId }, populate: { image: true } });
      if (!photo?.image) throw new errors.NotFoundError('Photo not found');
      const file = path.join(strapi.dirs.static.public, photo.image.url.replace(/^\//, ''));
      if (!file.startsWith(strapi.dirs.static.public) || !fs.existsSync(file)) throw new errors.NotFoundError('Photo file not found');
      return { mime: photo.image.mime, stream: fs.createReadStream(file) };
    },

  };
};
