import { MAX_OUTCOME_COUNT, ReportFiling, ReportView } from '@grants/awards';
import type { OutcomeMeasure } from '@grants/calls';
import { OfficialLanguage } from '@grants/core';

/** The same limits as the JSON API's FileReportDto. */
export const MAX_SPENT_CENTS = 100_000_000_000;
export const MAX_NARRATIVE_LENGTH = 20_000;
export { MAX_OUTCOME_COUNT };

export const SPENT_FIELD = 'spent';
export const NARRATIVE_FIELD = 'narrative';
/** By position, not by key: a call's measure keys are free text, not always fit for an HTML id. */
export const countField = (index: number): string => `count-${index}`;

/** The report form as typed: text, so that a wrong value is shown back exactly as it was entered. */
export interface ReportFormValues {
  spent: string;
  /** One per outcome measure of the call, in the call's order. */
  counts: string[];
  narrative: string;
}

export type DollarsParse = { ok: true; cents: number } | { ok: false; problem: 'missing' | 'format' | 'tooLarge' };

export type ReportFormProblem =
  | { field: string; kind: 'spentMissing' | 'spentFormat' | 'spentTooLarge' | 'narrativeMissing' | 'narrativeTooLong' }
  | { field: string; kind: 'count' | 'countTooLarge'; measure: OutcomeMeasure };

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value : '';
}

/**
 * Dollars as English or French Canadians write them, into exact cents: `1,234.56`, `1 234,56`,
 * `$1234.5`, `1 234,56 $`, `1234`. The last comma or point followed by one or two digits is the
 * decimal mark; a comma followed by three digits groups thousands. Anything ambiguous (`1.234`,
 * three decimals, groups that are not of three) is refused rather than guessed.
 */
export function parseDollars(typed: string): DollarsParse {
  const compact = typed.replace(/\s+/g, '').replace(/^\$|\$$/g, '');
  if (compact === '') return { ok: false, problem: 'missing' };
  if (!/^[\d,.]+$/.test(compact)) return { ok: false, problem: 'format' };
  const last = Math.max(compact.lastIndexOf(','), compact.lastIndexOf('.'));
  let whole = compact;
  let fraction = '';
  if (last >= 0) {
    const tail = compact.slice(last + 1);
    if (/^\d{1,2}$/.test(tail)) {
      whole = compact.slice(0, last);
      fraction = tail;
      // The decimal mark appears once, and the other mark only groups the whole dollars.
      if (whole.includes(compact[last]!)) return { ok: false, problem: 'format' };
    } else if (!(compact[last] === ',' && /^\d{3}$/.test(tail))) {
      return { ok: false, problem: 'format' };
    }
  }
  const digits = groupedDigits(whole);
  if (digits === null) return { ok: false, problem: 'format' };
  if (digits.length > 12) return { ok: false, problem: 'tooLarge' };
  const cents = Number(digits || '0') * 100 + Number(fraction.padEnd(2, '0'));
  return cents > MAX_SPENT_CENTS ? { ok: false, problem: 'tooLarge' } : { ok: true, cents };
}

/** The digits of whole dollars written plainly or grouped by threes with one kind of mark; null otherwise. */
function groupedDigits(whole: string): string | null {
  if (/^\d*$/.test(whole)) return whole;
  const mark = whole.includes(',') ? ',' : '.';
  const groups = whole.split(mark);
  const [first, ...rest] = groups;
  if (!/^\d{1,3}$/.test(first ?? '') || rest.some((group) => !/^\d{3}$/.test(group))) return null;
  return groups.join('');
}

/** A count of zero or more, as typed (a grouping space or comma allowed); null when it is not one. */
export function parseCount(typed: string): number | null {
  const compact = typed.replace(/[\s,]+/g, '');
  return /^\d{1,9}$/.test(compact) ? Number(compact) : null;
}

/** Cents as the form shows them back to be edited: `4,900.00` or `4 900,00`, without a currency sign. */
export function dollarsText(locale: OfficialLanguage, cents: number): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(cents / 100);
}

/** Reads the posted form; fields that are not the report's are ignored. */
export function readReportForm(measures: readonly OutcomeMeasure[], body: Record<string, unknown>): ReportFormValues {
  return { spent: text(body[SPENT_FIELD]), counts: measures.map((_measure, index) => text(body[countField(index)])), narrative: text(body[NARRATIVE_FIELD]) };
}

/** A report sent back for changes opens with what was filed, so only what was asked needs changing. */
export function savedReportForm(locale: OfficialLanguage, measures: readonly OutcomeMeasure[], report: ReportView): ReportFormValues {
  return {
    spent: report.spentCents === null ? '' : dollarsText(locale, report.spentCents),
    counts: measures.map((measure) => (report.outcomes?.[measure.key] === undefined ? '' : String(report.outcomes[measure.key]))),
    narrative: report.narrative ?? '',
  };
}

/** What is wrong with the form, one problem per field, in the order of the page. */
export function reportFormProblems(measures: readonly OutcomeMeasure[], values: ReportFormValues): ReportFormProblem[] {
  const problems: ReportFormProblem[] = [];
  const spent = parseDollars(values.spent);
  if (!spent.ok) problems.push({ field: SPENT_FIELD, kind: spent.problem === 'missing' ? 'spentMissing' : spent.problem === 'format' ? 'spentFormat' : 'spentTooLarge' });
  measures.forEach((measure, index) => {
    const count = parseCount(values.counts[index] ?? '');
    if (count === null) problems.push({ field: countField(index), kind: 'count', measure });
    else if (count > MAX_OUTCOME_COUNT) problems.push({ field: countField(index), kind: 'countTooLarge', measure });
  });
  const narrative = values.narrative.trim();
  if (narrative === '') problems.push({ field: NARRATIVE_FIELD, kind: 'narrativeMissing' });
  else if (narrative.length > MAX_NARRATIVE_LENGTH) problems.push({ field: NARRATIVE_FIELD, kind: 'narrativeTooLong' });
  return problems;
}

/** The filing for ReportService; only call it on a form without problems. */
export function toFiling(report: Pick<ReportView, 'kind' | 'period'>, measures: readonly OutcomeMeasure[], values: ReportFormValues): ReportFiling {
  const spent = parseDollars(values.spent);
  return {
    period: report.period,
    kind: report.kind,
    spentCents: spent.ok ? spent.cents : 0,
    outcomes: Object.fromEntries(measures.map((measure, index) => [measure.key, parseCount(values.counts[index] ?? '')])),
    narrative: values.narrative.trim(),
  };
}
