import { decisionProblems } from './decision';

const base = { requestedCents: 8_500_000, overrideReason: null };

describe('decisionProblems', () => {
  it('accepts an approval above the line up to the amount requested', () => {
    expect(decisionProblems({ ...base, outcome: 'approved', approvedCents: 8_500_000, aboveFundingLine: true })).toEqual([]);
    expect(decisionProblems({ ...base, outcome: 'approved', approvedCents: 6_000_000, aboveFundingLine: true })).toEqual([]);
  });

  it('refuses to approve more than requested, or without an amount', () => {
    expect(decisionProblems({ ...base, outcome: 'approved', approvedCents: 8_500_001, aboveFundingLine: true }).map((problem) => problem.code)).toEqual(['APPROVED_EXCEEDS_REQUEST']);
    expect(decisionProblems({ ...base, outcome: 'approved', approvedCents: null, aboveFundingLine: true }).map((problem) => problem.code)).toEqual(['APPROVED_AMOUNT_REQUIRED']);
  });

  it('needs a reason to go against the funding line, either way', () => {
    expect(decisionProblems({ ...base, outcome: 'approved', approvedCents: 1_000_000, aboveFundingLine: false }).map((problem) => problem.code)).toEqual(['OVERRIDE_REASON_REQUIRED']);
    expect(decisionProblems({ ...base, outcome: 'declined', approvedCents: null, aboveFundingLine: true }).map((problem) => problem.code)).toEqual(['OVERRIDE_REASON_REQUIRED']);
    expect(decisionProblems({ ...base, outcome: 'declined', approvedCents: null, aboveFundingLine: true, overrideReason: '  ' }).map((problem) => problem.code)).toEqual(['OVERRIDE_REASON_REQUIRED']);
    expect(decisionProblems({ ...base, outcome: 'declined', approvedCents: null, aboveFundingLine: true, overrideReason: 'Duplicates funding from another ministry' })).toEqual([]);
    expect(decisionProblems({ ...base, outcome: 'declined', approvedCents: null, aboveFundingLine: false })).toEqual([]);
  });

  it('refuses an amount on a decline', () => {
    expect(decisionProblems({ ...base, outcome: 'declined', approvedCents: 5, aboveFundingLine: false }).map((problem) => problem.code)).toEqual(['AMOUNT_ON_DECLINE']);
  });

  it('asks no reason of a decision on an application not ranked yet (awaiting reviews)', () => {
    expect(decisionProblems({ ...base, outcome: 'approved', approvedCents: 1_000_000, aboveFundingLine: null })).toEqual([]);
    expect(decisionProblems({ ...base, outcome: 'declined', approvedCents: null, aboveFundingLine: null })).toEqual([]);
  });
});
