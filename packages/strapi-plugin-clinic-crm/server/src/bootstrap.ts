import type { Core } from '@strapi/strapi';
import { hardenDatabase } from './core/database';
import { backgroundWork } from './core/background';
import { startPriceTableSync } from './pricing/price-table-sync';
import { KNOWN_CONTRAINDICATIONS } from './clients/domain/contraindications';
import { getConfig, getService, PLUGIN_ID, UID } from './core/plugin';

/** Admin-panel permissions this plugin adds (Super Admin gets them; other roles are granted them in Settings → Roles). */
export const ADMIN_ACTIONS = [
  {
    section: 'plugins',
    displayName: 'Read price history',
    uid: 'price-history.read',
    pluginName: PLUGIN_ID,
  },
  { section: 'plugins', displayName: 'Complete follow-up tasks', uid: 'follow-up.complete', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Manage the email outbox', uid: 'outbox.manage', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Handle complaints (transitions, pauses, satisfaction)', uid: 'complaints.manage', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Read complaint analytics', uid: 'complaints.analytics', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Record signed consents', uid: 'consents.sign', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Record treatments performed (desk screen)', uid: 'records.create', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Verify and print consents', uid: 'consents.read', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Acknowledge SOPs', uid: 'sops.acknowledge', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'See SOP acknowledgements and overdue reviews', uid: 'sops.manage', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Open the CRM dashboard', uid: 'dashboard.read', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Verify the evidence ledger', uid: 'ledger.verify', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Request and decide approvals (overrides, price changes, large refunds)', uid: 'approvals.use', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Open client timelines', uid: 'clients.timeline', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Register clients (desk screen: generated number, duplicate check)', uid: 'clients.register', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'See and complete my own tasks', uid: 'tasks.mine', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Preview the public price table', uid: 'price-table.preview', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Import clients from CSV', uid: 'clients.import', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Export complaints and tasks as CSV', uid: 'data.export', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Read the audit trail', uid: 'audit.read', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Product-batch recall: find the records that used a batch, open check-up tasks', uid: 'recalls.manage', pluginName: PLUGIN_ID },
  { section: 'plugins', displayName: 'Export or erase a client’s personal data (GDPR/PDPA)', uid: 'clients.gdpr', pluginName: PLUGIN_ID },
];

/**
 * Staff accounts are created by administrators: public self-registration (on by default in
 * users-permissions) is switched off once, on first boot. An administrator may turn it back on in
 * Settings → Users & Permissions → Advanced settings, and that choice is then kept.
 */
const lockPublicRegistration = async (strapi: Core.Strapi) => {
  const marker = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'registration-locked' });
  if (await marker.get({})) return;
  const advanced = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'advanced' });
  const settings = ((await advanced.get({})) as Record<string, unknown>) ?? {};
  await advanced.set({ value: { ...settings, allow_register: false } });
  await marker.set({ value: true });
};

/**
 * A treatment saved before codes were checked may carry one the table does not know: it now gates
 * every client (fail closed) until corrected. Say so at start, naming the treatments.
 */
const warnUnknownContraindications = async (strapi: Core.Strapi) => {
  const rows = (await strapi.db.query(UID.treatment).findMany({ select: ['slug', 'locale', 'contraindications'] })) as Array<{ slug: string; locale: string | null; contraindications: unknown }>;
  const unknown = rows
    .map((r) => ({ slug: r.slug, codes: (Array.isArray(r.contraindications) ? r.contraindications : []).filter((c: unknown) => typeof c !== 'string' || !KNOWN_CONTRAINDICATIONS.includes(c)) }))
    .filter((r) => r.codes.length > 0);
  const bySlug = new Map(unknown.map((r) => [r.slug, r.codes]));
  for (const [slug, codes] of bySlug) {
    strapi.log.warn(`[clinic-crm] treatment "${slug}" lists unknown contraindication codes ${JSON.stringify(codes)}: every client needs a doctor's override for it until they are corrected (known: ${KNOWN_CONTRAINDICATIONS.join(', ')})`);
  }
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  // before anything reads or writes a client: health fields are ciphertext at rest
  getService(strapi, 'encryption').install();
  hardenDatabase(strapi, getConfig(strapi).shutdownTimeoutMs);
  // every instance hears the others' price changes (Postgres LISTEN/NOTIFY)
  startPriceTableSync(strapi);
  await getService(strapi, 'audit').protectTable();
  await getService(strapi, 'ledger').protectTables();
  // evidence written before the ledger existed is sealed once (an upgrade); a new database has none
  const sealed = await getService(strapi, 'ledger').backfill();
  if (sealed > 0) strapi.log.info(`[clinic-crm] evidence ledger: sealed ${sealed} existing rows`);
  await strapi.service('admin::permission').actionProvider.registerMany(ADMIN_ACTIONS);
  await getService(strapi, 'locales').ensure();
  await lockPublicRegistration(strapi);
  await getService(strapi, 'complaints').ensureDefaultRules();
  await getService(strapi, 'calendar').refresh();
  if (getConfig(strapi).seedDemoData) {
    await getService(strapi, 'seed').run();
  }
  // one price in every language, also for treatments written before prices were aligned: once
  // (every write path keeps them aligned since), again at the next start if one could not be
  const aligned = strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'prices-aligned' });
  if (!(await aligned.get({})) && (await getService(strapi, 'price-alignment').alignAll())) await aligned.set({ value: true });

  await warnUnknownContraindications(strapi);

  // Scheduled jobs run on every instance (config server.cron.enabled / CLINIC_CRM_CRON_ENABLED);
  // each claims its work atomically in the database, so running them everywhere is safe.
  const { dispatch, followUps } = getConfig(strapi);
  const background = backgroundWork(strapi);
  strapi.cron.add({
    'clinic-crm-dispatch': {
      task: () => background.run('dispatcher', () => getService(strapi, 'dispatcher').drain()),
      options: { rule: dispatch.rule },
    },
    'clinic-crm-follow-up-digest': {
      task: () => background.run('digest', () => getService(strapi, 'follow-ups').sendDigests()),
      options: { rule: followUps.digestRule, tz: getConfig(strapi).timeZone },
    },
    'clinic-crm-complaint-sla': {
      task: () => background.run('complaint SLA', () => getService(strapi, 'complaints').checkSla()),
      options: { rule: getConfig(strapi).complaints.rule },
    },
    // urgent pages: the backup, then management, when a page stays unacknowledged (every minute, any hour)
    'clinic-crm-urgent-pages': {
      task: () => background.run('urgent pages', () => getService(strapi, 'urgent-pages').checkPages()),
      options: { rule: getConfig(strapi).onCall.rule },
    },
    'clinic-crm-sop-review': {
      task: () => background.run('SOP review', () => getService(strapi, 'sops').remindOverdueReviews()),
      options: { rule: '0 9 * * *', tz: getConfig(strapi).timeZone },
    },
    'clinic-crm-operations': {
      task: () => background.run('operations', () => getService(strapi, 'operations').checkDue()),
      options: { rule: '0 8 * * *', tz: getConfig(strapi).timeZone },
    },
    'clinic-crm-retention-purge': {
      task: () => background.run('retention purge', () => getService(strapi, 'privacy').purgeExpired()),
      options: { rule: '30 3 * * *', tz: getConfig(strapi).timeZone },
    },
    'clinic-crm-ledger-head': {
      task: () => background.run('ledger head', () => getService(strapi, 'ledger').emailHead()),
      options: { rule: getConfig(strapi).ledger.headRule, tz: getConfig(strapi).timeZone },
    },
    'clinic-crm-follow-up-escalation': {
      task: () => background.run('escalation', () => getService(strapi, 'follow-ups').escalateOverdue()),
      options: { rule: followUps.rule },
    },
  });
};
