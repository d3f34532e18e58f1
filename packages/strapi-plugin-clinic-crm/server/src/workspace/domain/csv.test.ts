import fc from 'fast-check';
import { csvCell, csvLine, parseCsv, parseRecords, CsvError } from './csv';
import { mapHeader, validateRow } from '../../clients/domain/client-import';

describe('CSV parsing', () => {
  it('reads quotes, embedded commas/newlines, CRLF and an Excel BOM, with the starting line of each record', () => {
    const text = '\ufeff客戶編號,姓名,電話\r\nC-1,"周, 小姐","0912"\r\nC-2,"多行\n名字",0933\r\n\r\nC-3,"say ""hi""",0944\n';
    const { header, rows } = parseCsv(text);
    expect(header).toEqual(['客戶編號', '姓名', '電話']);
    expect(rows.map((r) => r.line)).toEqual([2, 3, 6]);
    expect(rows[0].values['姓名']).toBe('周, 小姐');
    expect(rows[1].values['姓名']).toBe('多行\n名字');
    expect(rows[2].values['姓名']).toBe('say "hi"');
  });

  it('names the line of an unclosed quote or a stray quote', () => {
    expect(() => parseRecords('a,b\n1,"open\n2,3')).toThrow(CsvError);
    expect(() => parseRecords('a,b\n1,"open\n2,3')).toThrow(/line 2/);
    expect(() => parseRecords('a,b\n1,x"y')).toThrow(/line 2/);
  });

  it('reports rows whose cell count differs from the header', () => {
    expect(parseCsv('a,b\n1\n1,2\n1,2,3').width).toEqual([
      { line: 2, cells: 1 },
      { line: 4, cells: 3 },
    ]);
  });

  it('round-trips any table through csvLine → parseRecords (property)', () => {
    const cell = fc.string({ maxLength: 20 }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 20 }), (table) => {
        const rows = table.filter((r) => !(r.length === 1 && r[0] === ''));
        const text = rows.map((r) => csvLine(r)).join('');
        expect(parseRecords(text).map((r) => r.fields)).toEqual(rows.filter((r) => r.some((c) => c !== '') || r.length > 1));
      })
    );
  });

  it('neutralises spreadsheet formulas on export but keeps negative numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+886 912')).toBe(`'+886 912`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('-1200')).toBe('-1200');
    expect(csvCell(null)).toBe('');
  });
});

describe('client import rows', () => {
  const header = mapHeader(['客戶編號', '姓名', '電話', 'Email', '性別', '出生日期', '语言', 'Shoe size']);

  it('maps zh-Hant, zh-Hans and English headers and reports unknown columns', () => {
    expect(header.columns).toMatchObject({ clientNumber: '客戶編號', fullName: '姓名', phone: '電話', email: 'Email', gender: '性別', dateOfBirth: '出生日期', preferredLanguage: '语言' });
    expect(header.unknown).toEqual(['Shoe size']);
    expect(mapHeader(['name']).missing).toEqual(['clientNumber', 'phone']);
  });

  it('accepts a good row and normalises it', () => {
    const seen = new Set<string>();
    const r = validateRow({ line: 2, values: { 客戶編號: 'c-77', 姓名: '林小姐', 電話: '0912-000-111', Email: '', 性別: '女', 出生日期: '1990/1/5', 语言: '简体中文' } }, header.columns, seen);
    expect(r).toEqual({ ok: true, row: { line: 2, firstContactStaffEmail: null, data: expect.objectContaining({ clientNumber: 'C-77', gender: 'female', dateOfBirth: '1990-01-05', preferredLanguage: 'zh-Hans', email: null }) } });
  });

  it('names every bad field of a row, and a number repeated in the file', () => {
    const seen = new Set<string>(['C-1']);
    const r = validateRow({ line: 9, values: { 客戶編號: 'C-1', 姓名: '', 電話: 'call me', Email: 'x@', 性別: 'maybe', 出生日期: '2999-01-01', 语言: 'fr' } }, header.columns, seen);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.line).toBe(9);
      expect(r.errors.map((e) => e.field).sort()).toEqual(['clientNumber', 'dateOfBirth', 'email', 'fullName', 'gender', 'phone', 'preferredLanguage']);
    }
  });
});
