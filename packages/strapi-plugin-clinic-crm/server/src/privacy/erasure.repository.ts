import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { CLIENT_HEALTH_FIELDS } from '../clients/domain/staff-roles';

/** The types whose rows erasure overwrites when they belong to the client. */
type LinkedType = typeof UID.complaint | typeof UID.treatmentRecord | typeof UID.consentRecord;

const healthNulls = (): Record<string, null> => Object.fromEntries(CLIENT_HEALTH_FIELDS.map((f) => [f, null]));

/**
 * Erasure's writes (GDPR / PDPA). Erasure must overwrite the rows in place, in the caller's one
 * transaction, and it bypasses the document middlewares on purpose: consent records are immutable
 * through every API, the client's rules (numbering, duplicate contacts, encryption of what is being
 * removed) and the audit of each field would refuse or misreport the overwrite; the erasure is
 * audited once, as a whole, by the privacy service.
 */
export const erasureRows = (strapi: Core.Strapi) => ({
  /** Overwrites a client's identity (and, when given, health) fields in place. */
  async anonymiseClient(clientId: number, data: Record<string, unknown>): Promise<void> {
    await strapi.db.query(UID.client).update({ where: { id: clientId }, data });
  },

  /** Clears the client's health history; the retention period is over. */
  async clearHealth(clientId: number): Promise<void> {
    await strapi.db.query(UID.client).update({ where: { id: clientId }, data: { ...healthNulls(), retainUntil: null } });
  },

  /**
   * Claims an erased client for the purge: only one instance wins (retainUntil still set → null).
   * Returns whether this caller won.
   */
  async claimPurge(clientId: number): Promise<boolean> {
    const { count } = await strapi.db.query(UID.client).updateMany({ where: { id: clientId, retainUntil: { $notNull: true } }, data: { retainUntil: null } });
    return count > 0;
  },

  /** Overwrites rows of `uid` linked to the client (updateMany cannot take a relation filter: ids first). */
  async overwriteLinked(uid: LinkedType, clientId: number, data: Record<string, unknown>): Promise<number> {
    const rows: Array<{ id: number }> = await strapi.db.query(uid).findMany({ where: { client: { id: clientId } }, select: ['id'] });
    if (rows.length === 0) return 0;
    const { count } = await strapi.db.query(uid).updateMany({ where: { id: { $in: rows.map((r) => r.id) } }, data });
    return count;
  },
});

