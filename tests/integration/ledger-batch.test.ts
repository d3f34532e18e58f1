/**
 * The evidence ledger seals a transaction's entries right before it commits, all in one batch:
 * concurrent writers keep one verifiable chain, each transaction's entries stay together and in
 * order, and a transaction that rolls back leaves no entry (SQLite and Postgres).
 */
import { UID } from '../helpers/fixtures';
import { bootStrapi, stopStrapi, type Booted } from '../helpers/strapi';

let app: Booted;
let strapi: any;
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
const entry = (subjectId: string) => ({ kind: 'audit', subjectId, payload: { subjectId, action: 'read_health' } });
const sealedFor = async (prefix: string) =>
  (await strapi.db.query(UID('ledger-entry')).findMany({ where: { subjectId: { $startsWith: prefix } }, select: ['seq', 'subjectId'], orderBy: { seq: 'asc' } })) as Array<{ seq: number; subjectId: string }>;

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
});
afterAll(() => stopStrapi(app));

describe('the ledger seals a transaction’s entries as it commits', () => {
  it('entries appended in a transaction are sealed at its commit, together and in order', async () => {
    const before = await strapi.db.query(UID('ledger-entry')).count({});
    let inside = -1;
    await strapi.db.transaction(async () => {
      await svc('ledger').append([entry('batch-a-1')]);
      await svc('ledger').append([entry('batch-a-2'), entry('batch-a-3')]);
      inside = await strapi.db.query(UID('ledger-entry')).count({});
    });
    // not yet in the table while the transaction ran (the chain's lock was not taken), all there after its commit
    expect(inside).toBe(before);
    const sealed = await sealedFor('batch-a-');
    expect(sealed.map((e) => e.subjectId)).toEqual(['batch-a-1', 'batch-a-2', 'batch-a-3']);
    expect(sealed.map((e) => Number(e.seq) - Number(sealed[0].seq))).toEqual([0, 1, 2]);
  });

  it('a transaction that rolls back leaves no entry', async () => {
    await expect(
      strapi.db.transaction(async () => {
        await svc('ledger').append([entry('batch-r-1')]);
        throw new Error('changed my mind');
      })
    ).rejects.toThrow('changed my mind');
    expect(await sealedFor('batch-r-')).toEqual([]);
  });

  it('concurrent writers (some rolling back) keep one chain that verifies, each transaction’s entries adjacent', async () => {
    const writers = Array.from({ length: 16 }, (_, w) =>
      strapi.db
        .transaction(async () => {
          await svc('ledger').append([entry(`batch-c-${w}-1`)]);
          // other work between the appends, as a request's transaction would do
          await strapi.db.query(UID('staff-member')).count({});
          await svc('ledger').append([entry(`batch-c-${w}-2`)]);
          if (w % 4 === 3) throw new Error(`writer ${w} rolls back`);
        })
        .then(
          () => 'committed',
          () => 'rolled back'
        )
    );
    const outcomes = await Promise.all(writers);
    expect(outcomes.filter((o) => o === 'rolled back')).toHaveLength(4);
    const sealed = await sealedFor('batch-c-');
    expect(sealed).toHaveLength(24);
    for (let i = 0; i < sealed.length; i += 2) {
      const writer = sealed[i].subjectId.replace(/-1$/, '');
      expect(sealed[i].subjectId).toBe(`${writer}-1`);
      expect(sealed[i + 1].subjectId).toBe(`${writer}-2`);
      expect(Number(sealed[i + 1].seq)).toBe(Number(sealed[i].seq) + 1);
      expect(Number(writer.split('-')[2]) % 4).not.toBe(3);
    }
    const report = await svc('ledger-verify').verify({ rows: false });
    expect(report.ok).toBe(true);
    expect(report.firstBroken).toBeNull();
  });

  it('outside a transaction an append is sealed at once', async () => {
    await svc('ledger').append([entry('batch-o-1')]);
    expect((await sealedFor('batch-o-')).map((e) => e.subjectId)).toEqual(['batch-o-1']);
  });
});
