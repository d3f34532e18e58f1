/**
 * CSV as clinics meet it: RFC 4180 quoting, CRLF or LF, a UTF-8 BOM from Excel, blank lines.
 * Parsing reports where a malformed record is instead of guessing; writing guards against
 * spreadsheet formula injection (a cell starting with = + - @ is prefixed with ').
 */

export class CsvError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message);
  }
}

export interface CsvRow {
  /** 1-based line in the file where the record starts (the header is line 1). */
  line: number;
  values: Record<string, string>;
}

/** Splits text into records of fields. Throws CsvError with the line of an unterminated quote. */
export const parseRecords = (text: string): Array<{ line: number; fields: string[] }> => {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldQuoted = false;
  const endField = () => {
    fields.push(field);
    field = '';
    fieldQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === '' )) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.length > 0 || fieldQuoted) throw new CsvError(`line ${line}: a quote inside an unquoted field`, line);
      inQuotes = true;
      fieldQuoted = true;
    } else if (ch === ',') endField();
    else if (ch === '\r' && src[i + 1] === '\n') {
      /* handled by the \n */
    } else if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else field += ch;
  }
  if (inQuotes) throw new CsvError(`line ${recordLine}: a quoted field is not closed`, recordLine);
  if (field.length > 0 || fields.length > 0 || fieldQuoted) endRecord();
  return records;
};

/** Records keyed by the header row (header names trimmed). Extra cells beyond the header are an error per row, reported by the caller. */
export const parseCsv = (text: string): { header: string[]; rows: CsvRow[]; width: Array<{ line: number; cells: number }> } => {
  const records = parseRecords(text);
  if (records.length === 0) return { header: [], rows: [], width: [] };
  const header = records[0].fields.map((h) => h.trim());
  const width: Array<{ line: number; cells: number }> = [];
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== header.length) width.push({ line: r.line, cells: r.fields.length });
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      values[h] = r.fields[i] ?? '';
    });
    return { line: r.line, values };
  });
  return { header, rows, width };
};

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: quoted when needed; a leading formula character is neutralised for spreadsheets. */
export const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  let s = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvLine = (cells: unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;
