import { outcomeProblems } from './report-rules';

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
