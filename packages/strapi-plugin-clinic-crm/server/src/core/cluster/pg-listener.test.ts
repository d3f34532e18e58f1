import { EventEmitter } from 'events';
import { startPgListener, type PgClientLike } from './pg-listener';

/** A node-postgres client stand-in: LISTEN answers; `SELECT 1` answers unless the server has gone silent. */
class FakeClient extends EventEmitter implements PgClientLike {
  queries: string[] = [];
  silent = false;
  ended = false;
  async connect() {
    return undefined;
  }
  query(text: string) {
    this.queries.push(text);
    if (this.silent && text === 'SELECT 1') return new Promise<unknown>(() => undefined);
    return Promise.resolve({ rows: [] });
  }
  async end() {
    this.ended = true;
  }
}

const until = async (check: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the LISTEN connection heartbeat', () => {
  it('sends one heartbeat at a time while the server answers, and stays listening', async () => {
    const client = new FakeClient();
    const lost: Array<Error | undefined> = [];
    const listener = startPgListener({ channel: 'crm_test', createClient: () => client, onNotification: () => undefined, onListening: () => undefined, onLost: (e) => lost.push(e), heartbeatMs: 15 });
    await until(() => client.queries.filter((q) => q === 'SELECT 1').length >= 4);
    expect(listener.listening).toBe(true);
    expect(lost).toEqual([]);
    await listener.close(100);
  });

  it('counts a heartbeat unanswered two beats later as a lost connection, without queuing another, and connects again', async () => {
    const clients: FakeClient[] = [];
    const lost: Array<Error | undefined> = [];
    const listening: boolean[] = [];
    const listener = startPgListener({
      channel: 'crm_test',
      createClient: () => {
        const c = new FakeClient();
        c.silent = clients.length === 0; // the first connection goes silent: no RST, no answer
        clients.push(c);
        return c;
      },
      onNotification: () => undefined,
      onListening: (reconnected) => listening.push(reconnected),
      onLost: (e) => lost.push(e),
      heartbeatMs: 15,
      backoff: { firstMs: 5, maxMs: 10 },
    });
    await until(() => listening.length === 2);
    expect(listening).toEqual([false, true]);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.message).toMatch(/did not answer a heartbeat within 30 ms/);
    // the silent connection got exactly one heartbeat, and was closed
    expect(clients[0].queries).toEqual(['LISTEN crm_test', 'SELECT 1']);
    expect(clients[0].ended).toBe(true);
    expect(listener.listening).toBe(true);
    await listener.close(100);
  });
});
