import type { Core } from '@strapi/strapi';
import { decryptValue, DecryptionError, encryptValue, isEncrypted, keyIdOf, keyRingFrom, PREFIX } from './field-crypto';
import { getConfig, UID } from '../plugin';
import { encryptedColumn, RAW_CONTEXT } from './encrypted-column.repository';

/** Health data encrypted at rest, per content type. */
export const ENCRYPTED_FIELDS: Record<string, string[]> = {
  [UID.client]: ['allergies', 'medications', 'medicalConditions', 'pregnancyStatus', 'priorTreatments', 'notes'],
  [UID.treatmentRecord]: ['notes'],
  [UID.followUpTask]: ['outcomeNotes'],
  [UID.complaint]: ['description'],
  [UID.survey]: ['comment'],
  // not health data, but a credential: webhook signing secrets are encrypted at rest too
  [UID.webhookChannel]: ['signingSecret'],
};

/** The query context a raw read sets (encrypted-column.repository) to get values as stored. */
type QueryContext = Partial<typeof RAW_CONTEXT> | undefined;

/**
 * Encrypts health fields on every write that reaches the database (database lifecycles: the
 * document service, the admin panel, REST and our own db.query writes all pass there) and
 * decrypts every stored `enc:v1:` value as knex hands rows back (so populated relations and
 * raw queries are covered too). Values are ciphertext in the database only.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const ring = keyRingFrom(() => getConfig(strapi).encryption);

  const encryptData = (uid: string, data: Record<string, unknown> | undefined) => {
    const fields = ENCRYPTED_FIELDS[uid];
    if (!fields || !data || typeof data !== 'object') return;
    for (const f of fields) {
      const v = data[f];
      if (typeof v === 'string' && v !== '' && !isEncrypted(v)) data[f] = encryptValue(v, ring());
    }
  };

  let failures = 0;
  const decryptRow = (row: Record<string, unknown>) => {
    for (const k of Object.keys(row)) {
      const v = row[k];
      if (typeof v === 'string' && v.startsWith(PREFIX)) {
        try {
          row[k] = decryptValue(v, ring());
        } catch (e) {
          failures += 1;
          if (failures <= 5 || failures % 1000 === 0) strapi.log.error(`[clinic-crm] cannot decrypt a stored value: ${(e as DecryptionError).message}`);
        }
      }
    }
    return row;
  };
  const decryptResult = (result: unknown): unknown => {
    if (Array.isArray(result)) {
      for (const r of result) if (r && typeof r === 'object' && !Array.isArray(r)) decryptRow(r as Record<string, unknown>);
      return result;
    }
    if (result && typeof result === 'object') {
      const o = result as Record<string, unknown>;
      if (Array.isArray(o.rows)) decryptResult(o.rows); // pg raw results
      else if (!Buffer.isBuffer(o)) decryptRow(o);
    }
    return result;
  };

  return {
    ring,
    encryptData,
    decryptResult,

    /** Checks the key configuration, then hooks into every write and every read. */
    install() {
      ring();
      const models = Object.keys(ENCRYPTED_FIELDS);
      const onData = (event: { model: { uid: string }; params?: { data?: unknown } }) => {
        const data = event.params?.data;
        if (Array.isArray(data)) data.forEach((d) => encryptData(event.model.uid, d as Record<string, unknown>));
        else encryptData(event.model.uid, data as Record<string, unknown> | undefined);
      };
      strapi.db.lifecycles.subscribe({ models, beforeCreate: onData, beforeUpdate: onData, beforeCreateMany: onData, beforeUpdateMany: onData });
      // knex types its client as any: the one hook used here
      const client: { config: { postProcessResponse?: (result: unknown, queryContext: QueryContext) => unknown } } = strapi.db.connection.client;
      const previous = client.config.postProcessResponse;
      client.config.postProcessResponse = (result: unknown, queryContext: QueryContext) => {
        const out = previous ? previous(result, queryContext) : result;
        return queryContext?.clinicCrmRawValues ? out : decryptResult(out);
      };
    },

    /**
     * Re-encrypts every value not under the active key (and encrypts any plaintext left from
     * before encryption was on), in batches, each row updated only if it still holds what was read.
     */
    async rotate(opts: { batchSize?: number; log?: (line: string) => void } = {}) {
      const batch = opts.batchSize ?? 500;
      const active = ring().activeKeyId;
      const report: Array<{ table: string; column: string; reencrypted: number; encrypted: number; skipped: number }> = [];
      for (const [uid, fields] of Object.entries(ENCRYPTED_FIELDS)) {
        for (const field of fields) {
          const stored = encryptedColumn(strapi, uid, field);
          const line = { table: stored.table, column: stored.column, reencrypted: 0, encrypted: 0, skipped: 0 };
          let lastId = 0;
          for (;;) {
            const rows = await stored.readAfter(lastId, batch);
            if (rows.length === 0) break;
            lastId = rows[rows.length - 1].id;
            for (const row of rows) {
              if (isEncrypted(row.v) && keyIdOf(row.v) === active) continue;
              let plain: string;
              try {
                plain = isEncrypted(row.v) ? decryptValue(row.v, ring()) : row.v;
              } catch {
                line.skipped += 1;
                continue;
              }
              const n = await stored.replaceIf(row.id, row.v, encryptValue(plain, ring()));
              if (n && isEncrypted(row.v)) line.reencrypted += 1;
              else if (n) line.encrypted += 1;
            }
          }
          opts.log?.(`${line.table}.${line.column}: ${line.reencrypted} re-encrypted, ${line.encrypted} encrypted, ${line.skipped} unreadable`);
          report.push(line);
        }
      }
      return { activeKeyId: active, columns: report };
    },
  };
};
