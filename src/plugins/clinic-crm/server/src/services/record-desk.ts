import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { UID, getService } from '../utils';

const CLINICAL = ['beautician', 'nurse', 'doctor'];
const COUNTED = new Set(['per_unit', 'per_area', 'per_syringe']);

/** The options a frozen quote was made from (its lines), so a record starts from what the client signed. */
export const selectionOf = (snapshot: any) => {
  const lines: any[] = Array.isArray(snapshot?.lines) ? snapshot.lines : [];
  return {
    addOns: lines.filter((l) => l.kind === 'add_on').map((l) => ({ code: l.code, quantity: l.quantity })),
    quantities: Object.fromEntries(lines.filter((l) => l.kind === 'included' && COUNTED.has(l.unit)).map((l) => [l.code, l.quantity])),
    packageCode: snapshot?.packageCode ?? null,
  };
};

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
