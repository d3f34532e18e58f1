import type { Core } from '@strapi/strapi';
import type services from '../services';
import { CONTENT_TYPE_NAMES, type ContentTypeName } from '../content-types';
import type { PluginConfig } from '../config';

export const PLUGIN_ID = 'clinic-crm';

/** `sop-document` → `sopDocument` */
type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
const camelCase = <S extends string>(name: S) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as CamelCase<S>;

/** `plugin::clinic-crm.<name>` */
export const uidOf = <N extends ContentTypeName>(name: N) => `plugin::${PLUGIN_ID}.${name}` as const;

export type UidMap = { readonly [N in ContentTypeName as CamelCase<N>]: `plugin::${typeof PLUGIN_ID}.${N}` };

/** Every content type's uid by camel-cased name (`UID.sopDocument`), derived from the one list in content-types.ts. */
export const UID = Object.fromEntries(CONTENT_TYPE_NAMES.map((name) => [camelCase(name), uidOf(name)])) as UidMap;

export type ContentTypeUid = (typeof UID)[keyof typeof UID];

type Services = typeof services;
export type ServiceName = keyof Services;
export type Service<N extends ServiceName> = ReturnType<Services[N]>;

/** The one typed way to reach this plugin's services. */
export const getService = <N extends ServiceName>(strapi: Core.Strapi, name: N): Service<N> =>
  strapi.plugin(PLUGIN_ID).service(name) as Service<N>;

export type { PluginConfig } from '../config';

export const getConfig = (strapi: Core.Strapi): PluginConfig => strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;

/** The admin user or users-permissions user behind the current request, as a short label for history rows. */
export const currentActor = (strapi: Core.Strapi): string => {
  const ctx = strapi.requestContext?.get?.();
  const user = ctx?.state?.user;
  if (!user) return 'system';
  if (user.email) return String(user.email);
  if (user.username) return String(user.username);
  return `user:${user.id}`;
};

/**
 * Reads the target of a relation value the way the document service accepts it:
 * a documentId string, a numeric id, `{ documentId }`, `{ id }`, or `{ connect | set: [...] }`.
 */
export const relationRef = (value: unknown): { documentId?: string; id?: number } | null => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() ? { documentId: value } : null;
  // only a real row id: 1.5, -1 or 1e20 would reach the database as they are (a 500 on Postgres)
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? { id: value } : null;
  if (Array.isArray(value)) return relationRef(value[0]);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number') return Number.isSafeInteger(v.id) && v.id > 0 ? { id: v.id } : null;
    if (v.connect !== undefined) return relationRef(v.connect);
    if (v.set !== undefined) return relationRef(v.set);
  }
  return null;
};
