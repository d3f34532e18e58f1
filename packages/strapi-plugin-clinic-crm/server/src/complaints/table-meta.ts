import type { Core } from '@strapi/strapi';
import type { ContentTypeUid } from '../core/plugin';

/** A relation's link table as Strapi's metadata describes it. */
export interface JoinTable {
  name: string;
  joinColumn: { name: string };
  inverseJoinColumn: { name: string };
}

interface RawMeta {
  tableName: string;
  attributes: Record<string, { columnName?: string; joinTable?: JoinTable }>;
}

/** A content type's table, column names and link tables, for the SQL aggregations (reads only). */
export const tableMeta = (strapi: Core.Strapi, uid: ContentTypeUid) => {
  // Strapi's metadata is typed loosely; this is the one place it is read as a shape.
  const meta = strapi.db.metadata.get(uid) as unknown as RawMeta;
  return {
    tableName: meta.tableName,
    column: (attribute: string, fallback = attribute): string => meta.attributes[attribute]?.columnName ?? fallback,
    joinTable: (attribute: string): JoinTable => {
      const link = meta.attributes[attribute]?.joinTable;
      if (!link) throw new Error(`${uid}.${attribute} has no link table`);
      return link;
    },
  };
};
