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
  'routing-rule': {
    handoffPlan: [
      '客訴處理台依序建議的轉交部門，例如 ["nurse", "doctor", "management"]：護理師先了解狀況，醫師判斷，管理部決定。',
      '客诉处理台依序建议的转交部门，例如 ["nurse", "doctor", "management"]：护理师先了解状况，医师判断，管理部决定。',
      'Departments the complaint desk proposes in turn, e.g. ["nurse", "doctor", "management"]: the nurse gathers facts, the doctor judges, management decides.',
    ],
  },
  'calendar-day': {
    kind: [
      '國定假日由假日資料自動帶入，這裡只登錄診所自己的休診日與補班／加診日；客訴時限不計休診日。',
      '法定假日由假日资料自动带入，这里只登记诊所自己的休诊日与补班／加诊日；客诉时限不计休诊日。',
      'Public holidays come from the holiday source; enter only the clinic’s own closures and make-up workdays here. Complaint deadlines skip closed days.',
    ],
    opensAt: ['補班／加診日：留空則沿用平日營業時間；休診日請留空。', '补班／加诊日：留空则沿用平日营业时间；休诊日请留空。', 'Workday: leave empty for the usual weekday hours. Closure: leave empty.'],
  },
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
