import type { Core } from '@strapi/strapi';

/** The link table of a relation stored in one (manyToOne with useJoinTable, manyToMany, …). */
export interface LinkTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** The database table of a content type. */
export const tableOf = (strapi: Core.Strapi, uid: string): string => strapi.db.metadata.get(uid).tableName;

/** The column an attribute is stored in (`fallback` for an attribute without its own column name). */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string, fallback = attribute): string => {
  const a = strapi.db.metadata.get(uid).attributes[attribute];
  return a && 'columnName' in a && typeof a.columnName === 'string' ? a.columnName : fallback;
};

/**
 * A new document id for a content type, made by the model's own generator (the default Strapi gives
 * `documentId`): a row inserted with it needs no read-back to learn its document id.
 */
export const newDocumentId = (strapi: Core.Strapi, uid: string): string => {
  const a = strapi.db.metadata.get(uid).attributes.documentId as { default?: unknown } | undefined;
  if (typeof a?.default !== 'function') throw new Error(`[clinic-crm] ${uid} has no documentId generator`);
  return (a.default as () => string)();
};

/** The link table of a relation attribute; throws when the attribute has none. */
export const linkTableOf = (strapi: Core.Strapi, uid: string, attribute: string): LinkTable => {
  const a = strapi.db.metadata.get(uid).attributes[attribute];
  const joinTable = a && 'joinTable' in a ? a.joinTable : undefined;
  if (!joinTable || !('inverseJoinColumn' in joinTable)) throw new Error(`[clinic-crm] ${uid}.${attribute} is not stored in a link table`);
  return joinTable;
};

/** A content type's table, columns and link tables together, for SQL aggregations (reads only). */
export const tableMeta = (strapi: Core.Strapi, uid: string) => ({
  tableName: tableOf(strapi, uid),
  column: (attribute: string, fallback = attribute): string => columnOf(strapi, uid, attribute, fallback),
  joinTable: (attribute: string): LinkTable => linkTableOf(strapi, uid, attribute),
});

/** A datetime as a raw (knex) query binds it: Strapi keeps datetimes as epoch milliseconds on SQLite, as timestamps on Postgres. */
export const sqlTime = (strapi: Core.Strapi, d: Date): Date | number => (strapi.db.dialect.client === 'postgres' ? d : d.getTime());
