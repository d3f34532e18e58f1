import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { selectionOf } from '../pricing/domain/pricing';
import { UID, getService } from '../core/plugin';

const CLINICAL = ['beautician', 'nurse', 'doctor'];
/**
 * The treatment-record screen's reads: the consent the treatment will be performed under (with
 * the quote the client signed), the practitioners qualified for it today, and a live price.
 * The record itself is created through the document service (records middleware: consent gate,
 * certification check, frozen price, follow-up ladder, survey).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async context(clientDocumentId: string, treatmentDocumentId: string) {
    let consent: any = null;
    let consentProblem: { path: string; message: string } | null = null;
    try {
      const valid = await getService(strapi, 'consent').assertValidFor(clientDocumentId, treatmentDocumentId, undefined);
      consent = await strapi.db.query(UID.consentRecord).findOne({
        where: { documentId: valid.documentId },
        select: ['documentId', 'signedAt', 'templateKey', 'templateVersion', 'language', 'priceSnapshot', 'signerName'],
        populate: { witness: { select: ['fullName'] } },
      });
    } catch (e) {
      if (!(e instanceof errors.ValidationError)) throw e;
      const item: any = (e.details as any)?.errors?.[0];
      consentProblem = { path: (item?.path ?? ['consentRecord']).join('.'), message: item?.message ?? e.message };
    }
    const staff = await strapi.db.query(UID.staffMember).findMany({ where: { department: { $in: CLINICAL }, isActive: true }, select: ['documentId', 'fullName', 'department', 'jobTitle'], orderBy: { fullName: 'asc' } });
    const practitioners: any[] = [];
    for (const s of staff as any[]) {
      try {
        await getService(strapi, 'training').assertCertified({ treatment: treatmentDocumentId, practitioner: s.documentId, performedAt: new Date().toISOString() });
        practitioners.push(s);
      } catch (e) {
        if (!(e instanceof errors.ValidationError)) throw e;
      }
    }
    return { consent: consent ? { ...consent, selection: selectionOf(consent.priceSnapshot) } : null, consentProblem, practitioners };
  },
});
