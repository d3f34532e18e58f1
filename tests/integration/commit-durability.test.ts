/**
 * A 201 is an acknowledgement: it may only be sent after the row it reports is committed.
 *
 * knex's explicit `trx.commit()` resolves even when the COMMIT statement fails (knex#3847), and
 * Strapi's `db.transaction()` uses that form, so a COMMIT that failed (a connection terminated by a
 * Postgres restart, a deferred constraint) was reported as success: the public intake answered
 * 201 with a reference number the database never kept. These tests make the COMMIT of a real
 * intake fail on purpose and check that the caller is not told "received", and that nothing of
 * it is stored. Both databases.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted, isPostgres } from '../helpers/strapi';
import { UID } from '../helpers/fixtures';
import { rawRows } from '../helpers/raw-db';

let app: Booted;
/** What the next complaint create does to its own transaction just before it commits. */
let sabotage: null | ((trx: any) => Promise<void>) = null;

beforeAll(async () => {
  app = await bootStrapi({ IS_PROXIED: 'true' });
  const knex = app.strapi.db.connection;
  // a parent/child pair whose foreign key is only checked at COMMIT, on both databases
  await knex.raw('CREATE TABLE commit_probe_parent (id INTEGER PRIMARY KEY)');
  await knex.raw('CREATE TABLE commit_probe_child (parent_id INTEGER REFERENCES commit_probe_parent (id) DEFERRABLE INITIALLY DEFERRED)');
  if (!isPostgres()) await knex.raw('PRAGMA foreign_keys = ON');
  // right after the complaint's row is inserted, inside the intake's transaction (the public intake
  // writes it with the query engine's createMany, staff through the document service's create)
  const afterInsert = async () => {
    if (!sabotage) return;
    const act = sabotage;
    sabotage = null;
    await app.strapi.db.transaction(({ trx }: any) => act(trx));
  };
  app.strapi.db.lifecycles.subscribe({ models: [UID('complaint')], afterCreate: afterInsert, afterCreateMany: afterInsert });
});
afterAll(() => stopStrapi(app));

const submit = (n: number, description: string) =>
  request(app.http)
    .post('/api/clinic-crm/complaints')
    .timeout(15_000)
    .set('X-Forwarded-For', `10.77.0.${n}`)
    .send({ name: '測試', phone: '0911-222-333', category: 'other', description, consentToContact: true });

const storedWith = async (description: string) => {
  const rows = await app.strapi.db.query(UID('complaint')).findMany({ select: ['referenceNumber', 'description'] });
  return rows.filter((r: any) => r.description === description);
};

it('answers 201 only for a committed complaint: a COMMIT refused by the database is not acknowledged and stores nothing', async () => {
  sabotage = async (trx) => {
    await trx.raw('INSERT INTO commit_probe_child (parent_id) VALUES (999)');
  };
  const description = '提交時被資料庫拒絕的投訴,內容足夠長';
  const res = await submit(1, description);
  expect(sabotage).toBeNull(); // the sabotage ran, inside the intake's transaction
  expect(res.status).not.toBe(201);
  expect(res.status).toBeGreaterThanOrEqual(500);
  expect(JSON.stringify(res.body)).not.toMatch(/CMP-/);
  expect(await storedWith(description)).toEqual([]);
  expect(await rawRows('SELECT count(*) AS n FROM commit_probe_child')).toEqual([{ n: isPostgres() ? '0' : 0 }]);

  // the next complaint goes through as usual, on a healthy connection
  const ok = await submit(2, '之後的正常投訴,內容足夠長以通過驗證');
  expect(ok.status).toBe(201);
  expect((await storedWith('之後的正常投訴,內容足夠長以通過驗證')).map((r: any) => r.referenceNumber)).toEqual([ok.body.data.referenceNumber]);
});

(isPostgres() ? it : it.skip)('a connection that dies as the COMMIT is sent gives 503 + Retry-After, not a receipt (Postgres)', async () => {
  // what a Postgres restart does to a request caught at the wrong moment: the COMMIT never
  // reaches the server, which rolls the transaction back when the socket closes
  sabotage = async (trx) => {
    const connection: any = await trx.client.acquireConnection();
    const query = connection.query.bind(connection);
    connection.query = (config: any, ...rest: unknown[]) => {
      const sql = typeof config === 'string' ? config : config?.text;
      if (/^COMMIT/i.test(String(sql))) connection.connection.stream.destroy();
      return query(config, ...rest);
    };
  };
  const description = '提交前連線被中斷的投訴,內容足夠長';
  const res = await submit(3, description);
  expect(sabotage).toBeNull();
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBeDefined();
  expect(JSON.stringify(res.body)).not.toMatch(/CMP-/);
  expect(await storedWith(description)).toEqual([]);

  // the broken connection is not handed out again: the very next intake and query succeed
  const ok = await submit(4, '中斷之後的投訴,內容足夠長以通過驗證');
  expect(ok.status).toBe(201);
  expect(await storedWith('中斷之後的投訴,內容足夠長以通過驗證')).toHaveLength(1);
});

(isPostgres() ? it : it.skip)('a connection that dies as BEGIN is sent gives 503 + Retry-After, not a 500 (Postgres)', async () => {
  const client = app.strapi.db.connection.client;
  const acquire = client.acquireConnection.bind(client);
  let armed = true;
  client.acquireConnection = async () => {
    const connection: any = await acquire();
    if (armed) {
      const query = connection.query.bind(connection);
      connection.query = (config: any, ...rest: unknown[]) => {
        const sql = typeof config === 'string' ? config : config?.text;
        if (armed && /^BEGIN/i.test(String(sql))) {
          armed = false;
          connection.connection.stream.destroy();
        }
        return query(config, ...rest);
      };
    }
    return connection;
  };
  try {
    const description = '開始交易時連線中斷的投訴,內容足夠長';
    const res = await submit(5, description);
    expect(armed).toBe(false);
    expect(res.status).toBe(503);
    expect(await storedWith(description)).toEqual([]);
  } finally {
    client.acquireConnection = acquire;
  }
  const ok = await submit(6, 'BEGIN 中斷之後的投訴,內容足夠長');
  expect(ok.status).toBe(201);
});

(isPostgres() ? it : it.skip)('a new connection ended before its setup is discarded and replaced at once, not waited on (Postgres)', async () => {
  // A restart that ends a connection just opened: Strapi's `SET search_path` on it fails, and Strapi
  // would neither call the pool back nor catch it (the create hung until its timeout, the request
  // got a 503 after it, and the rejection went unhandled).
  const client = app.strapi.db.connection.client;
  const pool = client.pool;
  // the restart ended every pooled connection, so the next request needs a new one (the earlier
  // tests' after-commit reads are let finish first: none may still be using a connection)
  for (let i = 0; i < 100 && pool.numUsed() + pool.numPendingCreates() > 0; i++) await new Promise((r) => setTimeout(r, 100));
  expect(pool.numUsed() + pool.numPendingCreates()).toBe(0);
  for (const { resource } of [...pool.free]) await resource.end();
  const acquireRaw = client.acquireRawConnection.bind(client);
  let ended = 0;
  client.acquireRawConnection = async () => {
    const connection: any = await acquireRaw();
    if (ended === 0) {
      ended += 1;
      await connection.end();
    }
    return connection;
  };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const description = '新連線設定失敗時送出的投訴,內容足夠長';
    const res = await submit(7, description);
    expect(ended).toBe(1);
    expect(res.status).toBe(201);
    expect(await storedWith(description)).toHaveLength(1);
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
    client.acquireRawConnection = acquireRaw;
  }
});
