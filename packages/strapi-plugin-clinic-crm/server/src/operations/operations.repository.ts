import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';

/**
 * System-maintained columns of the operations types, written here and nowhere else. The document
 * service is bypassed on purpose: these columns are derived (a device's dates follow its logs, a
 * plan's dates follow its drills, a photo's flags follow consent and expiry) and are written inside
 * another document's write (a log, a drill, a client's consent withdrawal) or by the daily job —
 * going through documents() would run the operations middleware, the audit and the "who uploaded"
 * rules of the photo again for a change no person made.
 */
export const operationsRows = (strapi: Core.Strapi) => ({
  async setEquipmentDates(id: number, dates: { lastMaintainedOn: string; nextMaintenanceDue: string }): Promise<void> {
    await strapi.db.query(UID.equipment).update({ where: { id }, data: dates });
  },

  async setPlanDates(id: number, dates: { lastDrillOn: string | null; nextDrillDue: string }): Promise<void> {
    await strapi.db.query(UID.emergencyPlan).update({ where: { id }, data: dates });
  },

  /** Ends one purpose of the given photos and flags them for removal; returns how many rows changed. */
  async endPhotoPurpose(ids: number[], purpose: 'marketing' | 'training', now: Date): Promise<number> {
    if (ids.length === 0) return 0;
    const data = purpose === 'marketing' ? { purposeMarketing: false, flaggedForRemoval: true, marketingWithdrawnAt: now } : { purposeTraining: false, flaggedForRemoval: true, withdrawnAt: now };
    const { count } = await strapi.db.query(UID.clinicalPhoto).updateMany({ where: { id: { $in: ids } }, data });
    return count;
  },

  /** Photos past their expiry date are flagged for removal; returns how many were newly flagged. */
  async flagExpiredPhotos(today: string): Promise<number> {
    const { count } = await strapi.db.query(UID.clinicalPhoto).updateMany({ where: { expiresOn: { $lt: today }, flaggedForRemoval: false }, data: { flaggedForRemoval: true } });
    return count;
  },
});
