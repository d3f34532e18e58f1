/**
 * CSV as clinics meet it: RFC 4180 quoting, CRLF, LF or CR, a UTF-8 BOM from Excel, blank lines.
 * Parsing (csv-parse) reports where a malformed record is instead of guessing; writing
 * (csv-stringify) guards against spreadsheet formula injection (a cell starting with = + - @ is
 * prefixed with ', negative numbers excepted).
 */
import { parse, CsvError as ParseError } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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

const LINE_BREAK = /\r\n|\n|\r/;

/** Splits text into records of fields, each with the line it starts on. Throws CsvError naming the line of a malformed record. */
export const parseRecords = (text: string): Array<{ line: number; fields: string[] }> => {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = src.split(LINE_BREAK);
  // a record starts on the first non-blank line after the previous one ended
  let previousEnd = 0;
  const startAfter = (end: number, upTo: number) => {
    let start = end + 1;
    while (start < upTo && lines[start - 1] === '') start++;
    return start;
  };
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    const options = {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      on_record: (record: string[], context: { lines: number }) => ((previousEnd = context.lines), record),
    };
    // with `info`, csv-parse returns { record, info } per record (its typings describe the record alone)
    parsed = parse(src, options) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
    const at = (e as ParseError & { lines?: number }).lines ?? previousEnd + 1;
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') {
      const start = startAfter(previousEnd, at);
      throw new CsvError(`line ${start}: a quoted field is not closed`, start);
    }
    if (e.code === 'INVALID_OPENING_QUOTE') throw new CsvError(`line ${at}: a quote inside an unquoted field`, at);
    throw new CsvError(`line ${at}: ${e.message}`, at);
  }
  let end = 0;
  return parsed.map(({ record, info }) => {
    const line = startAfter(end, info.lines);
    end = info.lines;
    return { line, fields: record };
  });
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
/** A leading formula character is neutralised for spreadsheets (negative numbers stay as they are). */
const neutralise = (s: string) => (FORMULA_START.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s);

const WRITE = {
  record_delimiter: '\r\n',
  quoted_match: /[\r\n]/,
  cast: {
    string: neutralise,
    number: (n: number) => neutralise(String(n)),
    bigint: (n: bigint) => neutralise(String(n)),
    boolean: (b: boolean) => String(b),
    date: (d: Date) => d.toISOString(),
    object: (o: Record<string, unknown>) => neutralise(JSON.stringify(o)),
  },
};

/** One line of cells, CRLF-terminated: quoted when needed. */
export const csvLine = (cells: unknown[]): string => stringify([cells.map((c) => (c === null || c === undefined ? '' : c))], WRITE);

/** One cell as it appears in a line. */
export const csvCell = (value: unknown): string => {
  const line = csvLine([value]);
  return line.slice(0, -2);
};
