import type { Core } from '@strapi/strapi';
import { getConfig, getService } from '../plugin';
import { webhookChannels } from './webhook-channel.repository';
import { publicData, signature, webhookBody, WEBHOOK_HEADERS } from './webhook';
import type { ClaimedNotification } from './notification.repository';

/** The channel is gone or switched off: the row is cancelled, not retried. */
export class ChannelUnavailable extends Error {}

const asDate = (v: Date | string | number) => (v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));

/** A failed POST's reason as the Outbox page shows it: `HTTP 503`, `timeout after 5000 ms`, `ECONNREFUSED`. */
const reasonOf = (e: unknown, timeoutMs: number): string => {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  return err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e);
};

/**
 * One webhook delivery: the JSON body (the text rendered in the row's language from the payload minus
 * private data, and that data), signed with the channel's current secret over `<timestamp>.<body>`, POSTed with a bounded
 * time (connect + response). 2xx is delivered; anything else throws and the dispatcher's backoff applies.
 * `handOver` is the dispatcher's last check before the transfer (withdrawn rows are not sent).
 */
export const sendWebhook = async (strapi: Core.Strapi, row: ClaimedNotification, handOver: () => Promise<boolean>): Promise<'sent' | 'withdrawn'> => {
  const channel = await webhookChannels(strapi).forNotification(row.id);
  if (!channel) throw new ChannelUnavailable('webhook channel deleted');
  if (!channel.enabled) throw new ChannelUnavailable('webhook channel disabled');
  if (!channel.signingSecret) throw new Error('webhook channel has no signing secret');
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : (row.payload ?? {})) as Record<string, unknown>;
  // rendered from the payload minus private data: a bridge (LINE, Slack, Teams) is a third party
  const visible = { ...(publicData(payload) as Record<string, unknown>), links: payload.links };
  const content = await getService(strapi, 'email-renderer').render(row.template, row.language, visible);
  const body = JSON.stringify(
    webhookBody({ key: row.idempotency_key, template: row.template, occurredAt: asDate(row.created_at), language: row.language, subject: content.subject, text: content.text, payload })
  );
  if (!(await handOver())) return 'withdrawn';
  const timeoutMs = getConfig(strapi).webhooks.timeoutMs;
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number;
  try {
    const res = await fetch(channel.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'ClinicCRM-Webhook/1',
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.idempotencyKey]: row.idempotency_key,
        [WEBHOOK_HEADERS.signature]: signature(channel.signingSecret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.status;
    await res.body?.cancel().catch(() => undefined);
  } catch (e) {
    throw new Error(`webhook ${channel.name}: ${reasonOf(e, timeoutMs)}`);
  }
  if (status < 200 || status > 299) throw new Error(`webhook ${channel.name}: HTTP ${status}`);
  return 'sent';
};
