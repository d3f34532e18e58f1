/**
 * Provable evidence: who approved (a second person's own authenticated step), at what price (the
 * signed quote binds), under which text — and a ledger that shows any later change made in the
 * database. Wrong person and right person on every path; raw-SQL tampering of the ledger.
 */
import { execFile } from 'child_process';
import path from 'path';
import request from 'supertest';
import { adminSession } from '../helpers/auth';
import { UID, clientData, publishTreatment, signConsent, signaturePng, staffData } from '../helpers/fixtures';
import { APP_DIR, bootStrapi, isPostgres, stopStrapi, type Booted } from '../helpers/strapi';

let app: Booted;
let strapi: any;
const people: Record<string, { auth: Record<string, string>; member: any }> = {};
const CM = '/content-manager/collection-types';
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);
/**
 * The error message of a refused operation ('accepted' when it was not). Errors raised by SQLite come
 * from better-sqlite3's native addon, whose error class belongs to the first test file of the process
 * that opened a database (the addon is initialised once per process): `rejects.toThrow` does not see
 * them as errors in later files, so the message is compared instead.
 */
const refusal = (p: PromiseLike<unknown>) => Promise.resolve(p).then(() => 'accepted', (e: any) => String(e?.message ?? e));
const pathsOf = (res: any) => (res.body?.error?.details?.errors ?? []).map((e: any) => e.path.join('.'));

beforeAll(async () => {
  app = await bootStrapi();
  strapi = app.strapi;
  const roles: Record<string, [string, string]> = {
    nurse: ['clinic-crm-nurse', 'nurse'],
    doctorA: ['clinic-crm-doctor', 'doctor'],
    doctorB: ['clinic-crm-doctor', 'doctor'],
    manager: ['clinic-crm-manager', 'management'],
    frontDesk: ['clinic-crm-front-desk', 'front_desk'],
  };
  for (const [who, [role, department]] of Object.entries(roles)) {
    const session = await adminSession(strapi, role, { preferedLanguage: 'en' });
    const member = await strapi.documents(UID('staff-member')).create({ data: staffData({ department, email: session.email, fullName: who }) });
    people[who] = { auth: session.auth, member };
  }
});
afterAll(() => stopStrapi(app));

const post = (who: string, url: string, body: unknown) => request(app.http).post(url).set(people[who].auth).send(body);
const decide = (who: string, documentId: string, body: Record<string, unknown>) => post(who, `/clinic-crm/approvals/${documentId}/decide`, body);
const ledgerKinds = async () => (await strapi.db.query(UID('ledger-entry')).findMany({ select: ['kind', 'subjectId'], orderBy: { seq: 'asc' } })) as Array<{ kind: string; subjectId: string }>;

describe('a second person approves as themselves', () => {
  it('a contraindication override: the nurse cannot name a doctor, requests one; only another signed-in doctor approves it; the consent uses it', async () => {
    const t = await publishTreatment(strapi, { contraindications: ['pregnancy'] });
    const client = await strapi.documents(UID('client')).create({ data: clientData({ pregnancyStatus: 'pregnant' }) });
    const sign = (who: string, extra: Record<string, unknown>) =>
      post(who, '/clinic-crm/consent-records/sign', { client: client.documentId, treatment: t.documentId, signerName: '王小姐', signatureImage: signaturePng(), ...extra });
    const consents = () => strapi.db.query(UID('consent-record')).count({ where: { client: { documentId: client.documentId } } });

    const byNurse = await sign('nurse', { contraindicationOverride: { doctor: people.doctorA.member.documentId, reason: '已會診婦產科，評估可進行' } });
    expect(byNurse.status).toBe(403);
    expect(pathsOf(byNurse)).toEqual(['contraindicationOverride']);
    const inAnotherName = await sign('doctorB', { contraindicationOverride: { doctor: people.doctorA.member.documentId, reason: '已會診婦產科，評估可進行' } });
    expect(inAnotherName.status).toBe(403);
    expect(pathsOf(inAnotherName)).toEqual(['contraindicationOverride.doctor']);
    expect(await consents()).toBe(0);

    const asked = await post('nurse', '/clinic-crm/approvals', { kind: 'contraindication_override', client: client.documentId, treatment: t.documentId, reason: '客戶已諮詢婦產科，希望醫師評估' });
    expect(asked.status).toBe(201);
    const approval = asked.body.data;
    expect(approval).toMatchObject({ approvalStatus: 'pending', details: { contraindications: ['pregnancy'] }, requestedBy: { documentId: people.nurse.member.documentId } });
    // both doctors are e-mailed the link, through the outbox; nobody else
    const mails = await strapi.db.query(UID('notification')).findMany({ where: { idempotencyKey: { $startsWith: `approval:${approval.documentId}:request` } }, select: ['recipientEmail', 'payload'] });
    expect(mails.map((m: any) => m.recipientEmail).sort()).toEqual([people.doctorA.member.email, people.doctorB.member.email].sort());
    expect(mails[0].payload.links.admin).toContain(`/plugins/clinic-crm/approvals/${approval.documentId}`);

    const own = await decide('nurse', approval.documentId, { decision: 'approve', note: '同意' });
    expect(own.status).toBe(403);
    expect(pathsOf(own)).toEqual(['decidedBy']);
    expect((await decide('manager', approval.documentId, { decision: 'approve', note: '同意進行' })).status).toBe(403);
    const named = await decide('doctorA', approval.documentId, { decision: 'approve', note: '評估後可進行', decidedBy: people.doctorB.member.documentId });
    expect(named.status).toBe(403);
    expect(pathsOf(named)).toEqual(['decidedBy']);
    expect((await strapi.db.query(UID('approval')).findOne({ where: { documentId: approval.documentId } })).approvalStatus).toBe('pending');

    const approved = await decide('doctorA', approval.documentId, { decision: 'approve', note: '療程部位遠離腹部，評估後風險可接受' });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ approvalStatus: 'approved', decidedBy: { documentId: people.doctorA.member.documentId } });
    expect(approved.body.data.decisionIp).toBeTruthy();
    expect((await decide('doctorB', approval.documentId, { decision: 'reject', note: '不同意此評估' })).status).toBe(400); // decided once

    const signed = await sign('nurse', { contraindicationOverride: { approval: approval.documentId } });
    expect(signed.status).toBe(201);
    const stored = await strapi.db.query(UID('consent-record')).findOne({ where: { documentId: signed.body.data.documentId }, populate: { witness: true } });
    expect(stored.contraindicationOverride).toMatchObject({ approval: approval.documentId, doctor: people.doctorA.member.documentId, reason: '療程部位遠離腹部，評估後風險可接受' });
    expect(stored.witness.documentId).toBe(people.nurse.member.documentId);
    const kinds = await ledgerKinds();
    expect(kinds).toEqual(expect.arrayContaining([
      { kind: 'approval_request', subjectId: approval.documentId },
      { kind: 'approval_decision', subjectId: approval.documentId },
      { kind: 'consent', subjectId: signed.body.data.documentId },
    ]));
  });

  it('a large refund: proposed by the front desk it waits for a manager, who approves it signed in; the approver is on the timeline', async () => {
    const c = await strapi.documents(UID('complaint')).create({ data: { contactName: '鄭女士', channel: 'walk_in', category: 'price_billing', description: '費用疑問', severity: 'low' } });
    const move = (who: string, body: Record<string, unknown>) => post(who, `/clinic-crm/complaints/${c.documentId}/transition`, body);
    expect((await move('frontDesk', { to: 'investigating' })).status).toBe(200);
    expect((await move('frontDesk', { to: 'resolution_proposed', resolution: { types: ['refund'], refundAmount: 50000, notes: '全額退費' } })).status).toBe(200);
    const pending = await strapi.db.query(UID('approval')).findOne({ where: { kind: 'refund', complaint: { documentId: c.documentId } } });
    expect(pending).toMatchObject({ approvalStatus: 'pending', details: { refundAmount: 50000 } });

    const named = await move('frontDesk', { to: 'resolution_executed', approvedBy: people.manager.member.documentId });
    expect(named.status).toBe(403);
    expect(pathsOf(named)).toEqual(['approvedBy']);
    const early = await move('frontDesk', { to: 'resolution_executed' });
    expect(early.status).toBe(400);
    expect(pathsOf(early)).toEqual(['approvedBy']);

    expect((await decide('manager', pending.documentId, { decision: 'approve' })).status).toBe(200);
    expect((await move('frontDesk', { to: 'resolution_executed' })).status).toBe(200);
    const events = await strapi.db.query(UID('complaint-event')).findMany({ where: { complaint: { documentId: c.documentId } }, select: ['note'] });
    expect(events.map((e: any) => e.note).join('\n')).toMatch(new RegExp(`refund approved by manager \\(${pending.referenceNumber}`));
  });
});

describe('the signed quote binds the treatment record', () => {
  it('refuses more than the quote, lets one record through with a manager’s price approval, refuses a record before its consent and a recorder named in the body', async () => {
    const t = await publishTreatment(strapi);
    const client = await strapi.documents(UID('client')).create({ data: clientData() });
    const consent = await signConsent(strapi, client, t); // NT$8,500, signed 30 days ago
    const record = (who: string, extra: Record<string, unknown> = {}) =>
      post(who, `${CM}/${UID('treatment-record')}`, { client: client.documentId, treatment: t.documentId, practitioner: people.nurse.member.documentId, performedAt: new Date().toISOString(), ...extra });
    const withAddOn = { priceSnapshot: JSON.stringify({ addOns: [{ code: 'numbing' }] }) };
    const records = () => strapi.db.query(UID('treatment-record')).count({ where: { client: { documentId: client.documentId } } });

    const over = await record('nurse', withAddOn);
    expect(over.status).toBe(400);
    expect(pathsOf(over)).toEqual(['priceSnapshot']);
    expect(over.body.error.message).toContain('NT$8,500');
    const early = await record('nurse', { performedAt: new Date(new Date(consent.signedAt).getTime() - 3_600_000).toISOString() });
    expect(early.status).toBe(400);
    expect(pathsOf(early)).toEqual(['performedAt']);
    const forged = await record('nurse', { recordedBy: people.manager.member.documentId });
    expect(forged.status).toBe(403);
    expect(pathsOf(forged)).toEqual(['recordedBy']);
    expect(await records()).toBe(0);

    const asked = await post('nurse', '/clinic-crm/approvals', { kind: 'price_change', consentRecord: consent.documentId, priceSnapshot: { addOns: [{ code: 'numbing' }] }, reason: '客戶當場加購麻醉藥膏' });
    expect(asked.status).toBe(201);
    expect(asked.body.data.details).toMatchObject({ quotedTotal: 8500, requestedTotal: 8800 });
    expect((await decide('nurse', asked.body.data.documentId, { decision: 'approve' })).status).toBe(403);
    expect((await decide('doctorA', asked.body.data.documentId, { decision: 'approve' })).status).toBe(403);
    expect((await decide('manager', asked.body.data.documentId, { decision: 'approve', note: '同意加購' })).status).toBe(200);

    const ok = await record('nurse', { ...withAddOn, priceApproval: asked.body.data.documentId });
    expect(ok.status).toBe(201);
    const saved = await strapi.db.query(UID('treatment-record')).findOne({ where: { documentId: ok.body.data.documentId }, populate: { priceApproval: true, recordedBy: true } });
    expect(saved.priceSnapshot.total).toBe(8800);
    expect(saved.priceApproval.documentId).toBe(asked.body.data.documentId);
    expect(saved.recordedBy.documentId).toBe(people.nurse.member.documentId);
    const again = await record('nurse', { ...withAddOn, priceApproval: asked.body.data.documentId });
    expect(again.status).toBe(400);
    expect(pathsOf(again)).toEqual(['priceApproval']);
    expect(await ledgerKinds()).toEqual(expect.arrayContaining([{ kind: 'quote', subjectId: ok.body.data.documentId }]));
  });

  it('keeps price history immutable on every path, Super Admin included', async () => {
    const t = await publishTreatment(strapi);
    const items = t.feeItems.map(({ id: _id, ...f }: any) => ({ ...f, amount: f.amount + 500 }));
    await strapi.documents(UID('treatment')).update({ documentId: t.documentId, locale: 'zh-Hant', data: { feeItems: items } });
    await strapi.documents(UID('treatment')).publish({ documentId: t.documentId, locale: 'zh-Hant' });
    const row = await strapi.db.query(UID('price-change')).findOne({ where: { treatmentDocumentId: t.documentId } });
    expect(row).toBeTruthy();
    const superAdmin = await adminSession(strapi);
    const put = await request(app.http).put(`${CM}/${UID('price-change')}/${row.documentId}`).set(superAdmin.auth).send({ changedBy: 'someone else' });
    expect(put.status).toBe(403);
    expect((await request(app.http).delete(`${CM}/${UID('price-change')}/${row.documentId}`).set(superAdmin.auth)).status).toBe(403);
    expect((await request(app.http).post(`${CM}/${UID('price-change')}`).set(superAdmin.auth).send({ treatmentDocumentId: 'x', treatmentLocale: 'zh-Hant', action: 'published', changedAt: new Date().toISOString(), changes: [] })).status).toBe(403);
    expect(await refusal(strapi.documents(UID('price-change')).delete({ documentId: row.documentId }))).toMatch(/permanent record/);
    // below the application too: the database refuses
    expect(await refusal(strapi.db.connection('crm_price_changes').where({ id: row.id }).update({ changed_by: 'x' }))).toMatch(/append-only/);
    expect((await strapi.db.query(UID('price-change')).findOne({ where: { id: row.id } })).changedBy).toBe(row.changedBy);
    expect(await ledgerKinds()).toEqual(expect.arrayContaining([{ kind: 'price_change', subjectId: String(row.id) }]));
  });
});

describe('the ledger shows any change made in the database', () => {
  const knex = () => strapi.db.connection;
  const T = 'crm_ledger_entries';
  const verify = (opts: Record<string, unknown> = {}) => svc('ledger-verify').verify({ rows: true, ...opts });
  /** What someone with the database owner's rights does first. */
  const dropTriggers = async () => {
    if (isPostgres()) await knex().raw(`DROP TRIGGER IF EXISTS ${T}_append_only ON ${T}`);
    else for (const t of ['no_update', 'no_delete']) await knex().raw(`DROP TRIGGER IF EXISTS ${T}_${t}`);
  };
  const entry = (seq: number) => knex()(T).where({ seq }).first();
  const cli = (args: string[] = []) =>
    new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, [path.join(APP_DIR, 'scripts', 'verify-ledger.js'), ...args], { cwd: APP_DIR, env: { ...process.env, STRAPI_LOG_LEVEL: 'error' }, timeout: 90_000 }, (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as any).code ?? 1) : 0, out: stdout + stderr })
      )
    );

  it('passes untouched; names the first broken entry after an edit, a delete, a reorder and an insert by SQL', async () => {
    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, firstBroken: null, changedRows: [], unsealedRows: [] });
    expect(intact.entries).toBeGreaterThan(10);
    const k = Math.floor(intact.entries / 2);
    expect(await refusal(knex()(T).where({ seq: k }).update({ kind: 'x' }))).toMatch(/append-only/);
    await dropTriggers();
    try {
      const original = await entry(k);
      // an edit: the subject of entry k
      await knex()(T).where({ seq: k }).update({ subject_id: 'forged' });
      expect((await verify()).firstBroken).toMatchObject({ seq: k, problem: 'mac' });
      const byCli = await cli();
      expect(byCli.code).toBe(1);
      expect(byCli.out).toContain(`BROKEN at entry ${k}`);
      await dropTriggers(); // the CLI's own start re-created them
      await knex()(T).where({ seq: k }).update({ subject_id: original.subject_id });
      // an edit of the sealed content alone
      await knex()(T).where({ seq: k }).update({ payload: JSON.stringify({ forged: true }) });
      expect((await verify()).firstBroken).toMatchObject({ seq: k, problem: 'payload' });
      await knex()(T).where({ seq: k }).update({ payload: original.payload });
      expect((await verify()).ok).toBe(true);

      // a delete
      await knex()(T).where({ seq: k }).del();
      expect((await verify()).firstBroken).toMatchObject({ seq: k + 1, problem: 'sequence' });
      await knex()(T).insert(original);
      // a reorder: entries k and k+1 swap places
      await knex()(T).where({ seq: k }).update({ seq: -1 });
      await knex()(T).where({ seq: k + 1 }).update({ seq: k });
      await knex()(T).where({ seq: -1 }).update({ seq: k + 1 });
      expect((await verify()).firstBroken).toMatchObject({ id: original.id, seq: k + 1, problem: 'sequence' });
      await knex()(T).where({ seq: k }).update({ seq: -1 });
      await knex()(T).where({ seq: k + 1 }).update({ seq: k });
      await knex()(T).where({ seq: -1 }).update({ seq: k + 1 });
      expect((await verify()).ok).toBe(true);

      // an insert: a forged entry after the head (without the key, its MAC cannot be right)
      const head = await svc('ledger').head();
      const last = await entry(head.seq);
      const { id: _id, document_id: _d, ...rest } = last;
      await knex()(T).insert({ ...rest, document_id: 'forged-entry-0000000000', seq: head.seq + 1, prev_mac: last.mac, mac: 'f'.repeat(64), subject_id: 'forged' });
      expect((await verify()).firstBroken).toMatchObject({ seq: head.seq + 1, problem: 'mac' });
      await knex()(T).where({ seq: head.seq + 1 }).del();
      expect((await verify()).ok).toBe(true);
    } finally {
      await svc('ledger').protectTables();
    }
  });

  it('names evidence changed or added behind it, checks an e-mailed head, and survives a key rotation', async () => {
    // the old attack: rewrite a signed consent's text and recompute its plain SHA-256
    const consent = await strapi.db.query(UID('consent-record')).findOne({ where: {}, orderBy: { id: 'asc' } });
    await knex()('crm_consent_records').where({ id: consent.id }).update({ rendered_text: `${consent.renderedText}（已修改）`, content_hash: 'a'.repeat(64) });
    const changed = await verify();
    expect(changed.ok).toBe(false);
    expect(changed.firstBroken).toBeNull(); // the chain itself is intact
    expect(changed.changedRows).toEqual([expect.objectContaining({ kind: 'consent', subjectId: consent.documentId })]);
    await knex()('crm_consent_records').where({ id: consent.id }).update({ rendered_text: consent.renderedText, content_hash: consent.contentHash });
    // an audit row inserted around the application is not in the chain
    const [{ id: auditId }] = await knex()('crm_audit_events')
      .insert({ document_id: 'forged-audit-00000000000', occurred_at: new Date(), actor: 'nobody', actor_type: 'system', action: 'read_health', target_type: UID('client'), fields: JSON.stringify([]) })
      .returning('id')
      .then((r: any[]) => r.map((x) => (typeof x === 'object' ? x : { id: x })));
    expect((await verify()).unsealedRows).toEqual([{ kind: 'audit', subjectId: String(auditId) }]);

    // the managers' daily head e-mail: once per day and manager; the head it carries is verifiable
    const sent = await svc('ledger').emailHead();
    expect(sent).toBe(1);
    expect(await svc('ledger').emailHead()).toBe(0);
    const mail = await strapi.db.query(UID('notification')).findOne({ where: { idempotencyKey: { $startsWith: 'ledger-head:' } } });
    const head = await svc('ledger').head();
    expect(mail.recipientEmail).toBe(people.manager.member.email);
    expect(mail.payload.reminder.body).toContain(`${head.seq}:${head.mac}`);
    expect((await verify({ rows: false, expect: { seq: head.seq, mac: head.mac } })).expectedHead).toMatchObject({ found: true });
    expect((await verify({ rows: false, expect: { seq: head.seq, mac: 'b'.repeat(64) } })).ok).toBe(false);

    // key rotation: a new active key seals new entries, the old one still verifies the old ones
    const original = strapi.config.get('plugin::clinic-crm.ledger');
    const k2 = `k2:${Buffer.alloc(32, 3).toString('base64')}`;
    try {
      strapi.config.set('plugin::clinic-crm.ledger', { ...original, keys: `${k2},${original.keys}`, activeKeyId: 'k2' });
      await strapi.documents(UID('client')).create({ data: clientData() }); // audited: sealed under k2
      expect((await svc('ledger').head()).keyId).toBe('k2');
      expect((await verify({ rows: false })).ok).toBe(true);
      // without the retired key, the entries it sealed cannot be verified: named, not passed
      strapi.config.set('plugin::clinic-crm.ledger', { ...original, keys: k2, activeKeyId: 'k2' });
      expect((await verify({ rows: false })).firstBroken).toMatchObject({ seq: 1, problem: 'key' });
    } finally {
      strapi.config.set('plugin::clinic-crm.ledger', original);
    }
  });
});
