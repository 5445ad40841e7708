// Relative until the calls library has its path alias; only a type crosses, so nothing loads at run time.
import { Problem } from '../../../calls/src/call-terms';
import { BUDGET_LINE_DESCRIPTION } from '../field-rules';

export const BUDGET_CATEGORIES = [
  'personnel',
  'program_delivery',
  'participant_support',
  'training',
  'travel',
  'equipment',
  'administration',
  'evaluation',
  'other',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export interface BudgetLine {
  fiscalYear: string;
  category: BudgetCategory;
  description: string;
  amountCents: number;
}

export const MAX_BUDGET_LINES = 200;
const MAX_DESCRIPTION_LENGTH = BUDGET_LINE_DESCRIPTION.maxLength;
const FISCAL_YEAR_LABEL = /^(\d{4})-(\d{2})$/;
/** Ontario's fiscal year begins on 1 April. */
const FISCAL_YEAR_FIRST_MONTH = 4;

// Building a formatter is slow; one serves every call.
const ontarioDateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'America/Toronto',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

interface LocalDate {
  year: number;
  /** 1 to 12 */
  month: number;
  day: number;
}

/** The start year of a fiscal year label such as `2027-28`, or null when the label is malformed. */
export function parseFiscalYear(label: string): number | null {
  const match = FISCAL_YEAR_LABEL.exec(label);
  if (match === null) return null;
  const startYear = Number(match[1]);
  return match[2] === endDigits(startYear) ? startYear : null;
}

export function fiscalYearLabel(startYear: number): string {
  if (!Number.isInteger(startYear) || startYear < 0 || startYear > 9999) {
    throw new RangeError(`A fiscal year starts in a four-digit year, not ${startYear}`);
  }
  return `${String(startYear).padStart(4, '0')}-${endDigits(startYear)}`;
}

/** The fiscal year containing an instant, judged by the date in Ontario at that instant. */
export function fiscalYearOf(instant: Date): string {
  return fiscalYearLabel(fiscalStartYear(ontarioDate(instant)));
}

/**
 * The fiscal years a project may budget for: those overlapping the period from projectStart
 * (inclusive) to maxDurationMonths later (exclusive), on Ontario dates, earliest first.
 */
export function allowedFiscalYears(projectStart: Date, maxDurationMonths: number): string[] {
  if (!Number.isInteger(maxDurationMonths) || maxDurationMonths < 1) {
    throw new RangeError(`A project lasts a whole number of months, at least 1, not ${maxDurationMonths}`);
  }
  const start = ontarioDate(projectStart);
  const first = fiscalStartYear(start);
  const last = fiscalStartYear(lastDayOfPeriod(start, maxDurationMonths));
  return Array.from({ length: last - first + 1 }, (_, offset) => fiscalYearLabel(first + offset));
}

/** What is wrong with a budget being saved, each problem named by its path (`budget[2].fiscalYear`). */
export function budgetProblems(lines: BudgetLine[], allowedYears: string[]): Problem[] {
  const tooMany =
    lines.length > MAX_BUDGET_LINES ? [{ field: 'budget', message: `must have at most ${MAX_BUDGET_LINES} lines` }] : [];
  return [...tooMany, ...lines.flatMap((line, i) => lineProblems(`budget[${i}]`, line, allowedYears))];
}

/** The exact sum of the lines; throws rather than return a total that is no longer exact. */
export function budgetTotalCents(lines: BudgetLine[]): number {
  return lines.reduce((total, line) => {
    if (!Number.isSafeInteger(line.amountCents)) {
      throw new RangeError(`A budget amount must be a whole number of cents, not ${line.amountCents}`);
    }
    const sum = total + line.amountCents;
    if (!Number.isSafeInteger(sum)) throw new RangeError('The budget total is too large to count exactly');
    return sum;
  }, 0);
}

/** An application's reference number, such as `CBSF-2027-0042`. */
export function formatReferenceNumber(fundCode: string, year: number, sequence: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`A reference number needs a four-digit year, not ${year}`);
  }
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`A reference number needs a sequence of 1 or more, not ${sequence}`);
  }
  return `${fundCode}-${year}-${String(sequence).padStart(4, '0')}`;
}

function lineProblems(path: string, line: BudgetLine, allowedYears: readonly string[]): Problem[] {
  return [
    ...fiscalYearProblems(`${path}.fiscalYear`, line.fiscalYear, allowedYears),
    ...(isBudgetCategory(line.category)
      ? []
      : [{ field: `${path}.category`, message: `must be one of ${BUDGET_CATEGORIES.join(', ')}` }]),
    ...descriptionProblems(`${path}.description`, line.description),
    ...(Number.isSafeInteger(line.amountCents) && line.amountCents > 0
      ? []
      : [{ field: `${path}.amountCents`, message: 'must be a positive whole number of cents' }]),
  ];
}

function fiscalYearProblems(field: string, fiscalYear: unknown, allowedYears: readonly string[]): Problem[] {
  if (typeof fiscalYear !== 'string' || parseFiscalYear(fiscalYear) === null) {
    return [{ field, message: 'must be a fiscal year written like 2027-28' }];
  }
  return allowedYears.includes(fiscalYear) ? [] : [{ field, message: `must be one of ${allowedYears.join(', ')}` }];
}

function descriptionProblems(field: string, description: unknown): Problem[] {
  if (typeof description !== 'string' || description.trim() === '') return [{ field, message: 'is required' }];
  // Code points, so an accented or syllabics character counts once however it is encoded in UTF-16.
  return [...description].length > MAX_DESCRIPTION_LENGTH
    ? [{ field, message: `must be at most ${MAX_DESCRIPTION_LENGTH} characters` }]
    : [];
}

export function isBudgetCategory(value: unknown): value is BudgetCategory {
  return (BUDGET_CATEGORIES as readonly unknown[]).includes(value);
}

function endDigits(startYear: number): string {
  return String((startYear + 1) % 100).padStart(2, '0');
}

function fiscalStartYear(date: LocalDate): number {
  return date.month >= FISCAL_YEAR_FIRST_MONTH ? date.year : date.year - 1;
}

function ontarioDate(instant: Date): LocalDate {
  const parts = ontarioDateParts.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * The last day before the period's exclusive end. A day past the end of a short month rolls into
 * the next (31 January + 1 month becomes 3 March); that never carries the last day across 1 April,
 * the only boundary that matters here.
 */
function lastDayOfPeriod(start: LocalDate, months: number): LocalDate {
  const lastDay = new Date(Date.UTC(start.year, start.month - 1 + months, start.day - 1));
  return { year: lastDay.getUTCFullYear(), month: lastDay.getUTCMonth() + 1, day: lastDay.getUTCDate() };
}
