import { z } from 'zod';

export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;

const PAGE = 'page must be a positive whole number';
const PAGE_SIZE = 'pageSize must be a whole number from 1 to 100';

/** GET /clinic-crm/outbox?status=&page=&pageSize= */
export const outboxListQuery = z.object({
  channel: z.enum(['email', 'webhook'], { error: 'channel must be one of: email, webhook' }).optional(),
  status: z.enum(DELIVERY_STATUSES, { error: `status must be one of: ${DELIVERY_STATUSES.join(', ')}` }).optional(),
  page: z.coerce.number({ error: PAGE }).int({ error: PAGE }).min(1, { error: PAGE }).default(1),
  pageSize: z.coerce.number({ error: PAGE_SIZE }).int({ error: PAGE_SIZE }).min(1, { error: PAGE_SIZE }).max(100, { error: PAGE_SIZE }).default(25),
});

export type OutboxListQuery = z.output<typeof outboxListQuery>;
