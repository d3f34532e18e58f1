'use strict';
/**
 * Price-table readers for bench:load, in a process of their own: autocannon at ~2,500 requests/s keeps
 * an event loop busy, and the complaint submitters measured beside it would otherwise wait for that
 * loop (their latency would include the load generator's own lag, not only the server's).
 * `read({ url, connections, duration })` forks this file, which reads the public price table in the
 * three locales, each request from its own X-Forwarded-For address (the per-address read limit would
 * otherwise measure itself), and resolves autocannon's figures.
 */
const { fork } = require('child_process');

const read = (options) =>
  new Promise((resolve, reject) => {
    const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result = null;
    child.on('message', (m) => (result = m));
    child.on('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`price-table readers exited ${code}`))));
    child.send(options);
  });

if (require.main === module) {
  process.once('message', async ({ url, connections, duration, ipPrefix = 10 }) => {
    const autocannon = require('autocannon');
    const locales = ['zh-Hant', 'zh-Hans', 'en'];
    let n = 0;
    const r = await autocannon({
      url,
      connections,
      duration,
      timeout: 30,
      requests: [
        {
          setupRequest: (req) => {
            n += 1;
            const ip = `${ipPrefix}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
            return { ...req, method: 'GET', path: `/api/clinic-crm/price-table?locale=${locales[n % 3]}`, headers: { 'accept-encoding': 'gzip, br', 'x-forwarded-for': ip } };
          },
        },
      ],
    });
    process.send({ requests: { total: r.requests.total, average: r.requests.average }, latency: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max }, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx }, () => process.exit(0));
  });
}

module.exports = { read };
