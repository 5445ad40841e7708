import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OfficialLanguage } from '@grants/core';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { spreadsheetText } from '../oversight/funds-report.service';

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * What a column holds, which decides how each format writes it: text typed by people (kept from
 * running as a formula in CSV), an amount in integer cents (written in dollars), an instant (written in
 * Ontario time), a calendar date (`YYYY-MM-DD`), or a plain number.
 */
export type ColumnType = 'text' | 'money' | 'instant' | 'date' | 'number';

export interface ExportColumn {
  heading: string;
  type: ColumnType;
  /** In characters, for the spreadsheet. */
  width: number;
}

/** text: string; money: cents; instant: Date; date: `YYYY-MM-DD`; number: number. Null is an empty cell. */
export type ExportCell = string | number | Date | null;

/** Rows a page at a time, as the database gives them: a writer never holds more than one page. */
export type ExportPages = AsyncIterable<ExportCell[][]>;

/** Told after each page is written, with the rows written so far. */
export type PageWritten = (rowsWritten: number) => Promise<void> | void;

const ONTARIO = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Toronto',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Ontario wall clock at an instant: year, month, day, hour, minute, second. */
function ontarioClock(instant: Date): [number, number, number, number, number, number] {
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(ONTARIO.formatToParts(instant).find((found) => found.type === type)!.value);
  return [part('year'), part('month'), part('day'), part('hour'), part('minute'), part('second')];
}

const two = (value: number): string => String(value).padStart(2, '0');

/** "2027-03-31 17:00": an instant as the Ontario clock showed it, which any spreadsheet reads as a date and time. */
export function ontarioDateTime(instant: Date): string {
  const [year, month, day, hour, minute] = ontarioClock(instant);
  return `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}`;
}

/** Dollars from cents, as a number: 60050 is 600.5. */
export function dollars(cents: number): number {
  return Math.round(cents) / 100;
}

function csvCell(type: ColumnType, value: ExportCell): string | number {
  if (value === null) return '';
  switch (type) {
    case 'text':
      return spreadsheetText(String(value));
    case 'money':
      return dollars(Number(value)).toFixed(2);
    case 'instant':
      return ontarioDateTime(value as Date);
    case 'date':
    case 'number':
      return typeof value === 'number' ? value : spreadsheetText(String(value));
  }
}

/**
 * A spreadsheet cell. A spreadsheet's dates have no time zone: an instant is written as the
 * Ontario clock read it, and a calendar date as that day. Text is written as typed: exceljs writes
 * a string as a string cell, never a formula, so "- item" or "=A1" stays what it is.
 */
function xlsxCell(type: ColumnType, value: ExportCell): string | number | Date | null {
  if (value === null) return null;
  switch (type) {
    case 'text':
      return String(value);
    case 'money':
      return dollars(Number(value));
    case 'instant': {
      const [year, month, day, hour, minute, second] = ontarioClock(value as Date);
      return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    }
    case 'date': {
      // An answer of another call under the same key may not be a date: written as the text it is.
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return String(value);
      const [year, month, day] = value.split('-').map(Number);
      return new Date(Date.UTC(year!, month! - 1, day!));
    }
    case 'number':
      return typeof value === 'number' ? value : String(value);
  }
}

function numberFormat(type: ColumnType, lang: OfficialLanguage): string | undefined {
  switch (type) {
    case 'money':
      return lang === 'fr' ? '#,##0.00 "$"' : '"$"#,##0.00';
    case 'instant':
      return 'yyyy-mm-dd hh:mm';
    case 'date':
      return 'yyyy-mm-dd';
    default:
      return undefined;
  }
}

/**
 * Writes the rows to `out` in the format, page by page, waiting for `out` to take each page before
 * reading the next, so memory holds one page whatever the size. Ends `out`.
 */
export async function writeExport(format: ExportFormat, lang: OfficialLanguage, sheetName: string, columns: ExportColumn[], pages: ExportPages, out: Writable, written?: PageWritten): Promise<void> {
  if (format === 'csv') return writeCsv(columns, pages, out, written);
  return writeXlsx(lang, sheetName, columns, pages, out, written);
}

async function writeCsv(columns: ExportColumn[], pages: ExportPages, out: Writable, written?: PageWritten): Promise<void> {
  // UTF-8 with a byte order mark, as the funds report: Excel then reads accents and syllabics right.
  const csv = stringify({ bom: true, header: true, columns: columns.map((column) => spreadsheetText(column.heading)) });
  async function* lines(): AsyncGenerator<Array<string | number>> {
    let count = 0;
    for await (const page of pages) {
      for (const row of page) yield columns.map((column, index) => csvCell(column.type, row[index] ?? null));
      count += page.length;
      await written?.(count);
    }
  }
  await pipeline(Readable.from(lines()), csv, out);
}

async function writeXlsx(lang: OfficialLanguage, sheetName: string, columns: ExportColumn[], pages: ExportPages, out: Writable, written?: PageWritten): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({ key: String(index), width: column.width, style: numberFormat(column.type, lang) ? { numFmt: numberFormat(column.type, lang) } : {} }));
  const header = sheet.addRow(columns.map((column) => column.heading));
  header.font = { bold: true };
  header.commit();
  let count = 0;
  for await (const page of pages) {
    for (const row of page) sheet.addRow(columns.map((column, index) => xlsxCell(column.type, row[index] ?? null))).commit();
    count += page.length;
    // The archive writes to `out` as rows are committed; a slow reader holds the next page back.
    if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), failed]);
    await written?.(count);
  }
  sheet.commit();
  await Promise.race([workbook.commit(), failed]);
}
