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
