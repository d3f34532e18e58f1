import {
  ALLERGY_PREFIX,
  CONTRAINDICATIONS,
  CONTRAINDICATION_CLIENT_FIELDS,
  HealthFlags,
  KNOWN_CONTRAINDICATIONS,
  assertIngredients,
  assertKnownContraindications,
  contraindicationLabel,
  matchContraindications,
} from './contraindications';
import { matchAllergies } from './allergies';
import { DomainValidationError } from '../../core/errors';
import { CLIENT_HEALTH_FIELDS } from './staff-roles';
import { TREATMENTS } from '../../demo/catalogue';
import { FIELD_LABELS, fieldMessages } from '../../../../admin/src/translations/fields';
import clientSchema from '../content-types/client/schema.json';

const TODAY = '2026-11-23';
/** A client history that each code must match (and nothing else in the table should need). */
const EXAMPLES: Record<string, HealthFlags> = {
  pregnancy: { pregnancyStatus: 'pregnant' },
  lactation: { pregnancyStatus: 'lactating' },
  isotretinoin_6m: { isotretinoinLastTakenAt: '2026-09-01' },
  anticoagulants: { onAnticoagulants: true },
  active_skin_infection: { activeSkinInfection: true },
  keloid_history: { keloidHistory: true },
  under_18: { dateOfBirth: '2010-01-01' },
  photosensitising_drugs: { photosensitisingMedication: true },
  neuromuscular_disease: { neuromuscularDisease: true },
  pacemaker: { implantedDevice: true },
  metal_implants_area: { metalImplantsInArea: true },
  cold_urticaria: { coldUrticaria: true },
  hernia_area: { herniaInArea: true },
  aspirin_allergy: { allergies: '盤尼西林、阿斯匹靈' },
};
const attributes = (clientSchema as any).attributes as Record<string, any>;
const thrown = (fn: () => void): DomainValidationError => {
  try {
    fn();
  } catch (e) {
    return e as DomainValidationError;
  }
  throw new Error('did not throw');
};

describe('the contraindication table', () => {
  it('has an example for every code (a new code needs one here)', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...KNOWN_CONTRAINDICATIONS].sort());
  });

  it.each(KNOWN_CONTRAINDICATIONS)('%s matches its own client history, and not an empty one', (code) => {
    expect(matchContraindications(KNOWN_CONTRAINDICATIONS, EXAMPLES[code], TODAY)).toEqual([code]);
    expect(matchContraindications([code], {}, TODAY)).toEqual([]);
    expect(matchContraindications([code], { allergies: '無', medications: 'none', medicalConditions: '無' }, TODAY)).toEqual([]);
  });

  it.each(KNOWN_CONTRAINDICATIONS)('%s reads client fields that exist, and health fields are private and hidden from front desk', (code) => {
    const rule = CONTRAINDICATIONS[code];
    expect(rule.fields.length).toBeGreaterThan(0);
    for (const field of rule.fields as string[]) {
      expect(attributes[field]).toBeDefined();
      expect(CONTRAINDICATION_CLIENT_FIELDS).toContain(field);
      if (field === 'dateOfBirth') continue;
      expect(attributes[field].private).toBe(true);
      if (field !== 'guardianConsent') expect(CLIENT_HEALTH_FIELDS).toContain(field);
      expect(FIELD_LABELS.client[field]).toHaveLength(3);
    }
    for (const language of ['zh-Hant', 'zh-Hans', 'en'] as const) expect(rule[language]).toBeTruthy();
  });

  it('a review code looks only at the free text it names (allergies), in any language and case', () => {
    expect(matchContraindications(['aspirin_allergy'], { allergies: 'ASPIRIN (hives)' }, TODAY)).toEqual(['aspirin_allergy']);
    expect(matchContraindications(['aspirin_allergy'], { allergies: '阿司匹林' }, TODAY)).toEqual(['aspirin_allergy']);
    // taking aspirin is not an allergy to it
    expect(matchContraindications(['aspirin_allergy'], { medications: '阿斯匹靈（每日）' }, TODAY)).toEqual([]);
    expect(matchContraindications(['aspirin_allergy'], { allergies: 'vasaline' }, TODAY)).toEqual([]);
  });

  it('an unknown code (stored before the check) matches every client: only a doctor can pass it', () => {
    expect(matchContraindications(['pregnancy', 'made_up'], {}, TODAY)).toEqual(['made_up']);
    expect(contraindicationLabel('made_up', 'en')).toBe('made_up');
    expect(contraindicationLabel('pacemaker', 'zh-Hant')).toBe('心律調節器或植入式電子裝置');
    expect(contraindicationLabel(`${ALLERGY_PREFIX}Lidocaine`, 'zh-Hant')).toBe('對 Lidocaine 過敏');
  });
});

describe('saving a treatment: codes and ingredients', () => {
  it('accepts known codes, nothing, or an empty list', () => {
    expect(() => assertKnownContraindications(['pregnancy', 'pacemaker'], 'en')).not.toThrow();
    expect(() => assertKnownContraindications(null, 'en')).not.toThrow();
    expect(() => assertKnownContraindications([], 'en')).not.toThrow();
  });

  it('refuses an unknown code naming its index, with the known codes, in the user’s language', () => {
    const en = thrown(() => assertKnownContraindications(['pregnancy', 'pacemakr'], 'en'));
    expect(en).toBeInstanceOf(DomainValidationError);
    expect(en.path).toBe('contraindications.1');
    expect(en.message).toContain('"pacemakr"');
    for (const code of KNOWN_CONTRAINDICATIONS) expect(en.message).toContain(code);
    const zh = thrown(() => assertKnownContraindications(['pregnancy', 'x', 'pacemaker'], 'zh-Hant'));
    expect(zh.path).toBe('contraindications.1');
    expect(zh.message).toMatch(/^未知的禁忌症代碼「x」，可用代碼：pregnancy、/);
    expect(thrown(() => assertKnownContraindications([42], 'en')).path).toBe('contraindications.0');
    expect(thrown(() => assertKnownContraindications('pregnancy', 'en')).path).toBe('contraindications');
  });

  it('ingredients are a list of names', () => {
    expect(() => assertIngredients(['Lidocaine', '玻尿酸'], 'en')).not.toThrow();
    expect(thrown(() => assertIngredients(['Lidocaine', '  '], 'en')).path).toBe('ingredients.1');
    expect(thrown(() => assertIngredients('Lidocaine', 'en')).path).toBe('ingredients');
  });

  it('the demo catalogue uses only known codes', () => {
    for (const t of TREATMENTS) for (const code of t.contraindications) expect(KNOWN_CONTRAINDICATIONS).toContain(code);
    expect(TREATMENTS.filter((t) => t.ingredients?.length).map((t) => t.slug)).toEqual(
      expect.arrayContaining(['botulinum-toxin', 'hyaluronic-acid-filler', 'glycolic-peel', 'salicylic-peel'])
    );
  });

  it('the content manager shows every known code under the field, in each language', () => {
    for (const locale of ['zh', 'zh-Hans', 'en']) {
      const hint = fieldMessages(locale)['content-manager.content-types.plugin::clinic-crm.treatment.contraindications.hint'];
      for (const code of KNOWN_CONTRAINDICATIONS) expect(hint).toContain(code);
    }
  });
});

describe('allergies against ingredients', () => {
  it('matches case-insensitively, in a list, in Chinese and through synonyms', () => {
    expect(matchAllergies('lidocaine, 阿斯匹靈', ['Lidocaine', 'Hyaluronic acid'])).toEqual(['Lidocaine']);
    expect(matchAllergies('Lidocaine (rash)', ['Hyaluronic acid (cross-linked)', 'Lidocaine'])).toEqual(['Lidocaine']);
    expect(matchAllergies('利多卡因（起疹）、部分保養品香料', ['Lidocaine'])).toEqual(['Lidocaine']);
    expect(matchAllergies('ＬＩＤＯＣＡＩＮＥ', ['lidocaine hydrochloride'])).toEqual(['lidocaine hydrochloride']);
    expect(matchAllergies('對玻尿酸過敏', ['Hyaluronic acid (cross-linked)', 'Lidocaine'])).toEqual(['Hyaluronic acid (cross-linked)']);
    expect(matchAllergies('botulinum toxin', ['Botulinum toxin type A'])).toEqual(['Botulinum toxin type A']);
    expect(matchAllergies('水杨酸', ['Salicylic acid'])).toEqual(['Salicylic acid']);
    expect(matchAllergies('latex', ['甘醇酸 / Glycolic acid'])).toEqual([]);
    expect(matchAllergies('果酸', ['甘醇酸 / Glycolic acid'])).toEqual(['甘醇酸 / Glycolic acid']);
  });

  it('does not match unrelated text, words inside other words, or nothing', () => {
    expect(matchAllergies('None', ['Hydroquinone'])).toEqual([]);
    expect(matchAllergies('無已知過敏', ['Lidocaine', '玻尿酸'])).toEqual([]);
    expect(matchAllergies('盤尼西林', ['Lidocaine'])).toEqual([]);
    expect(matchAllergies('', ['Lidocaine'])).toEqual([]);
    expect(matchAllergies('lidocaine', null)).toEqual([]);
    expect(matchAllergies('caine', ['Lidocaine'])).toEqual([]);
  });

  it('an allergy match gates like a contraindication: allergy:<ingredient as listed>', () => {
    const client: HealthFlags = { allergies: 'lidocaine, 阿斯匹靈' };
    expect(matchContraindications(['pregnancy'], client, TODAY, ['Hyaluronic acid', 'Lidocaine'])).toEqual(['allergy:Lidocaine']);
    expect(matchContraindications(['aspirin_allergy'], client, TODAY, ['Salicylic acid'])).toEqual(['aspirin_allergy']);
    expect(matchContraindications(['pregnancy'], client, TODAY)).toEqual([]); // the three-argument call is unchanged
  });
});
