import { outcomeProblems, spendingProblems } from './report-rules';

const measures = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];

describe('outcomeProblems', () => {
  it('accepts a whole count for every measure, zero included', () => {
    expect(outcomeProblems(measures, { people_served: 140, staff_trained: 0 })).toEqual([]);
  });

  it('names each missing, malformed or unknown count', () => {
    expect(outcomeProblems(measures, { people_served: 2.5, survivor_names: 3 }).map((problem) => problem.field)).toEqual([
      'outcomes.survivor_names',
      'outcomes.people_served',
      'outcomes.staff_trained',
    ]);
    expect(outcomeProblems(measures, { people_served: -1, staff_trained: '4' }).map((problem) => problem.field)).toEqual(['outcomes.people_served', 'outcomes.staff_trained']);
  });
});

describe('spendingProblems', () => {
  it('takes one line per category of the report’s own year, in whole cents', () => {
    expect(spendingProblems('2027-28', [{ fiscalYear: '2027-28', category: 'personnel', spentCents: 0 }, { fiscalYear: '2027-28', category: 'training', spentCents: 100 }], 1000)).toEqual([]);
    expect(
      spendingProblems(
        '2027-28',
        [
          { fiscalYear: '2028-29', category: 'personnel', spentCents: 1 },
          { fiscalYear: '2027-28', category: 'rent', spentCents: 1 },
          { fiscalYear: '2027-28', category: 'training', spentCents: 1001 },
          { fiscalYear: '2027-28', category: 'training', spentCents: 12.5 },
          { fiscalYear: '2027-28', category: 'personnel', spentCents: 5 },
          { fiscalYear: '2027-28', category: 'personnel', spentCents: 5 },
        ],
        1000,
      ).map((problem) => `${problem.field} ${problem.message}`),
    ).toEqual([
      'spending[0].fiscalYear must be the report’s period, 2027-28',
      expect.stringMatching(/^spending\[1\]\.category must be one of personnel, /),
      'spending[2].spentCents must be a whole number of cents from 0 to 1000',
      'spending[3].spentCents must be a whole number of cents from 0 to 1000',
      'spending[5].category personnel is given twice; give one line per category',
    ]);
  });
});
