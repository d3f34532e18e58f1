import fc from 'fast-check';
import { randomBytes } from 'crypto';
import { decryptValue, DecryptionError, encryptValue, isEncrypted, keyIdOf, parseKeyRing } from '../../packages/strapi-plugin-clinic-crm/server/src/core/encryption/field-crypto';
import { hashSurveyToken, isWellFormedToken, newSurveyToken, rated, validateAnswer } from '../../packages/strapi-plugin-clinic-crm/server/src/surveys/domain/satisfaction';
import { missingCertifications, outcome } from '../../packages/strapi-plugin-clinic-crm/server/src/operations/domain/certification';
import { fieldsFor, STAFF_ROLES } from '../../packages/strapi-plugin-clinic-crm/server/src/clients/domain/staff-roles';

const key = () => randomBytes(32).toString('base64');

describe('field encryption', () => {
  const ring = parseKeyRing(`k1:${key()},k2:${key()}`, 'k2');

  it('round-trips any text under the active key, with a fresh IV each time', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 200 }), (plain) => {
        const a = encryptValue(plain, ring);
        expect(isEncrypted(a)).toBe(true);
        expect(keyIdOf(a)).toBe('k2');
        expect(decryptValue(a, ring)).toBe(plain);
        expect(encryptValue(plain, ring)).not.toBe(a);
      })
    );
  });

  it('refuses tampered values and unknown keys', () => {
    const v = encryptValue('盤尼西林', ring);
    // flip one character well inside the ciphertext (the last base64 character may carry unused bits)
    const i = v.length - 10;
    const tampered = v.slice(0, i) + (v[i] === 'A' ? 'B' : 'A') + v.slice(i + 1);
    expect(() => decryptValue(tampered, ring)).toThrow(DecryptionError);
    expect(() => decryptValue(v, parseKeyRing(`k2:${key()}`))).toThrow(/does not authenticate/);
    expect(() => decryptValue(v, parseKeyRing(`k1:${key()}`))).toThrow(/no key "k2"/);
  });

  it('validates the key ring', () => {
    expect(() => parseKeyRing('')).toThrow(/at least one key/);
    expect(() => parseKeyRing('k1:c2hvcnQ=')).toThrow(/32 bytes/);
    expect(() => parseKeyRing(`k1:${key()},k1:${key()}`)).toThrow(/twice/);
    expect(() => parseKeyRing(`k1:${key()}`, 'k9')).toThrow(/not among the keys/);
    expect(parseKeyRing(`a:${key()},b:${key()}`).activeKeyId).toBe('a');
  });
});

describe('survey tokens and answers', () => {
  it('makes 43-character URL-safe tokens, stored only as their SHA-256', () => {
    const t = newSurveyToken();
    expect(isWellFormedToken(t)).toBe(true);
    expect(hashSurveyToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(isWellFormedToken('x'.repeat(42))).toBe(false);
    expect(isWellFormedToken('../../etc/passwd'.padEnd(43, 'a'))).toBe(false);
  });

  it('accepts a score 1–5 and an optional comment; names the bad field', () => {
    expect(validateAnswer({ score: 4, comment: ' 很好 ' })).toEqual({ score: 4, comment: '很好' });
    for (const [body, field] of [[{ score: 0 }, 'score'], [{ score: 4.5 }, 'score'], [{ score: '5' }, 'score'], [{ score: 5, comment: 7 }, 'comment'], [{ score: 5, token: 'x' }, 'token'], [[], 'data']] as const) {
      expect(() => validateAnswer(body)).toThrow(expect.objectContaining({ path: field }));
    }
  });

  it('rates against the target', () => {
    expect(rated({ key: 'a', label: 'a', responses: 10, satisfied: 9 }, 90)).toMatchObject({ rate: 90, meetsTarget: true });
    expect(rated({ key: 'a', label: 'a', responses: 3, satisfied: 2 }, 90)).toMatchObject({ rate: 66.7, meetsTarget: false });
    expect(rated({ key: 'a', label: 'a', responses: 0, satisfied: 0 }, 90)).toMatchObject({ rate: null, meetsTarget: null });
  });
});

describe('certifications', () => {
  const course = { certificationCode: 'laser-safety', validityMonths: 12, passScore: 80 };
  it('passes at the pass score and expires after the validity, month ends clamped', () => {
    expect(outcome(course, '2026-01-31', 80)).toEqual({ passed: true, certificationCode: 'laser-safety', certificationExpiresOn: '2027-01-31' });
    expect(outcome({ ...course, validityMonths: 1 }, '2026-01-31', 95).certificationExpiresOn).toBe('2026-02-28');
    expect(outcome(course, '2026-01-31', 79)).toEqual({ passed: false, certificationCode: null, certificationExpiresOn: null });
    expect(outcome({ ...course, validityMonths: null }, '2026-01-31', 90).certificationExpiresOn).toBeNull();
  });
  it('finds what is missing on a given day', () => {
    const held = [{ passed: true, certificationCode: 'laser-safety', certificationExpiresOn: '2026-06-30' }];
    expect(missingCertifications(['laser-safety'], held, '2026-06-30')).toEqual([]);
    expect(missingCertifications(['laser-safety'], held, '2026-07-01')).toEqual(['laser-safety']);
    expect(missingCertifications(['laser-safety', 'botox'], held, '2026-01-01')).toEqual(['botox']);
  });
});

describe('staff roles', () => {
  it('hides health history from the front desk and keeps the override for doctors', () => {
    const all = ['fullName', 'phone', 'allergies', 'notes', 'contraindicationOverride', 'feeItems.amount'];
    const front = STAFF_ROLES.find((r) => r.code === 'clinic-crm-front-desk')!;
    expect(fieldsFor(front.contentTypes.client, 'read', all)).toEqual(['fullName', 'phone', 'contraindicationOverride', 'feeItems.amount']);
    const nurse = STAFF_ROLES.find((r) => r.code === 'clinic-crm-nurse')!;
    expect(fieldsFor(nurse.contentTypes['treatment-record'], 'read', all)).toBeUndefined();
    expect(fieldsFor(nurse.contentTypes['treatment-record'], 'create', all)).not.toContain('contraindicationOverride');
    const doctor = STAFF_ROLES.find((r) => r.code === 'clinic-crm-doctor')!;
    expect(fieldsFor(doctor.contentTypes['treatment-record'], 'create', all)).toBeUndefined();
    const manager = STAFF_ROLES.find((r) => r.code === 'clinic-crm-manager')!;
    expect(manager.contentTypes.treatment.actions).toContain('publish');
    for (const r of STAFF_ROLES.filter((x) => x.code !== 'clinic-crm-manager')) expect(r.contentTypes.treatment.actions).toEqual(['read']);
  });
});
