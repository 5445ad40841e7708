import { Criterion, ReviewScore, isDisagreement, normalizationReason, normalizeScores, panelStatistics, scoreProblems, weightedScore } from './scoring';

/** The demonstration CBSF rubric: four criteria out of 5, weights summing to 100. */
const rubric: Criterion[] = [
  { key: 'need', weight: 30, maxScore: 5 },
  { key: 'approach', weight: 30, maxScore: 5 },
  { key: 'capacity', weight: 20, maxScore: 5 },
  { key: 'value', weight: 20, maxScore: 5 },
];

function review(reviewerId: string, applicationId: string, score: number): ReviewScore {
  return { reviewerId, applicationId, weightedScore: score };
}

describe('weightedScore', () => {
  it('weighs each score as a fraction of its maximum', () => {
    // (4/5·30 + 3/5·30 + 5/5·20 + 2/5·20) / 100 · 100 = 24 + 18 + 20 + 8 = 70
    expect(weightedScore(rubric, { need: 4, approach: 3, capacity: 5, value: 2 })).toBeCloseTo(70, 10);
    // Different scales: (7/10·2 + 1/4·1) / 3 · 100 = 1.65 / 3 · 100 = 55
    const mixed: Criterion[] = [
      { key: 'need', weight: 2, maxScore: 10 },
      { key: 'reach', weight: 1, maxScore: 4 },
    ];
    expect(weightedScore(mixed, { need: 7, reach: 1 })).toBeCloseTo(55, 10);
    expect(weightedScore(mixed, { need: 10, reach: 4 })).toBe(100);
    expect(weightedScore(mixed, { need: 0, reach: 0 })).toBe(0);
  });

  it('throws when a criterion is unscored or the rubric has no weight', () => {
    expect(() => weightedScore(rubric, { need: 4, approach: 3, capacity: 5 })).toThrow('Criterion value is not scored');
    // An inherited property is not a score.
    expect(() => weightedScore([{ key: 'toString', weight: 1, maxScore: 5 }], {})).toThrow(RangeError);
    expect(() => weightedScore([], {})).toThrow(RangeError);
  });
});

describe('scoreProblems', () => {
  it('accepts whole scores within range, and partial drafts', () => {
    const all = [
      { criterionKey: 'need', score: 0 },
      { criterionKey: 'approach', score: 5 },
      { criterionKey: 'capacity', score: 3 },
      { criterionKey: 'value', score: 1 },
    ];
    expect(scoreProblems(rubric, all, { complete: true })).toEqual([]);
    expect(scoreProblems(rubric, all.slice(0, 2), { complete: false })).toEqual([]);
  });

  it('names unknown criteria, repeats, out-of-range or fractional scores and, on submission, gaps', () => {
    const scores = [
      { criterionKey: 'need', score: 4.5 },
      { criterionKey: 'impact', score: 3 },
      { criterionKey: 'approach', score: 6 },
      { criterionKey: 'need', score: 4 },
      { criterionKey: 'capacity', score: -1 },
    ];
    const found = [
      { field: 'scores[0].score', message: 'must be a whole number from 0 to 5' },
      { field: 'scores[1].criterionKey', message: 'is not a criterion of this rubric: impact' },
      { field: 'scores[2].score', message: 'must be a whole number from 0 to 5' },
      { field: 'scores[3].criterionKey', message: 'repeats scores[0]' },
      { field: 'scores[4].score', message: 'must be a whole number from 0 to 5' },
    ];
    expect(scoreProblems(rubric, scores, { complete: false })).toEqual(found);
    expect(scoreProblems(rubric, scores, { complete: true })).toEqual([
      ...found,
      { field: 'scores', message: 'must score criterion value' },
    ]);
    expect(scoreProblems(rubric, [{ criterionKey: 'need', score: Number.NaN }], { complete: false })).toHaveLength(1);
  });
});

/** Amara is lenient, Benoît severe; both read the same four applications. Chloé read two. */
const LENIENT_AND_SEVERE = [
  review('amara', 'X', 74),
  review('amara', 'Y', 74),
  review('amara', 'Z', 62),
  review('amara', 'V', 62),
  review('benoit', 'X', 58),
  review('benoit', 'Y', 46),
  review('benoit', 'Z', 58),
  review('benoit', 'V', 46),
  review('chloe', 'X', 70),
  review('chloe', 'W', 50),
];

describe('normalizeScores', () => {
  it('takes out each regular reviewer’s leniency and keeps occasional reviewers raw', () => {
    const reviews = LENIENT_AND_SEVERE;
    // Amara: mean 68, deviations ±6 → population sd 6. Benoît: mean 52, sd 6.
    // All ten: sum 600 → mean 60; squared deviations 4·196 + 4·4 + 100 + 100 = 1000 → variance 100, sd 10.
    // Amara 74 → z = +1 → 60 + 10 = 70; Amara 62 → z = −1 → 50. Benoît 58 → 70; Benoît 46 → 50.
    // Chloé has fewer than 3 reviews: 70 and 50 stay as they are.
    // X: raw (74 + 58 + 70) / 3 = 67.333…, normalized (70 + 70 + 70) / 3 = 70, spread 74 − 58 = 16
    // Y: raw (74 + 46) / 2 = 60, normalized (70 + 50) / 2 = 60, spread 28
    // Z: raw (62 + 58) / 2 = 60, normalized (50 + 70) / 2 = 60, spread 4
    // V: raw (62 + 46) / 2 = 54, normalized (50 + 50) / 2 = 50, spread 16
    // W: one review of 50: raw and normalized 50, spread 0
    const result = normalizeScores(reviews);
    expect(Object.fromEntries(result)).toEqual({
      X: { weightedScore: 67.33, normalizedScore: 70, reviewCount: 3, spread: 16 },
      Y: { weightedScore: 60, normalizedScore: 60, reviewCount: 2, spread: 28 },
      Z: { weightedScore: 60, normalizedScore: 60, reviewCount: 2, spread: 4 },
      V: { weightedScore: 54, normalizedScore: 50, reviewCount: 2, spread: 16 },
      W: { weightedScore: 50, normalizedScore: 50, reviewCount: 1, spread: 0 },
    });
    // Y's reviewers are 28 points apart; X's and V's 16 is not more than a 16-point threshold.
    const disagreements = [...result].filter(([, score]) => isDisagreement(score.spread, 16)).map(([id]) => id);
    expect(disagreements).toEqual(['Y']);
  });

  it('puts a reviewer who gives everyone the same score at the global mean', () => {
    // Dev: 40, 40, 40 → sd 0 → z = 0. All four reviews: (40·3 + 100) / 4 = 55.
    // P: raw (40 + 100) / 2 = 70, normalized (55 + 100) / 2 = 77.5, spread 60.
    const result = normalizeScores([review('dev', 'P', 40), review('dev', 'Q', 40), review('dev', 'R', 40), review('eve', 'P', 100)]);
    expect(result.get('P')).toEqual({ weightedScore: 70, normalizedScore: 77.5, reviewCount: 2, spread: 60 });
    expect(result.get('Q')).toEqual({ weightedScore: 40, normalizedScore: 55, reviewCount: 1, spread: 0 });
  });

  it('clamps to 0–100 and rounds only at the end', () => {
    // Fatima: 20, 20, 80, 80 → mean 50, sd 30, z = ±1. Gilles (2 reviews, raw): 100, 100.
    // All six: mean 400 / 6 = 66.667; squared deviations 2·(46.667)² + 2·(13.333)² + 2·(33.333)² = 6933.3
    //   → variance 1155.56, sd 33.993.
    // Fatima's 80s: 66.667 + 33.993 = 100.66 → clamped to 100. Her 20s: 66.667 − 33.993 = 32.674 → 32.67.
    const result = normalizeScores([
      review('fatima', 'A', 20),
      review('fatima', 'B', 20),
      review('fatima', 'C', 80),
      review('fatima', 'D', 80),
      review('gilles', 'C', 100),
      review('gilles', 'E', 100),
    ]);
    expect(result.get('A')?.normalizedScore).toBe(32.67);
    expect(result.get('C')).toEqual({ weightedScore: 90, normalizedScore: 100, reviewCount: 2, spread: 20 });
    expect(result.get('D')?.normalizedScore).toBe(100);
    expect(result.get('E')?.normalizedScore).toBe(100);
  });

  it('returns nothing for no reviews', () => {
    expect(normalizeScores([]).size).toBe(0);
  });
});

describe('normalizationReason', () => {
  it('names the lenient reviewer when normalization lowers a score, with how far above the panel they score', () => {
    // As above: the panel's mean is 60, Amara's 68 (+8), Benoît's 52 (−8). V goes from 54 to 50: Amara explains it.
    const panel = panelStatistics(LENIENT_AND_SEVERE);
    const scores = normalizeScores(LENIENT_AND_SEVERE, panel);
    expect(normalizationReason(scores.get('V')!, ['amara', 'benoit'], panel)).toEqual({ reviewerId: 'amara', offset: 8 });
    // X moves 2.67 points, less than a sentence's worth.
    expect(normalizationReason(scores.get('X')!, ['amara', 'benoit', 'chloe'], panel)).toBeNull();
  });

  it('names the severe reviewer when normalization raises a score, and never an uncorrected reviewer', () => {
    // Dev gives 40 to all three (mean 40, panel 55: −15); P goes from 70 to 77.5.
    const reviews = [review('dev', 'P', 40), review('dev', 'Q', 40), review('dev', 'R', 40), review('eve', 'P', 100)];
    const panel = panelStatistics(reviews);
    expect(normalizationReason(normalizeScores(reviews, panel).get('P')!, ['dev', 'eve'], panel)).toEqual({ reviewerId: 'dev', offset: -15 });
    // Eve (one review) is not corrected, so she explains nothing.
    expect(normalizationReason({ weightedScore: 70, normalizedScore: 77.5 }, ['eve'], panel)).toBeNull();
  });
});

describe('isDisagreement', () => {
  it('is strictly more than the threshold', () => {
    expect(isDisagreement(20.01, 20)).toBe(true);
    expect(isDisagreement(20, 20)).toBe(false);
    expect(isDisagreement(0, 0)).toBe(false);
  });
});
