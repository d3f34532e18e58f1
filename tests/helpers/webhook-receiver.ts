/**
 * A real HTTP receiver for signed webhooks on 127.0.0.1: it verifies each delivery's signature
 * (HMAC-SHA256 of `<timestamp>.<body>` under the channel's secret, timestamp within 5 minutes),
 * records what arrived, and can be switched to answer 503 or be taken down (connections refused)
 * and brought back on the same port.
 */
import http from 'http';
import net from 'net';
import { createHmac, timingSafeEqual } from 'crypto';
import { freePort } from './smtp';

export interface Delivery {
  path: string;
  key: string;
  timestamp: string;
  signature: string;
  rawBody: string;
  body: any;
  /** Signed with the secret registered for this path, and fresh. */
  valid: boolean;
  receivedAt: number;
}

/** What a receiver does (the README's snippet): constant-time compare, and refuse replays older than 5 minutes. */
export const verify = (secret: string, timestamp: string | undefined, rawBody: string, signature: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)) => {
  if (!timestamp || !signature || Math.abs(nowSeconds - Number(timestamp)) > 300) return false;
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};

export class WebhookReceiver {
  deliveries: Delivery[] = [];
  /** Answer this status instead of 204 (e.g. 503) while set. */
  failWith: number | null = null;
  /** Every request, answered or not (what the dispatcher attempted). */
  attempts = 0;
  private secrets = new Map<string, string>();
  private server: http.Server | null = null;
  private sockets = new Set<net.Socket>();

  private constructor(readonly port: number) {}

  static async start() {
    const r = new WebhookReceiver(await freePort());
    await r.listen();
    return r;
  }

  url(path: string) {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** The secret deliveries to `path` must be signed with. */
  expect(path: string, secret: string) {
    this.secrets.set(path, secret);
  }

  listen() {
    return new Promise<void>((resolve) => {
      this.server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          this.attempts += 1;
          if (this.failWith) {
            res.writeHead(this.failWith).end();
            return;
          }
          const rawBody = Buffer.concat(chunks).toString('utf8');
          const timestamp = String(req.headers['x-cliniccrm-timestamp'] ?? '');
          const signature = String(req.headers['x-cliniccrm-signature'] ?? '');
          const secret = this.secrets.get(req.url ?? '');
          let body: unknown = null;
          try {
            body = JSON.parse(rawBody);
          } catch {
            body = null;
          }
          this.deliveries.push({
            path: req.url ?? '',
            key: String(req.headers['x-cliniccrm-idempotency-key'] ?? ''),
            timestamp,
            signature,
            rawBody,
            body,
            valid: !!secret && req.headers['content-type'] === 'application/json' && verify(secret, timestamp, rawBody, signature),
            receivedAt: Date.now(),
          });
          res.writeHead(204).end();
        });
      });
      this.server.on('connection', (s) => {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
      });
      this.server.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Down: the port refuses connections (open keep-alive connections are cut) until `listen()`. */
  stop() {
    return new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      for (const s of this.sockets) s.destroy();
      this.server.close(() => resolve());
      this.server = null;
    });
  }

  clear() {
    this.deliveries = [];
    this.attempts = 0;
  }

  async waitFor(n: number, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.deliveries.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} webhook deliveries, got ${this.deliveries.length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
