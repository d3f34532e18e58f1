import type { Context, Next } from 'koa';
import { fieldError } from './validation-errors';

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
 * `prototype` keys is refused with a 400 naming the key, and so is a top-level JSON array. Neither
 * is ever legitimate data; Strapi's own validator answers 500 to a `constructor` key and the
 * content manager 500 to an array (both found by tests/integration/fuzz.test.ts).
 */
export default () => async (ctx: Context, next: Next) => {
  const body = ctx.request?.body;
  // No Strapi route takes a top-level JSON array; the content manager answers 500 to one (casl).
  if (Array.isArray(body) && ctx.is?.('json')) throw fieldError('body', 'the request body must be a JSON object, not a list');
  if (body && typeof body === 'object') {
    const path = findPrototypeKey(body);
    if (path) throw fieldError(path.replace(/^data\./, ''), `"${path.split('.').pop()}" is not an accepted key`);
  }
  await next();
};
