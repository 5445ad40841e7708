import { MAX_OUTCOME_COUNT, REPORT_NARRATIVE, REPORT_SPENT_CENTS, ReportFiling, ReportView } from '@grants/awards';
import type { OutcomeMeasure } from '@grants/calls';
import { OfficialLanguage } from '@grants/core';
import { tooLong } from '../forms/field-rules';
import { MoneyReading, moneyForInput, parseMoney } from '../forms/money';
import { typedText } from '../forms/fields';

export const MAX_SPENT_CENTS = REPORT_SPENT_CENTS.max;
export const MAX_NARRATIVE_LENGTH = REPORT_NARRATIVE.maxLength;
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

export type ReportFormProblem =
  | { field: string; kind: 'spentMissing' | 'spentFormat' | 'spentTooLarge' | 'narrativeMissing' | 'narrativeTooLong' }
  | { field: string; kind: 'count' | 'countTooLarge'; measure: OutcomeMeasure };

/** The spending as typed, in cents, refused above what the API takes. */
function spentCents(typed: string): MoneyReading {
  const reading = parseMoney(typed);
  return reading.ok && reading.cents > MAX_SPENT_CENTS ? { ok: false, reason: 'tooLarge' } : reading;
}

/** A count of zero or more, as typed (a grouping space or comma allowed); null when it is not one. */
export function parseCount(typed: string): number | null {
  const compact = typed.replace(/[\s,]+/g, '');
  return /^\d{1,9}$/.test(compact) ? Number(compact) : null;
}

/** Reads the posted form; fields that are not the report's are ignored. */
export function readReportForm(measures: readonly OutcomeMeasure[], body: Record<string, unknown>): ReportFormValues {
  return { spent: typedText(body[SPENT_FIELD]), counts: measures.map((_measure, index) => typedText(body[countField(index)])), narrative: typedText(body[NARRATIVE_FIELD]) };
}

/** A report sent back for changes opens with what was filed, so only what was asked needs changing. */
export function savedReportForm(locale: OfficialLanguage, measures: readonly OutcomeMeasure[], report: ReportView): ReportFormValues {
  return {
    spent: report.spentCents === null ? '' : moneyForInput(locale, report.spentCents),
    counts: measures.map((measure) => (report.outcomes?.[measure.key] === undefined ? '' : String(report.outcomes[measure.key]))),
    narrative: report.narrative ?? '',
  };
}

/** What is wrong with the form, one problem per field, in the order of the page. */
export function reportFormProblems(measures: readonly OutcomeMeasure[], values: ReportFormValues): ReportFormProblem[] {
  const problems: ReportFormProblem[] = [];
  const spent = spentCents(values.spent);
  if (!spent.ok) problems.push({ field: SPENT_FIELD, kind: spent.reason === 'empty' ? 'spentMissing' : spent.reason === 'format' ? 'spentFormat' : 'spentTooLarge' });
  measures.forEach((measure, index) => {
    const count = parseCount(values.counts[index] ?? '');
    if (count === null) problems.push({ field: countField(index), kind: 'count', measure });
    else if (count > MAX_OUTCOME_COUNT) problems.push({ field: countField(index), kind: 'countTooLarge', measure });
  });
  const narrative = values.narrative.trim();
  if (narrative === '') problems.push({ field: NARRATIVE_FIELD, kind: 'narrativeMissing' });
  else if (tooLong(narrative, REPORT_NARRATIVE)) problems.push({ field: NARRATIVE_FIELD, kind: 'narrativeTooLong' });
  return problems;
}

/** The filing for ReportService; only call it on a form without problems. */
export function toFiling(report: Pick<ReportView, 'kind' | 'period'>, measures: readonly OutcomeMeasure[], values: ReportFormValues): ReportFiling {
  const spent = parseMoney(values.spent);
  return {
    period: report.period,
    kind: report.kind,
    spentCents: spent.ok ? spent.cents : 0,
    outcomes: Object.fromEntries(measures.map((measure, index) => [measure.key, parseCount(values.counts[index] ?? '')])),
    narrative: values.narrative.trim(),
  };
}
