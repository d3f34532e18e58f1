import type { Core } from '@strapi/strapi';
import { DEFAULT_CLAIM_PHRASES, findClaims } from './domain/claims';
import { fieldErrors } from '../core/http/validation-errors';
import { UID, getConfig } from '../core/plugin';

/** A treatment or SOP version whose public text is checked (the document service's shape). */
export interface ClaimDoc {
  feeItems?: Array<{ label?: string | null; note?: string | null } | null> | null;
  coursePackages?: Array<{ label?: string | null; note?: string | null } | null> | null;
  isPublic?: boolean | null;
  title?: unknown;
  body?: unknown;
  [field: string]: unknown;
}

const TREATMENT_PUBLIC_FIELDS = [
  'name',
  'summary',
  'description',
  'procedureSummary',
  'expectedEffect',
  'recoveryPeriod',
  'risksAndSideEffects',
] as const;

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  phrases(): string[] {
    const config = getConfig(strapi);
    return [...(config.claimPhrases ?? DEFAULT_CLAIM_PHRASES), ...(config.extraClaimPhrases ?? [])];
  },

  /** The text a document shows the public, by field name; empty when nothing of it is public. */
  publicText(uid: string, doc: ClaimDoc): Record<string, unknown> {
    if (uid === UID.treatment) {
      const out: Record<string, unknown> = {};
      for (const f of TREATMENT_PUBLIC_FIELDS) out[f] = doc[f];
      (doc.feeItems ?? []).forEach((item, i) => {
        out[`feeItems[${i}].label`] = item?.label;
        out[`feeItems[${i}].note`] = item?.note;
      });
      (doc.coursePackages ?? []).forEach((p, i) => {
        out[`coursePackages[${i}].label`] = p?.label;
        out[`coursePackages[${i}].note`] = p?.note;
      });
      return out;
    }
    if (uid === UID.sopDocument && doc.isPublic) return { title: doc.title, body: doc.body };
    return {};
  },

  /** Refuses (400) a document whose public text makes an absolute or guarantee claim. */
  assertNoClaims(uid: string, doc: ClaimDoc, locale?: string) {
    const violations = findClaims(this.publicText(uid, doc), this.phrases());
    if (violations.length === 0) return;
    const where = locale ? ` (${locale})` : '';
    throw fieldErrors(
      violations.map((v) => ({
        path: v.field,
        message: `${v.field}${where} contains the advertising claim "${v.phrase}" (…${v.excerpt}…); medical advertising may not promise results or absence of risk`,
        value: v.phrase,
      }))
    );
  },
});
