import type { Core } from '@strapi/strapi';
import { columnOf, tableOf } from '../db-meta';

/** knex query context that asks for stored values as they are (the rotation reads ciphertext). */
export const RAW_CONTEXT = { clinicCrmRawValues: true };

export interface StoredValue {
  id: number;
  v: string;
}

/**
 * Key rotation's access to an encrypted column, below the query engine: values are read and written
 * as stored (ciphertext), which the document service cannot do — its lifecycles encrypt on write and
 * the connection decrypts on read. Each write is a compare-and-set on the value that was read.
 */
export const encryptedColumn = (strapi: Core.Strapi, uid: string, field: string) => {
  const table = tableOf(strapi, uid);
  const column = columnOf(strapi, uid, field);
  const knex = () => strapi.db.connection;
  return {
    table,
    column,

    /** Non-empty stored values with an id above `lastId`, in id order. */
    async readAfter(lastId: number, limit: number): Promise<StoredValue[]> {
      return knex()(table).queryContext(RAW_CONTEXT).select({ id: 'id', v: column }).where('id', '>', lastId).whereNotNull(column).andWhere(column, '<>', '').orderBy('id').limit(limit);
    },

    /** Replaces the value of row `id` if it still holds `expected`; whether it did. */
    async replaceIf(id: number, expected: string, value: string): Promise<boolean> {
      const n = await knex()(table).queryContext(RAW_CONTEXT).where({ id, [column]: expected }).update({ [column]: value });
      return Boolean(n);
    },
  };
};
