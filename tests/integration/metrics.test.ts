/**
 * GET /api/clinic-crm/metrics: the Prometheus endpoint, against a real Strapi, database and SMTP
 * server. The exposition text is parsed here; nothing is mocked.
 */
import request from 'supertest';
import { bootStrapi, stopStrapi, Booted } from '../helpers/strapi';
import { Inbox } from '../helpers/smtp';
import { UID, staffData } from '../helpers/fixtures';

const TOKEN = 'test-metrics-token-0123456789';
const HOUR = 3_600_000;

let app: Booted;
let strapi: any;
let inbox: Inbox;
const svc = (name: string) => strapi.plugin('clinic-crm').service(name);

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format 0.0.4: `name{label="value",…} number` per line, `#` lines are HELP/TYPE. */
const parse = (text: string): Sample[] =>
  text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
      if (!m) throw new Error(`not an exposition line: ${line}`);
      const labels: Record<string, string> = {};
      for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
      return { name: m[1], labels, value: Number(m[3]) };
    });

const scrape = async () => {
  const res = await request(app.http).get('/api/clinic-crm/metrics').set('Authorization', `Bearer ${TOKEN}`);
  expect(res.status).toBe(200);
  return { text: res.text, samples: parse(res.text) };
};

/** The sum of a metric's samples whose labels include `where`. */
const sum = (samples: Sample[], name: string, where: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(where).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);

const has = (samples: Sample[], name: string) => samples.some((s) => s.name === name);

beforeAll(async () => {
  inbox = await Inbox.start();
  app = await bootStrapi({ SMTP_PORT: String(inbox.port), EMAIL_FROM: 'Clinic CRM <no-reply@clinic.test>', IS_PROXIED: 'true', CLINIC_CRM_METRICS_TOKEN: TOKEN });
  strapi = app.strapi;
  for (const [fullName, department] of [['林美君', 'front_desk'], ['吳俊賢', 'management']]) {
    await strapi.documents(UID('staff-member')).create({ data: staffData({ fullName, department }) });
  }
});
afterAll(async () => {
  await stopStrapi(app);
  await inbox.stop();
});

describe('GET /api/clinic-crm/metrics', () => {
  it('answers 401 without the bearer token, with a wrong one, or with another scheme', async () => {
    for (const auth of [undefined, 'Bearer wrong-token-0123456789', `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN]) {
      const req = request(app.http).get('/api/clinic-crm/metrics');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.text).not.toContain('clinic_crm_');
    }
  });

  it('serves the text format with the process metrics, prefixed', async () => {
    const res = await request(app.http).get('/api/clinic-crm/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers['cache-control']).toBe('no-store');
    const samples = parse(res.text);
    expect(sum(samples, 'clinic_crm_process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(has(samples, 'clinic_crm_nodejs_heap_size_used_bytes')).toBe(true);
  });

  it('after a complaint intake and a dispatch: latency by route template, outbox depth and age, sent counter', async () => {
    const before = (await scrape()).samples;
    const sentBefore = sum(before, 'clinic_crm_outbox_sent_total');

    const intake = await request(app.http)
      .post('/api/clinic-crm/complaints')
      .set('X-Forwarded-For', '203.0.113.7')
      .send({ data: { name: '周小姐', phone: '0912-345-678', email: 'chou@example.com', category: 'price_billing', description: '結帳時多收了一筆未告知的麻醉藥膏費用。', consentToContact: true } });
    expect(intake.status).toBe(201);
    // an id in a URL must never become a label: the histogram keeps the route's template
    await request(app.http).post('/api/clinic-crm/complaints/zz9secretdocid/transition').send({});

    const queued = await strapi.db.query(UID('notification')).count({ where: { deliveryStatus: 'pending' } });
    expect(queued).toBeGreaterThan(0);
    // the oldest message has been due for 10 minutes (as if the dispatcher had stalled)
    await strapi.db.query(UID('notification')).updateMany({ where: { deliveryStatus: 'pending' }, data: { nextAttemptAt: new Date(Date.now() - 10 * 60_000) } });

    const { text, samples } = await scrape();
    expect(sum(samples, 'clinic_crm_http_request_duration_seconds_count', { method: 'POST', route: '/api/clinic-crm/complaints', status_class: '2xx' })).toBe(1);
    expect(sum(samples, 'clinic_crm_http_request_duration_seconds_count', { method: 'POST', route: '/api/clinic-crm/complaints/:documentId/transition' })).toBe(1);
    expect(text).not.toContain('zz9secretdocid');
    expect(sum(samples, 'clinic_crm_outbox_pending_messages')).toBe(queued);
    expect(sum(samples, 'clinic_crm_outbox_due_messages')).toBe(queued);
    const age = sum(samples, 'clinic_crm_outbox_oldest_pending_age_seconds');
    expect(age).toBeGreaterThanOrEqual(600);
    expect(age).toBeLessThan(900);
    expect(sum(samples, 'clinic_crm_outbox_sending_messages')).toBe(0);
    // nothing private in labels or values: no names, e-mails or phone numbers
    for (const secret of ['周小姐', 'chou@example.com', '0912-345-678', '林美君', '@clinic']) expect(text).not.toContain(secret);

    await svc('dispatcher').drain();
    await inbox.waitFor(queued);

    const after = (await scrape()).samples;
    expect(sum(after, 'clinic_crm_outbox_sent_total') - sentBefore).toBe(queued);
    expect(sum(after, 'clinic_crm_outbox_pending_messages')).toBe(0);
    expect(sum(after, 'clinic_crm_outbox_due_messages')).toBe(0);
    expect(sum(after, 'clinic_crm_outbox_oldest_pending_age_seconds')).toBe(0);
    expect(sum(after, 'clinic_crm_outbox_failed_messages')).toBe(0);
    expect(sum(after, 'clinic_crm_outbox_send_failures_total')).toBe(0);
  });

  it('counts SLA warnings and breaches raised by the SLA job, and open complaints past due', async () => {
    // received 30 days ago and never answered: past its first-response deadline by the real clock
    const c = await strapi.documents(UID('complaint')).create({
      data: { contactName: '蔡先生', channel: 'phone', category: 'price_billing', description: '帳單疑問', severity: 'low', receivedAt: new Date(Date.now() - 30 * 24 * HOUR).toISOString() },
    });
    const row = await strapi.db.query(UID('complaint')).findOne({ where: { documentId: c.documentId } });
    const due = new Date(row.firstResponseDueAt).getTime();
    const first = { clock: 'first_response' };

    const before = (await scrape()).samples;
    expect(sum(before, 'clinic_crm_complaints_past_due', first)).toBe(1);
    expect(sum(before, 'clinic_crm_sla_breaches_total', first)).toBe(0);
    expect(sum(before, 'clinic_crm_sla_warnings_total', first)).toBe(0);

    // the SLA job, on an injected clock (as in complaints.test.ts)
    await svc('complaints').checkSla(new Date(due - HOUR)); // within the 2 h warning window
    await svc('complaints').checkSla(new Date(due + 60_000)); // breach → escalation
    await svc('complaints').checkSla(new Date(due + 2 * HOUR)); // handled already: not counted again

    const after = (await scrape()).samples;
    expect(sum(after, 'clinic_crm_sla_warnings_total', first)).toBe(1);
    expect(sum(after, 'clinic_crm_sla_breaches_total', first)).toBe(1);
    expect(sum(after, 'clinic_crm_sla_breaches_total', { clock: 'resolution' })).toBe(0);
    expect(sum(after, 'clinic_crm_complaints_past_due', first)).toBe(1);
    expect(sum(after, 'clinic_crm_metrics_collect_errors_total')).toBe(0);
  });

  it('counts failed attempts and dead letters while the SMTP server is down', async () => {
    const queued = await strapi.db.query(UID('notification')).count({ where: { deliveryStatus: 'pending' } });
    expect(queued).toBeGreaterThan(0); // the SLA warning and escalation above
    const before = (await scrape()).samples;
    const dispatch = strapi.config.get('plugin::clinic-crm.dispatch');
    // one attempt only: the first failure is final
    strapi.config.set('plugin::clinic-crm.dispatch', { ...dispatch, retry: { ...dispatch.retry, maxAttempts: 1 } });
    await inbox.stop();
    try {
      await svc('dispatcher').drain();
    } finally {
      strapi.config.set('plugin::clinic-crm.dispatch', dispatch);
      await inbox.listen();
    }
    const after = (await scrape()).samples;
    const delta = (name: string) => sum(after, name) - sum(before, name);
    expect(delta('clinic_crm_outbox_send_failures_total')).toBe(queued);
    expect(delta('clinic_crm_outbox_dead_letters_total')).toBe(queued);
    expect(delta('clinic_crm_outbox_sent_total')).toBe(0);
    expect(sum(after, 'clinic_crm_outbox_failed_messages')).toBe(queued);
    expect(sum(after, 'clinic_crm_outbox_failed_messages', { template: 'complaint_escalated' })).toBeGreaterThan(0);
    expect(sum(after, 'clinic_crm_outbox_pending_messages')).toBe(0);
  });
});
