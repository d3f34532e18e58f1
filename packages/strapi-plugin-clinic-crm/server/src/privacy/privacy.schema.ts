import { z } from 'zod';

/** POST /clinic-crm/clients/:documentId/erase { reason, confirm: <client number> } */
export const eraseBody = z.object(
  {
    reason: z
      .string({ error: 'reason must say why (10 to 2000 characters), e.g. "client request by e-mail 2026-11-20"' })
      .trim()
      .min(10, { error: 'reason must say why (10 to 2000 characters), e.g. "client request by e-mail 2026-11-20"' })
      .max(2000, { error: 'reason must say why (10 to 2000 characters), e.g. "client request by e-mail 2026-11-20"' }),
    // compared with the client's number by the service (it needs the client)
    confirm: z.unknown().optional(),
  },
  { error: 'body must be an object { reason, confirm }' }
);
export type EraseInput = z.output<typeof eraseBody>;
