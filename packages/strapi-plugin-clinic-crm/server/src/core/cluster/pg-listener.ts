/**
 * A dedicated PostgreSQL connection that LISTENs on one channel (node-postgres, the driver the
 * app's knex already uses), for events every instance must hear: a NOTIFY is delivered to every
 * listening session when the sending transaction commits, and never when it rolls back.
 *
 * The connection is not in the pool: a pooled connection is handed to queries and may be replaced
 * at any time. When it drops (a restart, a failover, a heartbeat that gets no answer), the listener
 * says so (`onLost`: notifications may be missed from now on) and reconnects with backoff; once it
 * LISTENs again it says so too (`onListening`: whatever was missed in between must be assumed).
 */
import { reconnectDelay } from './backoff';
import { deadline } from '../background';

/** What the listener needs of a node-postgres Client. */
export interface PgClientLike {
  connect(): Promise<unknown>;
  query(text: string): Promise<unknown>;
  end(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  removeAllListeners(event?: string): unknown;
  connection?: { stream?: { destroy?: () => void } };
}

export interface PgListenerOptions {
  /** Makes a new, unconnected client (node-postgres `new Client(settings)`). */
  createClient: () => PgClientLike;
  /** A plain identifier: lower-case letters, digits, underscores. */
  channel: string;
  onNotification: (payload: string) => void;
  /** Now listening: the first time, and after every reconnection. */
  onListening: (reconnected: boolean) => void;
  /** The connection is gone (notifications may be missed until onListening). */
  onLost: (error: Error | undefined) => void;
  /** A `SELECT 1` this often finds a connection that died without a word: one unanswered two beats later counts as lost (default 10 s). */
  heartbeatMs?: number;
  backoff?: { firstMs?: number; maxMs?: number };
}

export interface PgListener {
  readonly listening: boolean;
  /** Stops listening and closes the connection within `ms`. */
  close(ms: number): Promise<void>;
}

const destroySocket = (client: PgClientLike) => {
  try {
    client.connection?.stream?.destroy?.();
  } catch {
    /* already gone */
  }
};

export const startPgListener = (options: PgListenerOptions): PgListener => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(options.channel)) throw new Error(`pg listener: "${options.channel}" is not a plain channel name`);
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  let client: PgClientLike | null = null;
  let listening = false;
  let everListened = false;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, reconnectDelay(failures, options.backoff));
    failures += 1;
    retry.unref();
  };

  const connect = async () => {
    if (stopped) return;
    const c = options.createClient();
    client = c;
    let gone = false;
    const lose = (error?: Error) => {
      if (gone) return;
      gone = true;
      if (heartbeat && client === c) clearInterval(heartbeat);
      if (client === c) {
        client = null;
        heartbeat = null;
      }
      const was = listening;
      listening = false;
      c.removeAllListeners('notification');
      void c.end().catch(() => undefined);
      destroySocket(c);
      if (stopped) return;
      // once per outage: when a listening connection is lost, or the very first attempt fails
      if (was || (!everListened && failures === 0)) options.onLost(error);
      schedule();
    };
    c.on('error', (error) => lose(error));
    c.on('end', () => lose(new Error('the listening connection ended')));
    c.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotification(message.payload ?? '');
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${options.channel}`);
    } catch (error) {
      lose(error as Error);
      return;
    }
    if (gone) return;
    if (stopped) {
      void c.end().catch(() => undefined);
      return;
    }
    failures = 0;
    listening = true;
    const reconnected = everListened;
    everListened = true;
    // One heartbeat at a time (a query queued behind an unanswered one would only wait too, and
    // node-postgres warns of queued queries). One still unanswered two beats later means the
    // connection is dead; one beat of grace, for an event loop that was busy when the answer came.
    let unanswered = 0;
    heartbeat = setInterval(() => {
      if (unanswered > 0) {
        unanswered += 1;
        if (unanswered > 2) lose(new Error(`the listening connection did not answer a heartbeat within ${2 * heartbeatMs} ms`));
        return;
      }
      unanswered = 1;
      c.query('SELECT 1').then(
        () => (unanswered = 0),
        (error: Error) => lose(error)
      );
    }, heartbeatMs);
    heartbeat.unref();
    options.onListening(reconnected);
  };

  void connect();

  return {
    get listening() {
      return listening;
    },
    async close(ms: number) {
      stopped = true;
      listening = false;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      retry = heartbeat = null;
      const c = client;
      client = null;
      if (!c) return;
      c.removeAllListeners('notification');
      c.on('error', () => undefined);
      const ended = await deadline(c.end().catch(() => undefined), ms).catch(() => 'timeout');
      if (ended === 'timeout') destroySocket(c);
    },
  };
};
