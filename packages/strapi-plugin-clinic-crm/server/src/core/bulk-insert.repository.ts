import type { Core } from '@strapi/strapi';
import { linkTableOf } from './db-meta';

export interface Row {
  data: Record<string, unknown>;
  /** manyToOne relations to set, by attribute name → target row id */
  links?: Record<string, number | null | undefined>;
}

/**
 * The bulk write path for system rows (follow-up tasks, outbox notifications, …), used by their
 * repositories: one INSERT per table through the query engine — which fills documentId and converts
 * types per dialect — then their relation links in one statement per link table. It joins the
 * caller's transaction. Returns the new ids in input order. Business documents still go through the
 * document service and its rules.
 */
export const insertRows = async (strapi: Core.Strapi, uid: string, rows: Row[]): Promise<number[]> => {
  if (rows.length === 0) return [];
  const now = new Date();
  const { ids } = await strapi.db.query(uid).createMany({ data: rows.map((r) => ({ publishedAt: now, createdAt: now, updatedAt: now, ...r.data })) });
  const links = new Map<string, Record<string, number>[]>();
  rows.forEach((row, i) => {
    for (const [attribute, target] of Object.entries(row.links ?? {})) {
      if (target === null || target === undefined) continue;
      const joinTable = linkTableOf(strapi, uid, attribute);
      const list = links.get(joinTable.name) ?? [];
      list.push({ [joinTable.joinColumn.name]: Number(ids[i]), [joinTable.inverseJoinColumn.name]: target });
      links.set(joinTable.name, list);
    }
  });
  if (links.size > 0) {
    await strapi.db.transaction(async ({ trx }) => {
      for (const [table, list] of links) await trx(table).insert(list);
    });
  }
  return ids.map(Number);
};
