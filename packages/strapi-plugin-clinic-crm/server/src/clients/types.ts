import type { Language } from '../core/i18n/locales';

/** A client row as the query engine returns it (health fields, when read, are in the index signature). */
export interface ClientRow {
  id: number;
  documentId: string;
  clientNumber: string;
  fullName: string;
  preferredName?: string | null;
  phone: string;
  email?: string | null;
  gender?: string | null;
  preferredLanguage?: Language | null;
  dateOfBirth?: string | null;
  erasedAt?: string | Date | null;
  retainUntil?: string | null;
  photoConsentClinical?: boolean | null;
  photoConsentTraining?: boolean | null;
  photoConsentMarketing?: boolean | null;
  firstContactStaff?: StaffMemberRow | null;
  [field: string]: unknown;
}

/** A staff member row as the query engine returns it. */
export interface StaffMemberRow {
  id: number;
  documentId: string;
  fullName: string;
  email?: string | null;
  department: string;
  preferredLanguage?: Language | null;
  isActive?: boolean;
  adminUser?: { id: number } | null;
}
