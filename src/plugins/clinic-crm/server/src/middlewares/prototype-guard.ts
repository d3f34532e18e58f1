import { fieldError } from '../validation/errors';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_NODES = 50_000;

/** The path of the first forbidden key in a parsed body, or null. */
export const findPrototypeKey = (value: unknown): string | null => {
  const stack: Array<{ v: unknown; path: string }> = [{ v: value, path: '' }];
  let seen = 0;
  while (stack.length) {
    const { v, path } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    seen += 1;
    if (seen > MAX_NODES) return path || 'body';
    for (const key of Object.keys(v as object)) {
      const next = path ? `${path}.${key}` : key;
      if (FORBIDDEN.has(key)) return next;
      stack.push({ v: (v as Record<string, unknown>)[key], path: next });
    }
  }
  return null;
};

/**
 * App-wide guard (after strapi::body): a request body carrying `__proto__`, `constructor` or
 * `prototype` keys is refused with a 400 naming the key. Such keys are never legitimate data, and
 * Strapi's own validator answers 500 to a `constructor` key.
 */
export default () => async (ctx: any, next: () => Promise<void>) => {
  const body = ctx.request?.body;
  if (body && typeof body === 'object') {
    const path = findPrototypeKey(body);
    if (path) throw fieldError(path.replace(/^data\./, ''), `"${path.split('.').pop()}" is not an accepted key`);
  }
  await next();
};
