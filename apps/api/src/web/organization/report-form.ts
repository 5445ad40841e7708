import { BUDGET_CATEGORIES, BudgetCategory } from '@grants/applications';
import { Award, MAX_OUTCOME_COUNT, REPORT_NARRATIVE, REPORT_SPENT_CENTS, ReportFiling, ReportView } from '@grants/awards';
import type { OutcomeMeasure } from '@grants/calls';
import { OfficialLanguage } from '@grants/core';
import { tooLong } from '../forms/field-rules';
import { MoneyReading, moneyForInput, parseMoney } from '../forms/money';
import { typedText } from '../forms/fields';

export const MAX_SPENT_CENTS = REPORT_SPENT_CENTS.max;
export const MAX_NARRATIVE_LENGTH = REPORT_NARRATIVE.maxLength;
export { MAX_OUTCOME_COUNT };

export const NARRATIVE_FIELD = 'narrative';
/** Budget categories are fixed identifiers, fit for a field name. */
export const spentField = (category: BudgetCategory): string => `spent-${category}`;
/** By position, not by key: a call's measure keys are free text, not always fit for an HTML id. */
export const countField = (index: number): string => `count-${index}`;

/** The report form as typed: text, so that a wrong value is shown back exactly as it was entered. */
export interface ReportFormValues {
  /** One per budget line of the period (reportLines), in its order. */
  spent: string[];
  /** One per outcome measure of the call, in the call's order. */
  counts: string[];
  narrative: string;
}

export type ReportFormProblem =
  | { field: string; kind: 'spentMissing' | 'spentFormat' | 'spentTooLarge'; category: BudgetCategory }
  | { field: string; kind: 'narrativeMissing' | 'narrativeTooLong' }
  | { field: string; kind: 'count' | 'countTooLarge'; measure: OutcomeMeasure };

export interface ReportLine {
  category: BudgetCategory;
  /** What schedule D gives the line for the period; 0 for a category it does not budget. */
  budgetCents: number;
}

/** The budget lines the report gives spending for: schedule D's of the period, or every category when it has none. */
export function reportLines(award: Pick<Award, 'budget'>, report: Pick<ReportView, 'period'>): ReportLine[] {
  const budgeted = award.budget.filter((line) => line.fiscalYear === report.period);
  if (budgeted.length === 0) return BUDGET_CATEGORIES.map((category) => ({ category, budgetCents: 0 }));
  return BUDGET_CATEGORIES.filter((category) => budgeted.some((line) => line.category === category)).map((category) => ({
    category,
    budgetCents: budgeted.filter((line) => line.category === category).reduce((sum, line) => sum + line.amountCents, 0),
  }));
}

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

export function emptyReportForm(lines: readonly ReportLine[], measures: readonly OutcomeMeasure[]): ReportFormValues {
  return { spent: lines.map(() => ''), counts: measures.map(() => ''), narrative: '' };
}

/** Reads the posted form; fields that are not the report's are ignored. */
export function readReportForm(lines: readonly ReportLine[], measures: readonly OutcomeMeasure[], body: Record<string, unknown>): ReportFormValues {
  return {
    spent: lines.map((line) => typedText(body[spentField(line.category)])),
    counts: measures.map((_measure, index) => typedText(body[countField(index)])),
    narrative: typedText(body[NARRATIVE_FIELD]),
  };
}

/** A report sent back for changes opens with what was filed, so only what was asked needs changing. */
export function savedReportForm(locale: OfficialLanguage, lines: readonly ReportLine[], measures: readonly OutcomeMeasure[], report: ReportView): ReportFormValues {
  const filed = (category: BudgetCategory) => report.spending?.find((line) => line.category === category)?.spentCents;
  return {
    spent: lines.map((line) => {
      const cents = filed(line.category);
      return cents === undefined ? '' : moneyForInput(locale, cents);
    }),
    counts: measures.map((measure) => (report.outcomes?.[measure.key] === undefined ? '' : String(report.outcomes[measure.key]))),
    narrative: report.narrative ?? '',
  };
}

/** What is wrong with the form, one problem per field, in the order of the page. */
export function reportFormProblems(lines: readonly ReportLine[], measures: readonly OutcomeMeasure[], values: ReportFormValues): ReportFormProblem[] {
  const problems: ReportFormProblem[] = [];
  lines.forEach((line, index) => {
    const spent = spentCents(values.spent[index] ?? '');
    if (!spent.ok) problems.push({ field: spentField(line.category), category: line.category, kind: spent.reason === 'empty' ? 'spentMissing' : spent.reason === 'format' ? 'spentFormat' : 'spentTooLarge' });
  });
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
export function toFiling(report: Pick<ReportView, 'kind' | 'period'>, lines: readonly ReportLine[], measures: readonly OutcomeMeasure[], values: ReportFormValues): ReportFiling {
  return {
    period: report.period,
    kind: report.kind,
    spending: lines.map((line, index) => {
      const spent = parseMoney(values.spent[index] ?? '');
      return { fiscalYear: report.period, category: line.category, spentCents: spent.ok ? spent.cents : 0 };
    }),
    outcomes: Object.fromEntries(measures.map((measure, index) => [measure.key, parseCount(values.counts[index] ?? '')])),
    narrative: values.narrative.trim(),
  };
}
