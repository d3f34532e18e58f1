/** A published SOP as the acknowledgement and review screens read it. */
export interface SopDoc {
  id?: number;
  documentId: string;
  code: string;
  title: string;
  body?: string;
  version: number;
  department?: string;
  reviewDate?: string | null;
  effectiveDate?: string | null;
  stage?: string | null;
  isPublic?: boolean | null;
  locale?: string;
  publishedAt?: string | null;
  previousVersions?: SopVersion[] | null;
}

export interface SopVersion {
  version: number;
  title: string;
  body?: string;
  effectiveDate?: string | null;
  publishedAt?: string | null;
}

export interface StaffRow {
  id: number;
  documentId: string;
  fullName: string;
  department?: string;
  email?: string | null;
  preferredLanguage?: string | null;
}
