import { z } from 'zod';
import type { Language } from '../core/i18n/locales';
import { say } from '../core/http/language';
import { fieldError } from '../core/http/validation-errors';

const SIGN_FIELDS = new Set(['client', 'treatment', 'language', 'consentTemplate', 'priceSnapshot', 'signerName', 'witness', 'contraindicationOverride', 'clientDevice', 'signatureImage']);

const SAY = {
  signature: {
    'zh-Hant': '請客戶在簽名區親筆簽名。',
    'zh-Hans': '请客户在签名区亲笔签名。',
    en: 'The client signs by hand in the signature area.',
  },
};

/** The request body: `{ data: {…} }` or the fields themselves. */
export const signBody = (body: unknown): Record<string, unknown> => {
  const b = (body ?? {}) as { data?: unknown };
  const input = b.data && typeof b.data === 'object' ? b.data : b;
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw fieldError('data', 'body must be an object');
  return input as Record<string, unknown>;
};

/**
 * POST …/consent-records/sign — only what the signer chooses; the rest (text, price, hash, time)
 * is the server's. The records named and the values are checked by the consent service on every
 * path (document middleware).
 */
export const signSchema = z
  .record(z.string(), z.unknown())
  .superRefine((input, c) => {
    const extra = Object.keys(input).find((key) => !SIGN_FIELDS.has(key));
    if (extra !== undefined) {
      c.addIssue({ code: 'custom', path: [extra], message: `${extra} cannot be set when signing (the server fills it)` });
      return;
    }
    if (input.clientDevice !== undefined && (typeof input.clientDevice !== 'string' || input.clientDevice.length > 300)) {
      c.addIssue({ code: 'custom', path: ['clientDevice'], message: 'clientDevice must be text of at most 300 characters' });
    }
  });
export type SignInput = z.output<typeof signSchema>;

/** On the staff screen the client draws the signature: it is required there. */
export const drawnSignatureSchema = (language: Language) =>
  z.looseObject({
    signatureImage: z.unknown().refine((v) => v !== undefined && v !== null && v !== '', { message: say(language, SAY.signature) }),
  });
