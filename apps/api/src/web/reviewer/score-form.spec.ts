import type { RubricCriterion } from '@grants/calls';
import { readScoreForm, savedScoreForm, scoreFormProblems, toScoreInput, weightedTotal } from './score-form';

const CRITERIA: RubricCriterion[] = [
  { key: 'need', label: { en: 'Need', fr: 'Besoin' }, weight: 2, maxScore: 10 },
  { key: 'capacity', label: { en: 'Capacity', fr: 'Capacité' }, weight: 1, maxScore: 5 },
];

describe('the reviewer’s scoring form', () => {
  it('reads only the rubric’s fields, as typed', () => {
    const values = readScoreForm(CRITERIA, { 'score-need': ' 8 ', 'comment-need': 'Clear need', 'score-capacity': ['4'], 'score-other': '3', overallComment: 'Good' });
    expect(values).toEqual({ scores: { need: ' 8 ', capacity: '4' }, comments: { need: 'Clear need', capacity: '' }, overallComment: 'Good' });
    // A score sent twice is no page's: refused rather than one of them taken.
    expect(() => readScoreForm(CRITERIA, { 'score-need': '8', 'score-capacity': ['4', '5'] })).toThrow(expect.objectContaining({ code: 'REPEATED_FIELD' }));
  });

  it('refuses a score above the maximum, below zero, with a fraction or that is not a number, and keeps blanks for a draft', () => {
    const problems = (need: string, capacity = '') => scoreFormProblems(CRITERIA, readScoreForm(CRITERIA, { 'score-need': need, 'score-capacity': capacity }), { complete: false });
    expect(problems('11').map((problem) => [problem.field, problem.kind])).toEqual([['score-need', 'range']]);
    for (const wrong of ['-1', '7.5', 'ten', '1e1']) expect(problems(wrong)).toHaveLength(1);
    expect(problems('10', '0')).toEqual([]);
    expect(problems('')).toEqual([]);
  });

  it('asks for the score of a commented criterion in a draft, and for every score when submitting', () => {
    const values = readScoreForm(CRITERIA, { 'score-need': '8', 'comment-capacity': 'Small team' });
    expect(scoreFormProblems(CRITERIA, values, { complete: false }).map((problem) => [problem.field, problem.kind])).toEqual([['score-capacity', 'commentWithoutScore']]);
    expect(scoreFormProblems(CRITERIA, values, { complete: true }).map((problem) => [problem.field, problem.kind])).toEqual([['score-capacity', 'missing']]);
  });

  it('limits comments to the JSON API’s lengths', () => {
    const values = readScoreForm(CRITERIA, { 'score-need': '8', 'comment-need': 'x'.repeat(5001), overallComment: 'y'.repeat(10001) });
    expect(scoreFormProblems(CRITERIA, values, { complete: false }).map((problem) => problem.kind)).toEqual(['commentTooLong', 'overallTooLong']);
  });

  it('saves the scored criteria with trimmed comments, and shows a saved draft back', () => {
    const input = toScoreInput(CRITERIA, readScoreForm(CRITERIA, { 'score-need': '8', 'comment-need': ' Clear need ', overallComment: ' Solid ' }));
    expect(input).toEqual({ scores: [{ criterionKey: 'need', score: 8, comment: 'Clear need' }], overallComment: 'Solid' });
    expect(savedScoreForm(CRITERIA, input.scores, input.overallComment)).toEqual({ scores: { need: '8', capacity: '' }, comments: { need: 'Clear need', capacity: '' }, overallComment: 'Solid' });
  });

  it('totals Σ(score / max × weight) / Σweight × 100 once every criterion has a valid score', () => {
    expect(weightedTotal(CRITERIA, readScoreForm(CRITERIA, { 'score-need': '8', 'score-capacity': '4' }))).toBeCloseTo(80);
    expect(weightedTotal(CRITERIA, readScoreForm(CRITERIA, { 'score-need': '10', 'score-capacity': '5' }))).toBe(100);
    expect(weightedTotal(CRITERIA, readScoreForm(CRITERIA, { 'score-need': '8' }))).toBeNull();
    expect(weightedTotal(CRITERIA, readScoreForm(CRITERIA, { 'score-need': '12', 'score-capacity': '4' }))).toBeNull();
  });
});
