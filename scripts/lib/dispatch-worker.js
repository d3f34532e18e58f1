'use strict';
/**
 * A second (third…) Strapi instance for the multi-instance tests and bench:dispatch: boots the compiled app
 * against the database in its environment and drains the outbox until it has been idle for
 * WORKER_IDLE_MS with nothing left pending or being sent by anyone (or WORKER_DEADLINE_MS has
 * passed), then prints its totals as JSON and exits. Killed with SIGKILL in one test.
 */
const path = require('path');

const APP_DIR = path.resolve(__dirname, '..', '..');
const idleMs = Number(process.env.WORKER_IDLE_MS || 1500);
const deadline = Date.now() + Number(process.env.WORKER_DEADLINE_MS || 600_000);

/** Rows someone has to send now: pending and due, or claimed by an instance that may have died (lease). */
const outstanding = async (strapi) => {
  // SQLite keeps Strapi datetimes as epoch milliseconds, Postgres as timestamps
  const now = strapi.db.dialect.client === 'postgres' ? new Date() : Date.now();
  const [{ n }] = await strapi.db
    .connection('crm_notifications')
    .where((q) => q.where('delivery_status', 'pending').andWhere('next_attempt_at', '<=', now))
    .orWhere('delivery_status', 'sending')
    .count({ n: '*' });
  return Number(n);
};

(async () => {
  const { createStrapi } = require('@strapi/strapi');
  const strapi = await createStrapi({ appDir: APP_DIR, distDir: path.join(APP_DIR, 'dist') }).load();
  const dispatcher = strapi.plugin('clinic-crm').service('dispatcher');
  process.send?.({ type: 'ready', workerId: dispatcher.workerId });
  // Optionally start together with the others (the parent sends 'go' once every instance is
  // loaded): otherwise the first instance up may drain the whole queue before the next one loads.
  if (process.env.DISPATCH_WORKER_WAIT_FOR_GO === 'true') {
    await new Promise((resolve) => process.on('message', (m) => m && m.type === 'go' && resolve()));
  }
  const totals = { claimed: 0, sent: 0, failed: 0 };
  let idleSince = Date.now();
  while (Date.now() < deadline && (Date.now() - idleSince < idleMs || (await outstanding(strapi)) > 0)) {
    const r = await dispatcher.runOnce();
    totals.claimed += r.claimed;
    totals.sent += r.sent;
    totals.failed += r.failed;
    if (r.claimed > 0) idleSince = Date.now();
    else await new Promise((res) => setTimeout(res, 50));
  }
  process.send?.({ type: 'done', totals, workerId: dispatcher.workerId });
  await strapi.destroy();
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
