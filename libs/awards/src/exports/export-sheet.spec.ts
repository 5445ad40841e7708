import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { dollars, ExportCell, ExportColumn, ExportFormat, ontarioDateTime, writeExport } from './export-sheet';

const COLUMNS: ExportColumn[] = [
  { heading: 'Title', type: 'text', width: 20 },
  { heading: 'Requested ($)', type: 'money', width: 12 },
  { heading: 'Submitted', type: 'instant', width: 18 },
  { heading: 'Due', type: 'date', width: 12 },
  { heading: 'People', type: 'number', width: 8 },
];

async function written(format: ExportFormat, pages: ExportCell[][][]): Promise<{ bytes: Buffer; counts: number[] }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const counts: number[] = [];
  async function* source(): AsyncGenerator<ExportCell[][]> {
    yield* pages;
  }
  await writeExport(format, 'en', 'Sheet', COLUMNS, source(), out, (count) => void counts.push(count));
  return { bytes: Buffer.concat(chunks), counts };
}

describe('export cells', () => {
  it('writes instants as the Ontario clock shows them, summer and winter', () => {
    expect(ontarioDateTime(new Date('2027-03-31T21:00:00Z'))).toBe('2027-03-31 17:00');
    expect(ontarioDateTime(new Date('2027-01-15T05:30:00Z'))).toBe('2027-01-15 00:30');
  });

  it('turns cents into dollars as numbers', () => {
    expect(dollars(60050)).toBe(600.5);
    expect(dollars(8_500_000)).toBe(85000);
  });

  it('writes CSV with a BOM, dollars with two decimals, and text kept from running as a formula', async () => {
    const { bytes, counts } = await written('csv', [[['=1+1', 60050, new Date('2027-03-31T21:00:00Z'), '2027-04-01', 40]], [['-2', null, null, null, null]]]);
    expect(bytes.toString('utf8')).toBe("\ufeffTitle,Requested ($),Submitted,Due,People\n'=1+1,600.50,2027-03-31 17:00,2027-04-01,40\n'-2,,,,\n");
    expect(counts).toEqual([1, 2]);
  });

  it('writes XLSX with numeric amounts, real dates, text as typed and a bold frozen header', async () => {
    const { bytes } = await written('xlsx', [[['@SUM(A1)', 60050, new Date('2027-03-31T21:00:00Z'), '2027-04-01', 40]], [['- item', null, null, null, null]], [['=1+1', null, null, null, null]]]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    const row = sheet.getRow(2);
    // A string cell is never a formula: no guard, the text exactly as typed.
    expect(row.getCell(1).value).toBe('@SUM(A1)');
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(3).getCell(1).value).toBe('- item');
    expect(sheet.getRow(4).getCell(1).value).toBe('=1+1');
    expect(sheet.getRow(4).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(2).value).toBe(600.5);
    expect(row.getCell(2).numFmt).toBe('"$"#,##0.00');
    // The Ontario wall clock, as a spreadsheet's dates have no time zone.
    expect(row.getCell(3).value).toEqual(new Date(Date.UTC(2027, 2, 31, 17, 0)));
    expect(row.getCell(4).value).toEqual(new Date(Date.UTC(2027, 3, 1)));
    expect(row.getCell(5).type).toBe(ExcelJS.ValueType.Number);
  });
});
