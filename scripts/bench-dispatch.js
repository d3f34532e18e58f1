'use strict';
/**
 * npm run bench:dispatch (PostgreSQL)
 * 1. Task-creation cost: creates BENCH_RECORDS (10,000) treatment records through the document
 *    service — each schedules 8 follow-up tasks and 8 outbox rows — and prints the time per
 *    block of 1,000, so growth from 1k to 10k records can be read off (constant = linear total).
 * 2. Dispatch: 10,000 due notifications, 2 Strapi instances (separate processes, production mode)
 *    sending to a real SMTP server on 127.0.0.1. Prints messages/s, duplicates and lost messages
 *    at the receiver, and each instance's peak RSS.
 */
const path = require('path');
const crypto = require('crypto');
const { fork } = require('child_process');
const { SMTPServer } = require('smtp-server');
const { compile, freshDatabase, withStrapi, productionEnv, rssMb } = require('./lib/bench-app');

const RECORDS = Number(process.env.BENCH_RECORDS || 10_000);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS || 10_000);
const INSTANCES = Number(process.env.BENCH_INSTANCES || 2);
const BLOCK = 1000;
/** No wait in this bench is longer: the dispatch phase ends by then, whatever happened. */
const DEADLINE_MS = Number(process.env.BENCH_DEADLINE_MS || 600_000);

const documentId = () => crypto.randomBytes(18).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x').slice(0, 24);

async function taskCreation(strapi) {
  const T = (n) => `plugin::clinic-crm.${n}`;
  const staff = {};
  for (const d of ['front_desk', 'beautician', 'nurse', 'doctor', 'management']) {
    staff[d] = await strapi.documents(T('staff-member')).create({ data: { fullName: d, email: `${d}@bench.test`, department: d, isActive: true } });
  }
  const client = await strapi.documents(T('client')).create({ data: { clientNumber: 'C-BENCH', fullName: '周小姐', phone: '0912-345-678' } });
  const treatment = await strapi.documents(T('treatment')).create({
    locale: 'zh-Hant',
    status: 'published',
    data: { name: '皮秒雷射', slug: 'bench-pico', category: 'laser', feeItems: [{ code: 'laser', label: '皮秒', kind: 'included', amount: 8000, unit: 'per_session' }] },
  });
  await strapi.documents(T('consent-template')).create({
    status: 'published',
    data: { title: '同意書', templateKey: 'bench', language: 'zh-Hant', version: 1, body: '本人 {{client.fullName}} 同意「{{treatment.name}}」,合計 {{price.total}} {{price.currency}}。', treatment: treatment.documentId },
  });
  await strapi.documents(T('consent-record')).create({ data: { client: client.documentId, treatment: treatment.documentId, signerName: '周小姐' } });
  const blocks = [];
  const started = Date.now();
  let blockStart = Date.now();
  for (let i = 1; i <= RECORDS; i += 1) {
    await strapi.documents(T('treatment-record')).create({
      data: {
        recordNumber: `TR-B-${i}`,
        client: client.documentId,
        treatment: treatment.documentId,
        practitioner: staff.beautician.documentId,
        performedAt: new Date(Date.UTC(2027, 0, 1) + i * 60_000).toISOString(),
      },
    });
    if (i % BLOCK === 0) {
      const ms = Date.now() - blockStart;
      blocks.push({ upTo: i, ms });
      console.log(`[bench] records ${i - BLOCK + 1}–${i}: ${(ms / 1000).toFixed(1)} s (${(ms / BLOCK).toFixed(1)} ms/record)`);
      blockStart = Date.now();
    }
  }
  const tasks = await strapi.db.query(T('follow-up-task')).count();
  return { blocks, totalMs: Date.now() - started, tasks };
}

async function enqueueDue(strapi) {
  const knex = strapi.db.connection;
  const now = new Date();
  const rows = [];
  for (let i = 0; i < NOTIFICATIONS; i += 1) {
    rows.push({
      document_id: documentId(),
      idempotency_key: `bench:${i}`,
      recipient_email: `staff${i % 20}@clinic.test`,
      template: 'follow_up_due',
      language: ['zh-Hant', 'zh-Hans', 'en'][i % 3],
      payload: JSON.stringify({ assignee: { name: `Staff ${i % 20}` }, client: { name: `客戶${i}`, phone: '0912-000-000' }, treatment: { name: '皮秒雷射' }, record: { performedLocal: '2026-11-23 15:00' }, step: { label: '術後24小時', channelLabel: '電話' }, task: { purpose: '確認有無紅腫、疼痛', dueLocal: '2026-11-24 15:00' }, links: { task: 'http://localhost:1337/admin' } }),
      delivery_status: 'pending',
      attempts: 0,
      next_attempt_at: new Date(now.getTime() - 1000),
      created_at: now,
      updated_at: now,
      published_at: now,
    });
  }
  for (let i = 0; i < rows.length; i += 500) await knex('crm_notifications').insert(rows.slice(i, i + 500));
}

function startSmtp() {
  const received = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, cb) {
      let head = '';
      stream.on('data', (d) => {
        if (head.length < 8192) head += d.toString('utf8');
      });
      stream.on('end', () => {
        const m = /^Message-ID:\s*(<[^>]+>)/im.exec(head);
        received.push(m ? m[1] : '');
        cb();
      });
    },
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: server.server.address().port, received })));
}

(async () => {
  if (process.env.DATABASE_CLIENT !== 'postgres') throw new Error('bench:dispatch runs on PostgreSQL (use npm run bench:dispatch)');
  const db = await freshDatabase('dispatch');
  const smtp = await startSmtp();
  try {
    console.log('[bench] compiling…');
    await compile();
    console.log(`[bench] task creation: ${RECORDS} treatment records, 8 follow-up steps each…`);
    const creation = await withStrapi(db.env, async (strapi) => {
      const c = await taskCreation(strapi);
      // the seeding instance sends nothing: only the measured instances may claim the outbox
      await strapi.plugin('clinic-crm').service('dispatcher').stop();
      console.log(`[bench] enqueueing ${NOTIFICATIONS} due notifications…`);
      await enqueueDue(strapi);
      return c;
    });

    console.log(`[bench] dispatching with ${INSTANCES} instances…`);
    const env = productionEnv(db.env, {
      SMTP_PORT: String(smtp.port),
      SMTP_MAX_CONNECTIONS: '10',
      CLINIC_CRM_DISPATCH_BATCH: '100',
      CLINIC_CRM_DISPATCH_CONCURRENCY: '10',
      EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>',
      WORKER_IDLE_MS: '2000',
      WORKER_DEADLINE_MS: String(DEADLINE_MS),
      // each instance sends 10 at a time and claims/settles beside them
      DATABASE_POOL_MAX: '20',
    });
    const workers = Array.from({ length: INSTANCES }, () => fork(path.join(__dirname, 'lib', 'dispatch-worker.js'), [], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
    const killWorkers = setTimeout(() => workers.forEach((w) => w.exitCode === null && w.kill('SIGKILL')), DEADLINE_MS + 60_000);
    killWorkers.unref();
    const peak = new Map();
    const results = await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve, reject) => {
            let totals = null;
            w.on('message', (m) => {
              if (m.type === 'ready') resolve.ready = Date.now();
              if (m.type === 'done') totals = m.totals;
            });
            // a failed instance is reported with the figures, not by hanging the bench
            w.on('exit', (code, signal) => resolve(code === 0 ? totals : { failed: `exited ${code ?? signal}` }));
          })
      ).concat([
        (async () => {
          // wait until the first message arrives, then time until the last one
          const sampler = setInterval(() => workers.forEach((w) => peak.set(w.pid, Math.max(peak.get(w.pid) ?? 0, rssMb(w.pid) ?? 0))), 200);
          const deadline = Date.now() + DEADLINE_MS;
          const running = () => workers.some((w) => w.exitCode === null && w.signalCode === null);
          while (smtp.received.length === 0 && Date.now() < deadline && running()) await new Promise((r) => setTimeout(r, 5));
          const first = Date.now();
          while (new Set(smtp.received).size < NOTIFICATIONS && Date.now() < deadline && running()) await new Promise((r) => setTimeout(r, 10));
          const last = Date.now();
          clearInterval(sampler);
          return { first, last };
        })(),
      ])
    );
    const timing = results.pop();
    const total = smtp.received.length;
    const distinct = new Set(smtp.received).size;
    const seconds = (timing.last - timing.first) / 1000;

    console.log(`\ndispatch benchmark — PostgreSQL, ${INSTANCES} instances (production mode), real SMTP server on 127.0.0.1`);
    console.log(`notifications: ${NOTIFICATIONS}   received: ${total}   distinct Message-IDs: ${distinct}`);
    console.log(`duplicates: ${total - distinct}   lost: ${NOTIFICATIONS - distinct}`);
    console.log(`throughput: ${(distinct / seconds).toFixed(0)} messages/s over ${seconds.toFixed(1)} s (goal ≥ 200)`);
    clearTimeout(killWorkers);
    results.forEach((r, i) => console.log(`instance ${i + 1}: ${r?.failed ? `FAILED (${r.failed})` : `sent ${r?.sent ?? '?'}`}, peak RSS ${peak.get(workers[i].pid) ?? '?'} MB (goal ≤ 500 MB)`));
    if (NOTIFICATIONS - distinct > 0 || total - distinct > 0 || results.some((r) => r?.failed)) process.exitCode = 1;
    console.log(`\ntask creation — ${RECORDS} treatment records (${creation.tasks} tasks), time per block of ${BLOCK}:`);
    for (const b of creation.blocks) console.log(`  up to ${String(b.upTo).padStart(6)} records: ${(b.ms / BLOCK).toFixed(1)} ms/record`);
    const first = creation.blocks[0]?.ms;
    const lastBlock = creation.blocks[creation.blocks.length - 1]?.ms;
    if (first && lastBlock) console.log(`  last block / first block = ${(lastBlock / first).toFixed(2)} (≈1 means the total grows linearly)`);
  } finally {
    smtp.server.close();
    await db.drop();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
