import type { CoursePackage, FeeItem, PricedTreatment } from './domain/pricing';

/** A fee item or package row as the document service returns it (component id included). */
export type FeeItemRow = FeeItem & { id?: number };
export type CoursePackageRow = CoursePackage & { id?: number };

/** A treatment version (one locale, draft or published) with its price lists, as the document service returns it. */
export interface TreatmentDoc extends PricedTreatment {
  id: number;
  documentId: string;
  locale: string;
  name: string;
  slug?: string | null;
  category: string;
  publishedAt?: string | null;
  feeItems?: FeeItemRow[] | null;
  coursePackages?: CoursePackageRow[] | null;
  [field: string]: unknown;
}
