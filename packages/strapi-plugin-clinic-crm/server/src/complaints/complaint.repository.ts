import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { OPEN_STATUSES } from './domain/complaint-workflow';
import { linkTableOf } from '../core/db-meta';
import type { ComplaintChanges, ComplaintRow } from './types';

export const STAFF_FIELDS = ['id', 'documentId', 'fullName', 'email', 'department', 'preferredLanguage'];

/**
 * The complaint's system-kept columns: routing, SLA clocks, status moves and escalation levels.
 * Staff create and edit complaints through the document service (its middleware numbers, routes
 * and checks them); the workflow writes these columns here, with conditions (`WHERE status = …`,
 * `escalationLevel < …`) that make two simultaneous moves impossible — which the document service
 * cannot express, and which would re-enter the complaint middleware.
 */
export const complaintRows = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.complaint);
  return {
    /** A complaint with what the workflow needs: assignee, rule, client and treatment record. */
    async load(documentId: string): Promise<ComplaintRow | null> {
      return (await q().findOne({
        where: { documentId },
        populate: {
          assignee: { select: STAFF_FIELDS },
          routingRule: true,
          client: { select: ['id', 'documentId', 'preferredLanguage'] },
          treatmentRecord: { select: ['id', 'documentId', 'priceSnapshot'] },
        },
      })) as ComplaintRow | null;
    },

    async statusOf(documentId: string): Promise<string | null> {
      const row = (await q().findOne({ where: { documentId }, select: ['workflowStatus'] })) as Pick<ComplaintRow, 'workflowStatus'> | null;
      return row?.workflowStatus ?? null;
    },

    async idOf(documentId: string): Promise<number | null> {
      const row = (await q().findOne({ where: { documentId }, select: ['id'] })) as Pick<ComplaintRow, 'id'> | null;
      return row?.id ?? null;
    },

    /** Open complaints whose clock runs (not paused), for the SLA job. */
    async openWithRunningClock(limit = 1000): Promise<ComplaintRow[]> {
      return (await q().findMany({
        where: { workflowStatus: { $in: OPEN_STATUSES }, pausedSince: { $null: true } },
        populate: { assignee: { select: STAFF_FIELDS }, routingRule: true },
        limit,
      })) as ComplaintRow[];
    },

    /** Open complaints with a running clock whose first-response / resolution deadline has passed unmet (metrics). */
    async pastDue(now: Date): Promise<{ first_response: number; resolution: number }> {
      const open = { workflowStatus: { $in: OPEN_STATUSES }, pausedSince: { $null: true } };
      const [firstResponse, resolution] = await Promise.all([
        q().count({ where: { ...open, firstRespondedAt: { $null: true }, firstResponseDueAt: { $lt: now } } }),
        q().count({ where: { ...open, resolvedAt: { $null: true }, resolutionDueAt: { $lt: now } } }),
      ]);
      return { first_response: Number(firstResponse), resolution: Number(resolution) };
    },

    /** Writes system columns of one complaint (routing, pause, resume, satisfaction score). */
    async set(id: number, data: ComplaintChanges): Promise<void> {
      await q().update({ where: { id }, data });
    },

    /**
     * Routing's write on a new complaint: its columns in one UPDATE, then the links it did not have
     * (its rule; the assignee routing chose) inserted — where `set` would read the row and rewrite
     * each relation (ten statements). `links` null/undefined: leave that relation as it is.
     */
    async setRouting(id: number, data: Omit<ComplaintChanges, 'assignee' | 'routingRule'>, links: { assignee?: number | null; routingRule?: number | null }): Promise<void> {
      await q().updateMany({ where: { id }, data });
      const inserts = Object.entries(links).filter((e): e is [string, number] => typeof e[1] === 'number');
      if (inserts.length === 0) return;
      await strapi.db.transaction(async ({ trx }) => {
        for (const [attribute, target] of inserts) {
          const lnk = linkTableOf(strapi, UID.complaint, attribute);
          await trx(lnk.name).insert({ [lnk.joinColumn.name]: id, [lnk.inverseJoinColumn.name]: target });
        }
      });
    },

    /** A status move conditional on the status it was read in: false when someone else moved it first. */
    async moveFrom(id: number, fromStatus: string, data: ComplaintChanges): Promise<boolean> {
      const moved = await q().updateMany({ where: { id, workflowStatus: fromStatus }, data });
      return Number(moved.count) > 0;
    },

    /**
     * A hand-off moves the complaint to another department and assignee, conditional on the
     * department it was read in: false when someone else handed it on first.
     */
    async handOver(id: number, fromDepartment: string, toDepartment: string, assignee: number | null): Promise<boolean> {
      const moved = await q().updateMany({ where: { id, department: fromDepartment }, data: { department: toDepartment } });
      if (Number(moved.count) === 0) return false;
      await q().update({ where: { id }, data: { assignee } });
      return true;
    },

    /** Raises the escalation level once: false when this level was handled already (here or elsewhere). */
    async escalate(id: number, level: number, flag: 'firstResponseBreached' | 'resolutionBreached'): Promise<boolean> {
      const moved = await q().updateMany({ where: { id, escalationLevel: { $lt: level } }, data: { escalationLevel: level, breached: true, [flag]: true } });
      return Number(moved.count) > 0;
    },
  };
};

