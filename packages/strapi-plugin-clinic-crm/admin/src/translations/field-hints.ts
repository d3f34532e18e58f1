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
  'on-call-shift': {
    startsAt: ['診所時區（台北）的日期與時間；同一部門的主值班不可重疊。', '诊所时区（台北）的日期与时间；同一部门的主值班不可重叠。', 'Date and time in the clinic’s time zone; primary shifts of one department may not overlap.'],
    staff: ['須為在職且屬於該部門的人員。', '须为在职且属于该部门的人员。', 'An active member of that department.'],
  },
  'routing-rule': {
    clock: ['營業時間：只計開診時間；全天候：夜間與假日照計（緊急醫療客訴）。', '营业时间：只计开诊时间；全天候：夜间与假日照计（紧急医疗客诉）。', 'Business hours count opening hours only; round the clock counts nights and holidays too (medical emergencies).'],
    page: ['立即呼叫值班主治醫師，未確認時依序呼叫備援與管理者。', '立即呼叫值班主治医师，未确认时依序呼叫备援与管理者。', 'Pages the on-call primary at once; unacknowledged, the backup and then management.'],
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
