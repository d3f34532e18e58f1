import type { Core } from '@strapi/strapi';

/** How long an instance trusts its copy of the routing rules and staff lists (other instances' edits show after this). */
export const LOOKUP_TTL_MS = 5_000;

interface Entry<T> {
  value: Promise<T>;
  at: number;
}

/**
 * Per-instance copies of what routing reads on every new complaint — the routing rules and each
 * department's active staff — so a complaint does not read them again. An edit through the
 * document service on this instance drops them at once (complaints.middleware.ts); edits made on
 * another instance show within LOOKUP_TTL_MS. A failed read is not kept.
 */
const caches = new WeakMap<Core.Strapi, Map<string, Entry<unknown>>>();

export const routingLookups = (strapi: Core.Strapi, now: () => number = Date.now) => {
  let cache = caches.get(strapi);
  if (!cache) {
    cache = new Map();
    caches.set(strapi, cache);
  }
  const store = cache;
  return {
    /** The cached value of `key`, loaded with `load` when absent or older than the TTL. */
    get<T>(key: string, load: () => Promise<T>): Promise<T> {
      const hit = store.get(key) as Entry<T> | undefined;
      if (hit && now() - hit.at < LOOKUP_TTL_MS) return hit.value;
      const value = load();
      const entry = { value, at: now() };
      store.set(key, entry);
      value.catch(() => {
        if (store.get(key) === entry) store.delete(key);
      });
      return value;
    },
    /** Drops every copy (a rule or a staff member was written). */
    forget() {
      store.clear();
    },
  };
};
