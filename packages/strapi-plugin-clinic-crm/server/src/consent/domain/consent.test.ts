import { canonicalJson, consentHash, renderConsent, validateConsentTemplate } from './consent';
import { matchContraindications } from '../../clients/domain/contraindications';

describe('consent templates (domain)', () => {
  it('accepts the vocabulary and renders plain text', () => {
    const body = '{{client.fullName}}:{{#each risks}}{{this}}/{{/each}}{{#each price.lines}}{{label}}={{amount}};{{/each}}{{#if alternatives}}替代:{{alternatives}}{{/if}}{{price.total}}';
    expect(() => validateConsentTemplate(body)).not.toThrow();
    expect(renderConsent(body, { client: { fullName: '周<小姐>' }, risks: ['紅', '腫'], price: { lines: [{ label: 'A', amount: 1 }], total: 1 }, alternatives: '' })).toBe('周<小姐>:紅/腫/A=1;1');
  });
  it.each(['{{__proto__}}', '{{constructor}}', '{{client.__proto__}}', '{{#each constructor}}x{{/each}}', '{{#with client}}{{fullName}}{{/with}}', '{{log client}}'])('refuses %s', (body) => {
    expect(() => validateConsentTemplate(body)).toThrow();
  });
});

describe('consent hash', () => {
  const content = { client: 'c', treatment: 't', templateKey: 'k', templateVersion: 1, language: 'zh-Hant', renderedText: '同意', priceSnapshot: { total: 1, lines: [{ b: 2, a: 1 }] }, signerName: '周', witness: null, signedAt: '2026-01-01T00:00:00.000Z', contraindicationOverride: null };
  it('is stable under key order and changes with any covered field', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
    const h = consentHash(content);
    expect(consentHash({ ...content, priceSnapshot: { lines: [{ a: 1, b: 2 }], total: 1 } })).toBe(h);
    expect(consentHash({ ...content, renderedText: '同意。' })).not.toBe(h);
    expect(consentHash({ ...content, templateVersion: 2 })).not.toBe(h);
  });
});

describe('contraindications', () => {
  it('matches structured health history on the clinic date', () => {
    const codes = ['pregnancy', 'lactation', 'isotretinoin_6m', 'anticoagulants', 'under_18', 'keloid_history'];
    expect(matchContraindications(codes, { pregnancyStatus: 'lactating' }, '2026-11-23')).toEqual(['lactation']);
    expect(matchContraindications(codes, { isotretinoinLastTakenAt: '2026-05-23' }, '2026-11-23')).toEqual(['isotretinoin_6m']);
    expect(matchContraindications(codes, { isotretinoinLastTakenAt: '2026-05-22' }, '2026-11-23')).toEqual([]);
    expect(matchContraindications(codes, { dateOfBirth: '2008-11-24' }, '2026-11-23')).toEqual(['under_18']);
    expect(matchContraindications(codes, { dateOfBirth: '2008-11-23' }, '2026-11-23')).toEqual([]);
    expect(matchContraindications(codes, { dateOfBirth: '2010-01-01', guardianConsent: true }, '2026-11-23')).toEqual([]);
    expect(matchContraindications(['pregnancy'], { onAnticoagulants: true }, '2026-11-23')).toEqual([]); // only what the treatment lists
    expect(matchContraindications(null, { pregnancyStatus: 'pregnant' }, '2026-11-23')).toEqual([]);
  });
});
