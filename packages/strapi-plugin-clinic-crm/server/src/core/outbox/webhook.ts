import { createHmac, randomBytes, timingSafeEqual } from 'crypto';

/**
 * Signed webhooks, the pure part: URL rules, which notices a channel takes, the idempotency keys of
 * the webhook rows derived from the e-mail's key, the body (private data left out) and its signature.
 */

export const WEBHOOK_HEADERS = {
  timestamp: 'X-ClinicCRM-Timestamp',
  idempotencyKey: 'X-ClinicCRM-Idempotency-Key',
  signature: 'X-ClinicCRM-Signature',
} as const;

/** A receiver refuses a delivery whose timestamp is further than this from its own clock (replays). */
export const REPLAY_WINDOW_SECONDS = 300;

export type UrlProblem = 'invalid' | 'httpsRequired' | 'credentials';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Why a target URL is refused: https only, except http to a loopback address outside production. */
export const urlProblem = (raw: unknown, options: { production: boolean }): UrlProblem | null => {
  if (typeof raw !== 'string' || raw.trim() === '' || raw.length > 2000) return 'invalid';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'invalid';
  }
  if (url.username || url.password) return 'credentials';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && !options.production && LOOPBACK.test(url.hostname)) return null;
  return url.protocol === 'http:' ? 'httpsRequired' : 'invalid';
};

/** A new signing secret: 32 random bytes, `whsec_` + base64url. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

/** What may identify a secret on screen: its last four characters. */
export const secretHint = (secret: string) => `…${secret.slice(-4)}`;

/** Templates that are urgent by nature; any notice can also say so itself (`urgent: true` on the enqueue or in its payload). */
export const URGENT_TEMPLATES = new Set(['complaint_escalated', 'complaint_sla_warning', 'follow_up_overdue']);

export const isUrgent = (template: string, payload: Record<string, unknown> | undefined, flagged?: boolean): boolean =>
  flagged === true ||
  URGENT_TEMPLATES.has(template) ||
  /(^|_)(page|paging|on_call|urgent)(_|$)/.test(template) ||
  payload?.urgent === true ||
  payload?.priority === 'urgent';

export type NoticeKinds = 'all' | 'urgent';
export const takesNotice = (kinds: NoticeKinds | string | null | undefined, urgent: boolean) => (kinds === 'urgent' ? urgent : true);

/**
 * The notice's key without its recipient: fan-out callers key each e-mail `<notice>:<staff documentId>`
 * (or pass `notice`, as mailStaff does); a department channel gets the notice once, keyed on this. A
 * numeric id suffix is not stripped (`task:7` could be task 7 to staff member 7): such callers pass `notice`.
 */
export const noticeKeyOf = (key: string, recipient: { documentId?: string | null } | null | undefined): string => {
  const suffix = recipient?.documentId;
  return suffix && key.endsWith(`:${suffix}`) && key.length > suffix.length + 1 ? key.slice(0, -(suffix.length + 1)) : key;
};

export const webhookKey = (baseKey: string, channelDocumentId: string) => `${baseKey}:webhook:${channelDocumentId}`;

/**
 * Payload keys that never leave the clinic in a webhook's `data`: health data (what a task asks,
 * a recall's reason and records, treatments, notes) and a client's contact details. The rendered
 * `text` is the staff member's own e-mail; `data` is for a bridge to format, so it carries less.
 */
const PRIVATE_KEYS = new Set([
  'purpose', 'reason', 'records', 'treatment', 'treatments', 'notes', 'outcomeNotes', 'description', 'allergies', 'medications',
  'medicalConditions', 'pregnancyStatus', 'priorTreatments', 'contraindications', 'diagnosis', 'health', 'phone', 'email',
  'dateOfBirth', 'address', 'nationalId', 'tasks',
]);

export const publicData = (value: unknown, depth = 0): unknown => {
  if (depth > 8) return null;
  if (Array.isArray(value)) return value.map((v) => publicData(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (PRIVATE_KEYS.has(k) || (k === 'links' && depth === 0)) continue;
      out[k] = publicData(v, depth + 1);
    }
    return out;
  }
  return value;
};

export interface WebhookBody {
  id: string;
  type: string;
  occurredAt: string;
  language: string;
  subject: string;
  text: string;
  data: unknown;
  links: Record<string, unknown>;
}

export const webhookBody = (input: { key: string; template: string; occurredAt: Date; language: string; subject: string; text: string; payload: Record<string, unknown> }): WebhookBody => {
  const links = input.payload.links && typeof input.payload.links === 'object' ? (input.payload.links as Record<string, unknown>) : {};
  return { id: input.key, type: input.template, occurredAt: input.occurredAt.toISOString(), language: input.language, subject: input.subject, text: input.text, data: publicData(input.payload), links };
};

/** `sha256=` + hex HMAC-SHA256 of `<timestamp>.<body>` under the channel's secret. */
export const signature = (secret: string, timestamp: number | string, body: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** What a receiver does: the signature matches, and the timestamp is within the replay window of its clock. */
export const verifySignature = (input: { secret: string; timestamp: string | undefined; body: string; signature: string | undefined; nowSeconds?: number }): boolean => {
  const ts = Number(input.timestamp);
  if (!input.timestamp || !Number.isInteger(ts) || !input.signature) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > REPLAY_WINDOW_SECONDS) return false;
  const expected = Buffer.from(signature(input.secret, input.timestamp, input.body));
  const given = Buffer.from(input.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
};
