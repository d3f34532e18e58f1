'use strict';
/**
 * Public complaint intake under load, for the benchmarks: `concurrency` clients submit complaints
 * back to back for `seconds`, each submission from its own address (X-Forwarded-For
 * `${ipPrefix}.x.y`, believed by an app with IS_PROXIED or by nginx trusting the sender), so the
 * per-address limit does not measure itself.
 *
 * submitComplaints({ url, seconds, concurrency, ipPrefix, categories }) →
 *   { attempted, accepted, refs, codes, perSecond, p50, p99, max }
 * `refs` are the reference numbers acknowledged with 201 (to look for in the database afterwards);
 * `codes` counts answers by status, and failures by kind (timeout, network).
 */
const REQUEST_TIMEOUT_MS = Number(process.env.BENCH_REQUEST_TIMEOUT_MS || 30_000);

const body = (n, category = 'other') =>
  JSON.stringify({ name: `負載測試 ${n}`, phone: '0911-000-000', category, description: `負載測試投訴 #${n},內容足夠長`, consentToContact: true });

async function submitComplaints({ url, seconds, concurrency = 10, ipPrefix = '10.0', categories = ['other'] }) {
  const latencies = [];
  const refs = [];
  const codes = {};
  let attempted = 0;
  const started = Date.now();
  const until = started + seconds * 1000;
  const count = (k) => (codes[k] = (codes[k] || 0) + 1);
  const client = async () => {
    while (Date.now() < until) {
      attempted += 1;
      const n = attempted;
      const t = Date.now();
      try {
        const res = await fetch(`${url}/api/clinic-crm/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `${ipPrefix}.${(n >> 8) & 255}.${n & 255}` },
          body: body(`${ipPrefix}-${n}`, categories[n % categories.length]),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        count(res.status);
        if (res.status === 201) refs.push((await res.json()).data.referenceNumber);
        else await res.arrayBuffer();
      } catch (e) {
        count(e.name === 'TimeoutError' ? 'timeout' : 'network');
      }
      latencies.push(Date.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    attempted,
    accepted: refs.length,
    refs,
    codes,
    perSecond: Math.round((refs.length / elapsed) * 10) / 10,
    p50: q(0.5),
    p99: q(0.99),
    max: latencies[latencies.length - 1] ?? 0,
  };
}

module.exports = { submitComplaints };
