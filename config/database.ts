import path from 'path';

const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
const sqliteSynchronous = (value: string) => {
  const v = value.toUpperCase();
  if (!SYNCHRONOUS.includes(v)) throw new Error(`DATABASE_SQLITE_SYNCHRONOUS must be one of ${SYNCHRONOUS.join(', ')} (got "${value}")`);
  return v;
};

export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');

  const connections = {
    postgres: {
      connection: {
        connectionString: env('DATABASE_URL'),
        host: env('DATABASE_HOST', '127.0.0.1'),
        port: env.int('DATABASE_PORT', 5432),
        database: env('DATABASE_NAME', 'clinic_crm'),
        user: env('DATABASE_USERNAME', 'clinic_crm'),
        password: env('DATABASE_PASSWORD', ''),
        ssl: env.bool('DATABASE_SSL', false) && {
          rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true),
        },
        schema: env('DATABASE_SCHEMA', 'public'),
        // Every wait is bounded (see README, "Resilience"): the server cancels a statement after
        // statement_timeout and ends a transaction left idle; the client gives up on a connect that
        // gets no answer and on a reply that never comes (a socket dead without a FIN).
        statement_timeout: env.int('DATABASE_STATEMENT_TIMEOUT_MS', 30000),
        idle_in_transaction_session_timeout: env.int('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60000),
        query_timeout: env.int('DATABASE_STATEMENT_TIMEOUT_MS', 30000) + 5000,
        connectionTimeoutMillis: env.int('DATABASE_CONNECT_TIMEOUT_MS', 3000),
        keepAlive: true,
        keepAliveInitialDelayMillis: 10000,
      },
      pool: {
        min: env.int('DATABASE_POOL_MIN', 2),
        max: env.int('DATABASE_POOL_MAX', 10),
        // a connection that cannot be opened fails the waiting request at once (503) instead of
        // leaving it queued until the acquire timeout
        propagateCreateError: true,
        createTimeoutMillis: env.int('DATABASE_CONNECT_TIMEOUT_MS', 3000),
        destroyTimeoutMillis: 3000,
        idleTimeoutMillis: 30000,
        reapIntervalMillis: 1000,
        createRetryIntervalMillis: 200,
      },
    },
    sqlite: {
      connection: {
        filename: path.join(__dirname, '..', '..', env('DATABASE_FILENAME', '.tmp/data.db')),
      },
      useNullAsDefault: true,
      pool: {
        // FULL (SQLite's default): a commit is on disk before it is acknowledged. The test suites set
        // OFF for their throw-away databases (a fresh boot writes ~900 small transactions: the staff
        // roles' permissions), never for data anyone keeps.
        afterCreate: (conn: { pragma: (sql: string) => unknown }, done: (err: Error | null, conn: unknown) => void) => {
          try {
            conn.pragma(`synchronous = ${sqliteSynchronous(env('DATABASE_SQLITE_SYNCHRONOUS', 'FULL'))}`);
            done(null, conn);
          } catch (error) {
            done(error as Error, conn);
          }
        },
      },
    },
  };

  if (!connections[client]) {
    throw new Error(`DATABASE_CLIENT must be "sqlite" or "postgres" (got "${client}")`);
  }

  return {
    connection: {
      client,
      ...connections[client],
      // how long a request may wait for a free pooled connection before it is answered 503: under
      // the 5 s a request may wait across a database restart (README, "Resilience")
      acquireConnectionTimeout: env.int('DATABASE_CONNECTION_TIMEOUT', 4000),
    },
  };
};
