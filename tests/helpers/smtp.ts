/**
 * A real SMTP server (npm smtp-server) on 127.0.0.1 that keeps every message it accepts,
 * parsed with mailparser. It can be stopped (connections refused) and started again on the
 * same port, and can be made slow to hold messages mid-transfer.
 */
import net from 'net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface Received {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  receivedAt: number;
}

/** A free TCP port on 127.0.0.1 (the receivers of the tests listen there). */
export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export class Inbox {
  messages: Received[] = [];
  delayMs = 0;
  /** After this many messages, further DATA is held unanswered until `release()`. */
  holdAfter = Infinity;
  private held: Array<() => void> = [];
  private server: SMTPServer | null = null;

  private constructor(readonly port: number) {}

  static async start(port?: number) {
    const inbox = new Inbox(port ?? (await freePort()));
    await inbox.listen();
    return inbox;
  }

  async listen() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 5 * 1024 * 1024,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then(async (mail) => {
            if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
            if (this.messages.length >= this.holdAfter) await new Promise<void>((r) => this.held.push(r));
            this.messages.push({
              messageId: mail.messageId ?? '',
              to: Array.isArray(mail.to) ? mail.to.map((t) => t.text).join(', ') : (mail.to?.text ?? ''),
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              receivedAt: Date.now(),
            });
            callback();
          })
          .catch((e) => callback(e));
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  /** Stops listening and drops open connections: senders get ECONNREFUSED / resets. */
  async stop() {
    if (!this.server) return;
    const server: any = this.server;
    this.server = null;
    for (const conn of server.connections ?? []) conn._socket?.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async waitFor(count: number, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (this.messages.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} messages, got ${this.messages.length}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.messages;
  }

  /** Lets held messages through (they are recorded, as a real server that got the data would). */
  release() {
    this.holdAfter = Infinity;
    this.held.splice(0).forEach((r) => r());
  }

  clear() {
    this.messages = [];
  }
}
