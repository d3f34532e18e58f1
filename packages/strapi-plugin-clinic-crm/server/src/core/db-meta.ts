import type { Core } from '@strapi/strapi';

/** The link table of a relation stored in one (manyToOne with useJoinTable, manyToMany, …). */
export interface LinkTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

/** The database table of a content type. */
export const tableOf = (strapi: Core.Strapi, uid: string): string => strapi.db.metadata.get(uid).tableName;

/** The column an attribute is stored in. */
export const columnOf = (strapi: Core.Strapi, uid: string, attribute: string): string => {
  const a = strapi.db.metadata.get(uid).attributes[attribute];
  return a && 'columnName' in a && typeof a.columnName === 'string' ? a.columnName : attribute;
};

/** The link table of a relation attribute; throws when the attribute has none. */
export const linkTableOf = (strapi: Core.Strapi, uid: string, attribute: string): LinkTable => {
  const a = strapi.db.metadata.get(uid).attributes[attribute];
  const joinTable = a && 'joinTable' in a ? a.joinTable : undefined;
  if (!joinTable || !('inverseJoinColumn' in joinTable)) throw new Error(`[clinic-crm] ${uid}.${attribute} is not stored in a link table`);
  return joinTable;
};
