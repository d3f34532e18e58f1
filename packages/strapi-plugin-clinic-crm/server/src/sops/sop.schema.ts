import { z } from 'zod';

/** POST …/sop-documents/:documentId/acknowledge { staff? } — staff, when named, must be the signed-in person (checked against the session). */
export const acknowledgeSchema = z.looseObject({ staff: z.unknown().optional() });
