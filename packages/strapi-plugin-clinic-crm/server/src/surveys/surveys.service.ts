import type { Core } from '@strapi/strapi';
import { languageOf, resolveLanguage, type Language } from '../core/i18n/locales';
import { hashSurveyToken, isWellFormedToken, newSurveyToken, rated, type RateRow, type SurveyAnswer } from './domain/satisfaction';
import { addCalendar, formatLocalDateTime } from '../core/time/time';
import { localMonth } from '../core/sql';
import { getConfig, getService, UID } from '../core/plugin';
import { sqlTime, tableMeta } from '../core/db-meta';
import type { ComplaintRow } from '../complaints/types';
import { surveyRows } from './survey.repository';

/** A treatment record as a survey reads it. */
interface SurveyRecord {
  id: number;
  recordNumber: string;
  performedAt: string | Date | null;
  client?: { id: number; fullName: string; preferredName: string | null; email: string | null; preferredLanguage: string | null; erasedAt: string | Date | null } | null;
  treatment?: SurveyTreatment | SurveyTreatment[] | null;
  practitioner?: { id: number } | null;
}
interface SurveyTreatment {
  documentId: string;
  name: string;
}
/** One aggregated row: a count and the satisfied among them (strings on Postgres). */
interface FigureRow {
  key?: string | null;
  label?: string | null;
  responses?: number | string;
  satisfied?: number | string | null;
}

/**
 * Satisfaction surveys after each treatment and each closed complaint: a single-use link
 * (random 256-bit token; only its SHA-256 is stored) e-mailed to the client through the outbox,
 * valid for `satisfaction.surveyValidDays`. Used, expired and unknown tokens get the same answer,
 * so nothing tells whether a token ever existed. Answers feed the satisfaction figures per
 * treatment, practitioner and month against the configured target.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const cfg = () => getConfig(strapi);
  const surveys = surveyRows(strapi);
  const link = (token: string) => `${cfg().publicSiteUrl.replace(/\/$/, '')}/survey.html#${token}`;

  const create = async (input: {
    key: string;
    subjectType: 'treatment' | 'complaint';
    email: string | null | undefined;
    name: string;
    language: Language;
    notBefore: Date;
    links: Record<string, number | null>;
    clientId?: number | null;
    practitionerId?: number | null;
    treatmentDocumentId?: string | null;
    treatmentName?: string | null;
    subjectLabel: string;
  }) => {
    if (!input.email) return null; // no address, no survey (the follow-up call covers it)
    if (await surveys.exists(input.key)) return null;
    const token = newSurveyToken();
    const expiresAt = addCalendar(input.notBefore, { days: cfg().satisfaction.surveyValidDays }, cfg().timeZone);
    const survey = await surveys.create({
      idempotencyKey: input.key,
      tokenHash: hashSurveyToken(token),
      subjectType: input.subjectType,
      language: input.language,
      expiresAt,
      treatmentDocumentId: input.treatmentDocumentId ?? null,
      treatmentName: input.treatmentName ?? null,
      links: { ...input.links, practitioner: input.practitionerId ?? null },
    });
    await getService(strapi, 'outbox').enqueue({
      key: `${input.key}:email`,
      template: 'satisfaction_survey',
      language: input.language,
      recipientEmail: input.email,
      client: input.clientId ?? null,
      notBefore: input.notBefore,
      payload: {
        recipient: { name: input.name },
        survey: { subject: input.subjectLabel, link: link(token), expiresLocal: formatLocalDateTime(expiresAt, cfg().timeZone) },
        clinic: { name: cfg().clinicName },
      },
    });
    return survey;
  };

  const byToken = async (token: unknown, now: Date) => {
    if (!isWellFormedToken(token)) return null;
    const s = await surveys.byTokenHash(hashSurveyToken(token));
    if (!s || s.usedAt || s.cancelledAt || new Date(s.expiresAt).getTime() <= now.getTime()) return null;
    return s;
  };

  return {
    link,

    /** After a treatment record: the survey goes out `surveyDelayHours` after the treatment. */
    async forRecord(recordDocumentId: string) {
      const r = (await strapi.db.query(UID.treatmentRecord).findOne({
        where: { documentId: recordDocumentId },
        populate: { client: { select: ['id', 'fullName', 'preferredName', 'email', 'preferredLanguage', 'erasedAt'] }, treatment: { select: ['documentId', 'name', 'locale'] }, practitioner: { select: ['id'] } },
      })) as SurveyRecord | null;
      if (!r?.client || r.client.erasedAt) return null;
      const treatment = Array.isArray(r.treatment) ? r.treatment[0] : r.treatment;
      const language = languageOf(r.client);
      const performed = new Date(r.performedAt ?? Date.now());
      return create({
        key: `survey:record:${recordDocumentId}`,
        subjectType: 'treatment',
        email: r.client.email,
        name: r.client.preferredName || r.client.fullName,
        language,
        notBefore: new Date(Math.max(Date.now(), performed.getTime() + cfg().satisfaction.surveyDelayHours * 3_600_000)),
        links: { treatmentRecord: r.id },
        clientId: r.client.id,
        practitionerId: r.practitioner?.id ?? null,
        treatmentDocumentId: treatment?.documentId ?? null,
        treatmentName: treatment?.name ?? null,
        subjectLabel: treatment?.name ?? r.recordNumber,
      });
    },

    /** After a complaint is closed. */
    async forComplaint(c: Pick<ComplaintRow, 'id' | 'documentId' | 'contactEmail' | 'contactName' | 'referenceNumber' | 'client'>) {
      return create({
        key: `survey:complaint:${c.documentId}`,
        subjectType: 'complaint',
        email: c.contactEmail,
        name: c.contactName,
        language: resolveLanguage(c.client?.preferredLanguage),
        notBefore: new Date(),
        links: { complaint: c.id },
        clientId: c.client?.id ?? null,
        subjectLabel: c.referenceNumber,
      });
    },

    /**
     * Erasure: the client's surveys not yet answered and still valid are cancelled (kept, with
     * `cancelledAt`): their links get the same answer as any invalid token. Returns their documentIds.
     */
    async cancelForClient(clientId: number, now = new Date()) {
      const open = await surveys.openForClient(clientId, now);
      if (open.length === 0) return [];
      // conditional: an answer that lands first keeps its survey answered, not cancelled
      return surveys.cancel(open.map((s) => s.id), now);
    },

    /** What the public survey page shows for a valid token; null for any invalid one. */
    async open(token: unknown, now = new Date()) {
      const s = await byToken(token, now);
      if (!s) return null;
      return { subjectType: s.subjectType, treatmentName: s.treatmentName, language: s.language, expiresAt: new Date(s.expiresAt).toISOString() };
    },

    /**
     * Records the answer once: the conditional update (unused and unexpired) is the single-use
     * guarantee, also between two simultaneous submissions. Null for any invalid token.
     */
    async answer(token: unknown, answer: SurveyAnswer, now = new Date()) {
      if (!isWellFormedToken(token)) return null;
      return (await surveys.answer(hashSurveyToken(token), now, answer)) ? { score: answer.score } : null;
    },

    /** Satisfaction (share of answers ≥ satisfiedMinScore) per treatment, practitioner and month, against the target. */
    async figures(range: { from?: Date; to?: Date } = {}) {
      const { targetPercent, satisfiedMinScore } = cfg().satisfaction;
      const knex = strapi.db.connection;
      const meta = tableMeta(strapi, UID.survey);
      const T = meta.tableName;
      const col = (attribute: string) => meta.column(attribute);
      const at = (d: Date) => sqlTime(strapi, d);
      const base = () => {
        const q = knex(`${T} as s`).whereNotNull(`s.${col('usedAt')}`).whereNotNull(`s.${col('score')}`);
        if (range.from) q.where(`s.${col('usedAt')}`, '>=', at(range.from));
        if (range.to) q.where(`s.${col('usedAt')}`, '<', at(range.to));
        return q;
      };
      const satisfied = knex.raw(`sum(case when s.${col('score')} >= ? then 1 else 0 end) as satisfied`, [satisfiedMinScore]);
      const tz = cfg().timeZone;
      const month = localMonth(strapi, `s.${col('usedAt')}`, tz);
      const practitionerLink = meta.joinTable('practitioner');
      const staffMeta = tableMeta(strapi, UID.staffMember);
      const [overall, byTreatment, byPractitioner, byMonth] = await Promise.all([
        base().count({ responses: '*' }).select(satisfied).first(),
        base()
          .whereNotNull(`s.${col('treatmentDocumentId')}`)
          .select({ key: `s.${col('treatmentDocumentId')}` })
          .max({ label: `s.${col('treatmentName')}` })
          .count({ responses: '*' })
          .select(satisfied)
          .groupBy(`s.${col('treatmentDocumentId')}`),
        base()
          .join(`${practitionerLink.name} as pl`, `pl.${practitionerLink.joinColumn.name}`, 's.id')
          .join(`${staffMeta.tableName} as st`, 'st.id', `pl.${practitionerLink.inverseJoinColumn.name}`)
          .select({ key: 'st.document_id' })
          .max({ label: 'st.full_name' })
          .count({ responses: '*' })
          .select(satisfied)
          .groupBy('st.document_id'),
        base().select({ key: month }).count({ responses: '*' }).select(satisfied).groupBy('key').orderBy('key'),
      ]);
      const row = (r: FigureRow): RateRow => ({ key: String(r.key ?? 'all'), label: String(r.label ?? r.key ?? ''), responses: Number(r.responses ?? 0), satisfied: Number(r.satisfied ?? 0) });
      const sortRows = (rows: FigureRow[]) => rows.map((r) => rated(row(r), targetPercent)).sort((a, b) => (a.rate ?? 101) - (b.rate ?? 101) || b.responses - a.responses);
      return {
        targetPercent,
        satisfiedMinScore,
        overall: rated({ ...row((overall ?? {}) as FigureRow), key: 'all', label: 'all' }, targetPercent),
        byTreatment: sortRows(byTreatment as FigureRow[]),
        byPractitioner: sortRows(byPractitioner as FigureRow[]),
        byMonth: (byMonth as FigureRow[]).map((r) => rated(row(r), targetPercent)),
      };
    },
  };
};
