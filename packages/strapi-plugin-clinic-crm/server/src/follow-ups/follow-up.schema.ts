import { z } from 'zod';

export const OUTCOMES = ['normal_recovery', 'needs_visit', 'complication'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** POST …/follow-up-tasks/:documentId/complete { outcome, notes } */
export const completeSchema = z.object({
  outcome: z.enum(OUTCOMES, { error: `outcome must be one of: ${OUTCOMES.join(', ')}` }),
  notes: z.string({ error: 'notes must be text of at most 4000 characters' }).max(4000, { error: 'notes must be text of at most 4000 characters' }).nullish(),
});
export type CompleteInput = z.output<typeof completeSchema>;
