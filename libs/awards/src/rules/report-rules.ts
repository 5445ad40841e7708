import { BUDGET_CATEGORIES, isBudgetCategory } from '@grants/applications';
import { OutcomeMeasure, Problem } from '@grants/calls';

/** A count larger than this is surely a typing mistake; the office can raise it. */
export const MAX_OUTCOME_COUNT = 10_000_000;

/**
 * What is wrong with a report's outcome counts: every measure of the call is counted, as a whole
 * number of zero or more, and nothing else (free-form keys could carry personal information).
 */
export function outcomeProblems(measures: readonly OutcomeMeasure[], outcomes: Record<string, unknown>): Problem[] {
  const known = new Set(measures.map((measure) => measure.key));
  const unknown = Object.keys(outcomes)
    .filter((key) => !known.has(key))
    .map((key) => ({ field: `outcomes.${key}`, message: `is not a measure of this call; measures are ${[...known].join(', ') || 'none'}` }));
  const counts = measures.flatMap((measure) => {
    const value = outcomes[measure.key];
    if (value === undefined) return [{ field: `outcomes.${measure.key}`, message: 'is required (0 when nothing to count)' }];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_OUTCOME_COUNT) {
      return [{ field: `outcomes.${measure.key}`, message: `must be a whole number from 0 to ${MAX_OUTCOME_COUNT}` }];
    }
    return [];
  });
  return [...unknown, ...counts];
}

export interface SpendingInput {
  fiscalYear: unknown;
  category: unknown;
  spentCents: unknown;
}

/**
 * What is wrong with a report's spending lines: each is a budget category of the report's period
 * (a report gives the spending of its own fiscal year, so no year is counted twice), in whole cents
 * up to what one budget line may hold, once per category.
 */
export function spendingProblems(period: string, spending: readonly SpendingInput[], maxCents: number): Problem[] {
  const seen = new Set<string>();
  return spending.flatMap((line, index): Problem[] => {
    const field = `spending[${index}]`;
    if (line.fiscalYear !== period) return [{ field: `${field}.fiscalYear`, message: `must be the report’s period, ${period}` }];
    if (!isBudgetCategory(line.category)) return [{ field: `${field}.category`, message: `must be one of ${BUDGET_CATEGORIES.join(', ')}` }];
    if (typeof line.spentCents !== 'number' || !Number.isSafeInteger(line.spentCents) || line.spentCents < 0 || line.spentCents > maxCents) {
      return [{ field: `${field}.spentCents`, message: `must be a whole number of cents from 0 to ${maxCents}` }];
    }
    if (seen.has(line.category)) return [{ field: `${field}.category`, message: `${line.category} is given twice; give one line per category` }];
    seen.add(line.category);
    return [];
  });
}
