/**
 * Chinese text uses full-width punctuation (，；：！？（）): staff-facing labels, website texts,
 * e-mails and the demo catalogue. Half-width punctuation next to a Chinese character is a typo.
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const PLUGIN = path.join(ROOT, 'packages', 'strapi-plugin-clinic-crm');
const HALF_WIDTH_NEXT_TO_CJK = /[\u3400-\u9fff][,;:!?(]|[,;:!?][\u3400-\u9fff]|\([\u3400-\u9fff][^()]*\)/g;

const TEXT_FILES = [
  'admin/src/translations/zh.json',
  'admin/src/translations/zh-Hans.json',
  'server/src/core/outbox/email-templates.ts',
  'server/src/demo/catalogue.ts',
  'server/src/demo/people.ts',
  'server/src/follow-ups/domain/follow-up-ladder.ts',
  'server/src/clients/domain/contraindications.ts',
  'server/src/clients/domain/allergies.ts',
  'admin/src/translations/fields.ts',
  'admin/src/translations/field-hints.ts',
  'server/src/core/i18n/locales.ts',
  'server/src/operations/operations.service.ts',
].map((f) => path.join(PLUGIN, f));
const WEBSITE = ['public/price-table.html', 'public/survey.html', 'public/demo/price-table.js', 'public/demo/survey.js'].map((f) => path.join(ROOT, f));

describe('full-width punctuation in Chinese text', () => {
  it.each([...TEXT_FILES, ...WEBSITE].map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const found = (text.match(HALF_WIDTH_NEXT_TO_CJK) ?? []).slice(0, 10);
    expect(found).toEqual([]);
    // UTF-8 read as Latin-1 and written again ("ï¼" for "（"): a broken edit, not Chinese
    expect(text.match(/[\u00c2-\u00ef][\u0080-\u00bf]{1,2}/g) ?? []).toEqual([]);
  });
});
