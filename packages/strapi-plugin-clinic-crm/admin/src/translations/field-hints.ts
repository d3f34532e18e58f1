/**
 * Hints shown under content-manager fields (Strapi's `hint`), per interface language
 * [zh-Hant, zh-Hans, en]: the treatment's contraindication codes come from the server's table.
 */
import { CONTRAINDICATIONS } from '../../../server/src/clients/domain/contraindications';
import type { Three } from './fields';

const codeList = (i: 0 | 1 | 2) => {
  const lang = (['zh-Hant', 'zh-Hans', 'en'] as const)[i];
  return Object.entries(CONTRAINDICATIONS)
    .map(([code, rule]) => `${code}${i === 2 ? ': ' : '：'}${rule[lang]}`)
    .join(i === 2 ? '; ' : '；');
};

/** Edit-view hints under the field (Strapi's `hint`), per type and field. */
export const FIELD_HINTS: Record<string, Record<string, Three>> = {
  treatment: {
    contraindications: [
      `代碼清單，例如 ["pregnancy", "pacemaker"]；其他代碼無法儲存。可用代碼：${codeList(0)}`,
      `代码清单，例如 ["pregnancy", "pacemaker"]；其他代码无法保存。可用代码：${codeList(1)}`,
      `A list of codes, e.g. ["pregnancy", "pacemaker"]; any other code cannot be saved. Known codes: ${codeList(2)}`,
    ],
    ingredients: [
      '每項一個名稱，例如 ["Lidocaine", "Hyaluronic acid"]；客戶過敏史提到其中之一（含中文名稱）時，簽署同意書須醫師評估。',
      '每项一个名称，例如 ["Lidocaine", "Hyaluronic acid"]；客户过敏史提到其中之一（含中文名称）时，签署同意书须医师评估。',
      'One name per entry, e.g. ["Lidocaine", "Hyaluronic acid"]; when a client’s allergies name one (Chinese names included), the consent needs a doctor’s review.',
    ],
  },
};
