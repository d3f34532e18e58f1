import type { Core } from '@strapi/strapi';
import { UID } from '../core/plugin';

/** A survey row (token hash only: the token itself is never stored). */
export interface SurveyRow {
  id: number;
  documentId: string;
  idempotencyKey: string;
  tokenHash: string;
  subjectType: 'treatment' | 'complaint';
  language: string;
  expiresAt: string | Date;
  usedAt: string | Date | null;
  cancelledAt: string | Date | null;
  treatmentDocumentId: string | null;
  treatmentName: string | null;
  score: number | null;
  comment: string | null;
}

export interface NewSurvey {
  idempotencyKey: string;
  tokenHash: string;
  subjectType: 'treatment' | 'complaint';
  language: string;
  expiresAt: Date;
  treatmentDocumentId: string | null;
  treatmentName: string | null;
  /** relations by id: treatmentRecord, complaint, practitioner */
  links: Record<string, number | null | undefined>;
}

/**
 * Surveys are system rows: created when a treatment or a complaint ends, answered once through the
 * public link, cancelled on erasure. The only writer of the survey table; answering and cancelling
 * are conditional updates (unused, unexpired) so a double submit or an erasure race writes once.
 */
export const surveyRows = (strapi: Core.Strapi) => {
  const q = () => strapi.db.query(UID.survey);
  return {
    async exists(idempotencyKey: string): Promise<boolean> {
      return !!(await q().findOne({ where: { idempotencyKey }, select: ['id'] }));
    },

    async byTokenHash(tokenHash: string): Promise<SurveyRow | null> {
      return (await q().findOne({ where: { tokenHash } })) as SurveyRow | null;
    },

    async create({ links, ...survey }: NewSurvey): Promise<SurveyRow> {
      const set = Object.fromEntries(Object.entries(links).filter(([, v]) => v));
      return (await q().create({ data: { ...survey, ...set } })) as SurveyRow;
    },

    /** Open surveys (unanswered, not cancelled, unexpired) about this client's records or complaints. */
    async openForClient(clientId: number, now: Date): Promise<Array<Pick<SurveyRow, 'id' | 'documentId'>>> {
      return (await q().findMany({
        where: {
          usedAt: { $null: true },
          cancelledAt: { $null: true },
          expiresAt: { $gt: now },
          $or: [{ treatmentRecord: { client: { id: clientId } } }, { complaint: { client: { id: clientId } } }],
        },
        select: ['id', 'documentId'],
      })) as Array<Pick<SurveyRow, 'id' | 'documentId'>>;
    },

    /** Cancels those still unanswered (an answer that lands first wins); returns the cancelled documentIds. */
    async cancel(ids: number[], now: Date): Promise<string[]> {
      await q().updateMany({ where: { id: { $in: ids }, usedAt: { $null: true } }, data: { cancelledAt: now } });
      const cancelled = (await q().findMany({ where: { id: { $in: ids }, cancelledAt: { $notNull: true } }, select: ['documentId'] })) as Array<Pick<SurveyRow, 'documentId'>>;
      return cancelled.map((s) => s.documentId);
    },

    /** Records the answer if the survey is still usable: the single-use guarantee. */
    async answer(tokenHash: string, now: Date, answer: { score: number; comment: string | null }): Promise<boolean> {
      const res = await q().updateMany({
        where: { tokenHash, usedAt: { $null: true }, cancelledAt: { $null: true }, expiresAt: { $gt: now } },
        data: { usedAt: now, score: answer.score, comment: answer.comment },
      });
      return Number(res.count) === 1;
    },
  };
};
