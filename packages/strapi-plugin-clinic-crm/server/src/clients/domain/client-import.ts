/**
 * Client import from CSV: column names in zh-Hant, zh-Hans or English, per-row validation that
 * names the column, and nothing dropped silently: every data row ends as a client or an error.
 */
import type { CsvRow } from '../../workspace/domain/csv';

export const IMPORT_FIELDS = [
  'clientNumber',
  'fullName',
  'preferredName',
  'gender',
  'dateOfBirth',
  'phone',
  'email',
  'preferredLanguage',
  'aestheticGoals',
  'firstContactStaffEmail',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const ALIASES: Record<ImportField, string[]> = {
  clientNumber: ['clientnumber', 'client number', '客戶編號', '客户编号', '編號', '编号'],
  fullName: ['fullname', 'full name', 'name', '姓名'],
  preferredName: ['preferredname', 'preferred name', '稱呼', '称呼'],
  gender: ['gender', '性別', '性别'],
  dateOfBirth: ['dateofbirth', 'date of birth', 'birthday', '出生日期', '生日'],
  phone: ['phone', 'mobile', '電話', '电话', '手機', '手机'],
  email: ['email', 'e-mail', '電子郵件', '电子邮件', 'email 地址'],
  preferredLanguage: ['preferredlanguage', 'language', '語言', '语言', '偏好語言', '偏好语言'],
  aestheticGoals: ['aestheticgoals', 'aesthetic goals', 'goals', '美容目標', '美容目标', '期望'],
  firstContactStaffEmail: ['firstcontactstaffemail', 'first contact staff', 'first contact', '首次接待人員', '首次接待人员', '接待人員', '接待人员'],
};

const norm = (h: string) => h.normalize('NFKC').trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** Maps each header cell to a field; unknown columns are reported, not guessed. */
export const mapHeader = (header: string[]) => {
  const columns: Partial<Record<ImportField, string>> = {};
  const unknown: string[] = [];
  const duplicate: string[] = [];
  for (const h of header) {
    const n = norm(h);
    const field = (Object.keys(ALIASES) as ImportField[]).find((f) => ALIASES[f].some((a) => norm(a) === n) || norm(f) === n);
    if (!field) unknown.push(h);
    else if (columns[field]) duplicate.push(h);
    else columns[field] = h;
  }
  const missing = (['clientNumber', 'fullName', 'phone'] as ImportField[]).filter((f) => !columns[f]);
  return { columns, unknown, duplicate, missing };
};

const GENDER: Record<string, string> = {
  female: 'female', f: 'female', 女: 'female', 女性: 'female',
  male: 'male', m: 'male', 男: 'male', 男性: 'male',
  other: 'other', 其他: 'other',
  undisclosed: 'undisclosed', '': 'undisclosed', 不透露: 'undisclosed', 未提供: 'undisclosed',
};
const LANGUAGE: Record<string, string> = {
  'zh-hant': 'zh-Hant', 繁體中文: 'zh-Hant', 繁体中文: 'zh-Hant', 'zh-tw': 'zh-Hant',
  'zh-hans': 'zh-Hans', 简体中文: 'zh-Hans', 簡體中文: 'zh-Hans', 'zh-cn': 'zh-Hans',
  en: 'en', english: 'en', 英文: 'en',
};

export interface RowError {
  field: string;
  message: string;
}

export interface ValidRow {
  line: number;
  data: Record<string, string | null>;
  firstContactStaffEmail: string | null;
}

const validDate = (s: string): string | null => {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  if (y < 1900 || dt.getTime() > Date.now()) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

const LIMITS: Partial<Record<ImportField, number>> = { clientNumber: 32, fullName: 120, preferredName: 60, phone: 32, email: 254, aestheticGoals: 4000 };

/** Validates one row; `seen` carries client numbers met earlier in the same file. */
export const validateRow = (row: CsvRow, columns: Partial<Record<ImportField, string>>, seen: Set<string>): { ok: true; row: ValidRow } | { ok: false; line: number; errors: RowError[] } => {
  const get = (f: ImportField) => (columns[f] ? (row.values[columns[f]!] ?? '').trim() : '');
  const errors: RowError[] = [];
  const data: Record<string, string | null> = {};
  for (const f of IMPORT_FIELDS) {
    const v = get(f);
    const max = LIMITS[f];
    if (max && v.length > max) errors.push({ field: f, message: `${f} is longer than ${max} characters` });
  }
  const clientNumber = get('clientNumber').toUpperCase();
  if (!clientNumber) errors.push({ field: 'clientNumber', message: 'clientNumber is required' });
  else if (!/^[A-Z0-9-]+$/.test(clientNumber)) errors.push({ field: 'clientNumber', message: 'clientNumber may contain only letters, digits and -' });
  else if (seen.has(clientNumber)) errors.push({ field: 'clientNumber', message: `clientNumber ${clientNumber} appears earlier in the file` });
  data.clientNumber = clientNumber;

  const fullName = get('fullName');
  if (!fullName) errors.push({ field: 'fullName', message: 'fullName is required' });
  data.fullName = fullName;
  data.preferredName = get('preferredName') || null;

  const phone = get('phone');
  if (!phone) errors.push({ field: 'phone', message: 'phone is required' });
  else if (!/^\+?[0-9 ()-]{6,32}$/.test(phone)) errors.push({ field: 'phone', message: 'phone must be 6–32 digits, spaces, ( ) or -, optionally starting with +' });
  data.phone = phone;

  const email = get('email');
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', message: 'email is not a valid address' });
  data.email = email || null;

  const gender = GENDER[get('gender').toLowerCase()];
  if (gender === undefined) errors.push({ field: 'gender', message: 'gender must be female, male, other or undisclosed (女/男/其他)' });
  data.gender = gender ?? null;

  const dob = get('dateOfBirth');
  if (dob) {
    const d = validDate(dob);
    if (!d) errors.push({ field: 'dateOfBirth', message: 'dateOfBirth must be a past date as YYYY-MM-DD' });
    data.dateOfBirth = d;
  } else data.dateOfBirth = null;

  const lang = get('preferredLanguage');
  if (lang) {
    const l = LANGUAGE[lang.toLowerCase()];
    if (!l) errors.push({ field: 'preferredLanguage', message: 'preferredLanguage must be zh-Hant, zh-Hans or en' });
    data.preferredLanguage = l ?? null;
  } else data.preferredLanguage = 'zh-Hant';

  data.aestheticGoals = get('aestheticGoals') || null;
  const staffEmail = get('firstContactStaffEmail').toLowerCase() || null;

  if (errors.length) return { ok: false, line: row.line, errors };
  seen.add(clientNumber);
  return { ok: true, row: { line: row.line, data, firstContactStaffEmail: staffEmail } };
};
