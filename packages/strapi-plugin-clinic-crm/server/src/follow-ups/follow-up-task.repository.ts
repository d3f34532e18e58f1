import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';
import { insertRows } from '../core/bulk-insert.repository';
import type { NewTask, TaskRow } from './types';

/**
 * Follow-up tasks are system rows: created by the ladder (one INSERT per batch), moved, escalated,
 * cancelled and completed by the services. The only writer of the follow-up-task table; the
 * conditional updates (`WHERE taskStatus = 'pending'`, `escalationLevel = …`) make a second
 * instance or a double click write nothing.
 */
export const followUpTasks = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.followUpTask);
  return {
    async exists(idempotencyKey: string): Promise<boolean> {
      return !!(await q().findOne({ where: { idempotencyKey }, select: ['id'] }));
    },

    /** New pending tasks in one statement (and one per link table); returns id → documentId in input order. */
    async createMany(tasks: NewTask[]): Promise<Array<{ id: number; documentId: string }>> {
      const ids = await insertRows(
        strapi,
        UID.followUpTask,
        tasks.map(({ links, ...task }) => ({ data: { ...task, taskStatus: 'pending', escalationLevel: 0 }, links }))
      );
      if (ids.length === 0) return [];
      const rows = (await q().findMany({ where: { id: { $in: ids } }, select: ['id', 'documentId'] })) as Array<Pick<TaskRow, 'id' | 'documentId'>>;
      const documentIds = new Map(rows.map((t) => [t.id, t.documentId]));
      return ids.map((id) => ({ id, documentId: documentIds.get(id) ?? '' }));
    },

    async reschedule(id: number, dueAt: Date): Promise<void> {
      await q().update({ where: { id }, data: { dueAt } });
    },

    /** Raises the escalation level if it is still `from`: false when another instance got there first. */
    async escalate(id: number, from: number, level: number): Promise<boolean> {
      const moved = await q().updateMany({ where: { id, escalationLevel: from }, data: { escalationLevel: level } });
      return Number(moved.count) > 0;
    },

    async cancel(id: number): Promise<void> {
      await q().update({ where: { id }, data: { taskStatus: 'cancelled' } });
    },

    /** Records the outcome if the task is still pending: false when it was done or cancelled meanwhile. */
    async markDone(id: number, outcome: string, notes: string | null): Promise<boolean> {
      const done = await q().updateMany({ where: { id, taskStatus: 'pending' }, data: { taskStatus: 'done', outcome, outcomeNotes: notes, completedAt: new Date() } });
      return Number(done.count) > 0;
    },

    /** Closes the pending task with this key (a complaint's satisfaction call once the score is in). */
    async markDoneByKey(idempotencyKey: string, notes: string | null): Promise<void> {
      await q().updateMany({ where: { idempotencyKey, taskStatus: 'pending' }, data: { taskStatus: 'done', completedAt: new Date(), outcomeNotes: notes } });
    },
  };
};
