import { z } from 'zod';

/** The request body: `{ data: {…} }` or the fields themselves. */
export const dataOf = (body: unknown): unknown => {
  const b = (body ?? {}) as { data?: unknown };
  return b.data && typeof b.data === 'object' ? b.data : b;
};

/** POST …/sop-documents/:documentId/acknowledge { staff? } — staff, when named, must be the signed-in person (checked against the session). */
export const acknowledgeSchema = z.looseObject({ staff: z.unknown().optional() });
