import { z } from 'zod';
import type { Context } from 'koa';
import { fieldErrors } from './validation-errors';

/**
 * Validation at the edge: a custom route's body or query is parsed by a zod schema into a typed
 * value before a service sees it. A failure is Strapi's 400 ValidationError naming every field
 * (`details.errors[].path`), the shape the content API and the admin forms already read.
 */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown, opts: { prefix?: string; summary?: string } = {}): z.output<S> => {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const items = result.error.issues.map((issue) => {
    const path = [opts.prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
    return { path: path || 'body', message: issue.message };
  });
  throw fieldErrors(items, opts.summary);
};

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** A request body's fields: its `data` when that is an object (Strapi's content-API convention), else the body itself. */
export const dataOf = (body: unknown): unknown => {
  const data = isPlainObject(body) ? body.data : undefined;
  return isPlainObject(data) ? data : (body ?? {});
};

/**
 * Koa's context as Strapi's router gives it to a plugin controller: the parsed body, the route's
 * params and the signed-in user (admin routes) on `state`.
 */
export type Ctx = Context & {
  request: Context['request'] & { body?: unknown; files?: Record<string, unknown> };
  params: Record<string, string>;
  query: Record<string, unknown>;
  state: { user?: { id: number; email?: string | null; [key: string]: unknown }; auth?: { strategy?: { name?: string } }; [key: string]: unknown };
};

/** Common pieces of route schemas. */

/** A whole number in [min, max] as a query string or a form sends it (a number or its text); `fallback` when absent. */
export const wholeNumber = (message: string, min: number, max: number, fallback: number) =>
  z.unknown().optional().transform((value, ctx) => {
    const n = value === undefined ? fallback : Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return n;
  });

export const documentIdParam = z.object({ documentId: z.string().min(1).max(64) });
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
