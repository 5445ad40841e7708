import { runInNewContext } from 'node:vm';
import type { RubricCriterion } from '@grants/calls';
import { weightedScore } from '@grants/reviews';
import fc from 'fast-check';
import { liveWeightedTotal, REVIEWER_SCRIPT, TypedScore } from './reviewer.script';
import { ScoreFormValues, weightedTotal } from './score-form';

/** Rubrics as a call may have them: weights any positive number, maximum scores whole numbers from 1 to 100. */
const rubric = fc
  .array(
    fc.record({
      weight: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.001, max: 1000, noNaN: true, noDefaultInfinity: true })),
      maxScore: fc.integer({ min: 1, max: 100 }),
    }),
    { minLength: 1, maxLength: 10 },
  )
  .map((scales): RubricCriterion[] => scales.map((scale, index) => ({ key: `c${index}`, label: { en: `Criterion ${index}`, fr: `Critère ${index}` }, ...scale })));

/** A rubric with a valid whole score for each criterion. */
const scored = rubric.chain((criteria) => fc.tuple(fc.constant(criteria), fc.tuple(...criteria.map((criterion) => fc.integer({ min: 0, max: criterion.maxScore })))));

/** What a reviewer may type in a score field: mostly scores, and what is not one. */
const typedScore = (max: number): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 0, max }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max }).map((score) => ` ${score}\t`) },
    { weight: 1, arbitrary: fc.integer({ min: max + 1, max: 10_000_000 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('', ' ', '-1', '7.5', '1e1', '0x5', 'ten', '١', '+3', '0003', '1 0', '0000000') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
const typed = rubric.chain((criteria) => fc.tuple(fc.constant(criteria), fc.tuple(...criteria.map((criterion) => typedScore(criterion.maxScore)))));

function fieldsOf(criteria: readonly RubricCriterion[], typedScores: readonly string[]): TypedScore[] {
  return criteria.map((criterion, index) => ({ weight: criterion.weight, max: criterion.maxScore, typed: typedScores[index] ?? '' }));
}

function formOf(criteria: readonly RubricCriterion[], typedScores: readonly string[]): ScoreFormValues {
  return { scores: Object.fromEntries(criteria.map((criterion, index) => [criterion.key, typedScores[index] ?? ''])), comments: {}, overallComment: '' };
}

const COMPLETE = 'Weighted total: {total} out of 100';
const INCOMPLETE = 'Score every criterion to see the weighted total';

interface FakeInput {
  value: string;
  getAttribute(name: string): string | null;
  addEventListener(type: string, listener: () => void): void;
}

/**
 * Runs the script as served against the least of a DOM it uses: the scoring form's inputs (with
 * their data-weight and data-max, as the page writes them) and the total; then types in the first field.
 */
function totalShownByScript(criteria: readonly RubricCriterion[], typedScores: readonly string[]): string | null {
  const listeners: Array<() => void> = [];
  const inputs: FakeInput[] = criteria.map((criterion, index) => ({
    value: typedScores[index] ?? '',
    getAttribute: (name) => ({ 'data-weight': String(criterion.weight), 'data-max': String(criterion.maxScore) })[name] ?? null,
    addEventListener: (type, listener) => {
      if (type === 'input') listeners.push(listener);
    },
  }));
  const total = { textContent: null as string | null, getAttribute: (name: string) => ({ 'data-complete': COMPLETE, 'data-incomplete': INCOMPLETE })[name] ?? null };
  const document = {
    getElementById: (id: string) => (id === 'weighted-total' ? total : null),
    querySelectorAll: (selector: string) => (selector === 'input[data-weight]' ? inputs : []),
    documentElement: { lang: 'en-CA' },
  };
  runInNewContext(REVIEWER_SCRIPT, { document });
  expect(listeners).toHaveLength(inputs.length);
  listeners[0]?.();
  return total.textContent;
}

function shownByServer(total: number | null): string {
  return total === null ? INCOMPLETE : COMPLETE.replace('{total}', new Intl.NumberFormat('en-CA', { maximumFractionDigits: 1 }).format(total));
}

describe('the reviewer’s live weighted total in the browser', () => {
  it('serves the function the tests run, not a copy of it', () => {
    expect(REVIEWER_SCRIPT).toContain(`var liveWeightedTotal = ${liveWeightedTotal.toString()};`);
    // Self-contained: the browser has none of this module's imports.
    expect(liveWeightedTotal.toString()).not.toMatch(/require\(|_\d\.|exports/);
  });

  it('computes exactly weightedScore of @grants/reviews for every rubric and valid scores', () => {
    fc.assert(
      fc.property(scored, ([criteria, scores]) => {
        const server = weightedScore(criteria, Object.fromEntries(criteria.map((criterion, index) => [criterion.key, scores[index]!])));
        expect(liveWeightedTotal(fieldsOf(criteria, scores.map(String)))).toBe(server);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads what is typed as the score form does: a total once every score is a whole number within its scale, none otherwise', () => {
    fc.assert(
      fc.property(typed, ([criteria, typedScores]) => {
        expect(liveWeightedTotal(fieldsOf(criteria, typedScores))).toBe(weightedTotal(criteria, formOf(criteria, typedScores)));
      }),
      { numRuns: 2000 },
    );
    expect(liveWeightedTotal([])).toBeNull();
    expect(weightedTotal([], formOf([], []))).toBeNull();
  });

  it('shows, as scores are typed, the total the server shows after saving', () => {
    fc.assert(
      fc.property(typed, ([criteria, typedScores]) => {
        expect(totalShownByScript(criteria, typedScores)).toBe(shownByServer(weightedTotal(criteria, formOf(criteria, typedScores))));
      }),
      { numRuns: 300 },
    );
    const criteria: RubricCriterion[] = [
      { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 2, maxScore: 10 },
      { key: 'capacity', label: { en: 'Capacity', fr: 'Capacité' }, weight: 1, maxScore: 5 },
    ];
    expect(totalShownByScript(criteria, ['8', '4'])).toBe('Weighted total: 80 out of 100');
    expect(totalShownByScript(criteria, ['8', ''])).toBe(INCOMPLETE);
  });
});
