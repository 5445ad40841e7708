import { variances } from './budget-flexibility';

const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel' as const, amountCents: 5_000_000 },
  { fiscalYear: '2027-28', category: 'training' as const, amountCents: 1_000_000 },
  { fiscalYear: '2027-28', category: 'administration' as const, amountCents: 500_000 },
];

describe('schedule D’s flexibility rule', () => {
  it('allows a line 10% lower or 20% higher, to the cent, and nothing beyond', () => {
    const at = (personnel: number, training: number) =>
      variances(BUDGET, [
        { fiscalYear: '2027-28', category: 'personnel', amountCents: personnel },
        { fiscalYear: '2027-28', category: 'training', amountCents: training },
        { fiscalYear: '2027-28', category: 'administration', amountCents: 500_000 },
      ]).map((variance) => variance.withinFlexibility);
    expect(at(4_500_000, 1_200_000)).toEqual([true, true, true]);
    expect(at(4_499_999, 1_200_001)).toEqual([false, false, true]);
  });

  it('never lets funds move into administration or “other”, nor onto a line with no budget', () => {
    const rows = variances(BUDGET, [
      { fiscalYear: '2027-28', category: 'personnel', amountCents: 5_000_000 },
      { fiscalYear: '2027-28', category: 'training', amountCents: 1_000_000 },
      { fiscalYear: '2027-28', category: 'administration', amountCents: 500_001 },
      { fiscalYear: '2027-28', category: 'other', amountCents: 1 },
      { fiscalYear: '2027-28', category: 'travel', amountCents: 10_000 },
    ]);
    expect(rows.map((row) => [row.category, row.budgetCents, row.spentCents, row.withinFlexibility])).toEqual([
      ['personnel', 5_000_000, 5_000_000, true],
      ['training', 1_000_000, 1_000_000, true],
      ['administration', 500_000, 500_001, false],
      ['other', 0, 1, false],
      ['travel', 0, 10_000, false],
    ]);
  });
});
