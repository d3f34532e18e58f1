import type { HealthFlags } from '../clients/domain/contraindications';
import type { Quote } from '../pricing/domain/pricing';

/** A client as the consent rules read them: identity, language and the health flags the gate checks. */
export interface ConsentClient extends HealthFlags {
  id: number;
  documentId: string;
  erasedAt?: string | null;
  fullName?: string | null;
  preferredName?: string | null;
  preferredLanguage?: string | null;
}

/** The treatment fields the contraindication gate reads (published catalogue entry). */
export interface GateTreatment {
  documentId: string;
  contraindications?: unknown;
  ingredients?: unknown;
  sops?: Array<{ code: string; version: number; title: string }> | null;
}

/** A doctor's contraindication override as stored on a consent or treatment record. */
export interface ContraindicationOverride {
  approval?: string;
  doctor?: string;
  doctorName?: string | null;
  reason: string | null;
  contraindications: string[];
  at: string;
}

export interface PriceSnapshotJson extends Partial<Quote> {
  total?: number;
  currency?: string;
  selection?: unknown;
}

/** A published consent template (document service). */
export interface ConsentTemplateDoc {
  id?: number;
  documentId: string;
  templateKey: string;
  version: number;
  language: string;
  title?: string | null;
  body: string;
  riskList?: unknown;
  alternatives?: string | null;
  isMaterialChange?: boolean | null;
  changeSummary?: string | null;
  publishedAt?: string | null;
  previousVersions?: TemplateVersion[] | null;
}

export interface TemplateVersion {
  version: number;
  title?: string | null;
  body?: string;
  riskList?: unknown;
  alternatives?: string | null;
  isMaterialChange?: boolean | null;
  changeSummary?: string | null;
  publishedAt?: string | null;
}

type Ref = { id?: number; documentId: string } | string | null | undefined;

/** A consent record row (query engine), relations as populated by the reader. */
export interface ConsentRecordRow {
  id: number;
  documentId: string;
  client?: Ref;
  treatment?: Ref;
  witness?: ({ documentId?: string; fullName?: string | null } & object) | string | null;
  templateKey: string;
  templateVersion: number;
  language: string;
  renderedText: string;
  priceSnapshot: PriceSnapshotJson | null;
  signerName: string;
  signedAt: string;
  signatureImage?: string | null;
  contentHash: string;
  consentStatus: string;
  contraindicationOverride?: ContraindicationOverride | null;
}
