import { RankingInput, rankApplications, reviewerLetter, reviewsRequired } from './ranking';

function item(
  applicationId: string,
  normalizedScore: number | null,
  weightedScore: number | null,
  submittedOn: string,
  requestedCents: number,
): RankingInput {
  return { applicationId, normalizedScore, weightedScore, submittedAt: new Date(`${submittedOn}T17:00:00Z`), requestedCents };
}

function summary(rows: ReturnType<typeof rankApplications>): Array<[string, number, number, number, boolean]> {
  return rows.map((row) => [row.applicationId, row.rank, row.recommendedCents, row.cumulativeCents, row.aboveFundingLine]);
}

describe('rankApplications', () => {
  it('ranks by normalized score, weighted score, then submission, and stops at the first request that does not fit', () => {
    const items = [
      item('unscored', null, null, '2027-02-01', 100_000),
      item('alpha', 80, 75, '2027-02-01', 4_000_000),
      item('charlie', 72, 70, '2027-02-02', 3_000_000),
      item('echo', 60, 60, '2027-02-01', 1_000_000),
      item('bravo', 80, 78, '2027-02-03', 3_000_000),
      item('delta', 72, 70, '2027-02-01', 500_000),
    ];
    // Envelope $100,000.00:
    // bravo   80 / 78                3,000,000 → cumulative 3,000,000
    // alpha   80 / 75                4,000,000 → 7,000,000
    // delta   72 / 70, Feb 1           500,000 → 7,500,000
    // charlie 72 / 70, Feb 2         3,000,000 → 10,500,000 > 10,000,000: the line falls here
    // echo    60 / 60                1,000,000 would fit (8,500,000) but sits below the line
    // unscored                       last, nothing recommended
    expect(summary(rankApplications(items, 10_000_000))).toEqual([
      ['bravo', 1, 3_000_000, 3_000_000, true],
      ['alpha', 2, 4_000_000, 7_000_000, true],
      ['delta', 3, 500_000, 7_500_000, true],
      ['charlie', 4, 0, 7_500_000, false],
      ['echo', 5, 0, 7_500_000, false],
      ['unscored', 6, 0, 7_500_000, false],
    ]);
  });

  it('funds a request that fills the envelope exactly and keeps the input untouched', () => {
    const items = [item('first', 90, 90, '2027-02-01', 6_000_000), item('second', 85, 88, '2027-02-01', 4_000_000)];
    const ranked = rankApplications(items, 10_000_000);
    expect(summary(ranked)).toEqual([
      ['first', 1, 6_000_000, 6_000_000, true],
      ['second', 2, 4_000_000, 10_000_000, true],
    ]);
    expect(ranked[0]).toMatchObject(items[0]);
    expect(items[0]).not.toHaveProperty('rank');
  });

  it('never recommends an unscored application, whatever room is left', () => {
    const items = [item('late', null, null, '2027-02-01', 100), item('early', null, 50, '2027-01-01', 100)];
    // Both unscored by normalized score; the one with a weighted score comes first.
    expect(summary(rankApplications(items, 1_000_000))).toEqual([
      ['early', 1, 0, 0, false],
      ['late', 2, 0, 0, false],
    ]);
  });

  it('breaks a complete tie by id, so the order never depends on the input order', () => {
    const twins = [item('b', 70, 70, '2027-02-01', 1), item('a', 70, 70, '2027-02-01', 1)];
    expect(rankApplications(twins, 0).map((row) => row.applicationId)).toEqual(['a', 'b']);
    expect(rankApplications([...twins].reverse(), 0).map((row) => row.applicationId)).toEqual(['a', 'b']);
  });

  it('takes whole, non-negative cents only', () => {
    expect(() => rankApplications([], 10.5)).toThrow(RangeError);
    expect(() => rankApplications([item('x', 1, 1, '2027-02-01', -1)], 100)).toThrow(RangeError);
    expect(rankApplications([], 0)).toEqual([]);
  });
});

describe('reviewsRequired', () => {
  it('waits for every reviewer still on the application, and at least the call’s number', () => {
    expect(reviewsRequired(3, 3)).toBe(3);
    // An officer added a fourth reviewer: all four.
    expect(reviewsRequired(4, 3)).toBe(4);
    // One recused and not yet replaced: still the call's three.
    expect(reviewsRequired(2, 3)).toBe(3);
    expect(reviewsRequired(0, null)).toBe(1);
  });
});

describe('reviewerLetter', () => {
  it('names reviewers A to Z, then AA, AB', () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(reviewerLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
});
