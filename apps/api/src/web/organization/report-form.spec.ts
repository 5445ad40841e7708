import type { OutcomeMeasure } from '@grants/calls';
import { parseCount, readReportForm, reportFormProblems, reportLines, savedReportForm, toFiling } from './report-form';

const MEASURES: OutcomeMeasure[] = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];
const BUDGET = [
  { fiscalYear: '2027-28', category: 'training' as const, amountCents: 1_700_000 },
  { fiscalYear: '2027-28', category: 'personnel' as const, amountCents: 3_400_000 },
  { fiscalYear: '2028-29', category: 'program_delivery' as const, amountCents: 3_400_000 },
];
const LINES = reportLines({ budget: BUDGET }, { period: '2027-28' });

describe('the report form', () => {
  it('asks for the spending of each budget line of the period, in the budget’s category order', () => {
    expect(LINES).toEqual([
      { category: 'personnel', budgetCents: 3_400_000 },
      { category: 'training', budgetCents: 1_700_000 },
    ]);
    // Without a schedule D for the period, every category can be reported.
    expect(reportLines({ budget: [] }, { period: '2027-28' }).length).toBeGreaterThan(5);
  });

  it('refuses spending that is unreadable or above what the API takes, naming the line', () => {
    const values = (spent: string) => ({ spent: ['0', spent], counts: ['1', '2'], narrative: 'Done.' });
    expect(reportFormProblems(LINES, MEASURES, values('1,000,000,000.00'))).toEqual([]);
    expect(reportFormProblems(LINES, MEASURES, values('1,000,000,000.01'))).toEqual([{ field: 'spent-training', category: 'training', kind: 'spentTooLarge' }]);
    expect(reportFormProblems(LINES, MEASURES, values('1.234'))).toEqual([{ field: 'spent-training', category: 'training', kind: 'spentFormat' }]);
    expect(reportFormProblems(LINES, MEASURES, values(' '))).toEqual([{ field: 'spent-training', category: 'training', kind: 'spentMissing' }]);
  });

  it('counts whole numbers of zero or more', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount(' 1 250 ')).toBe(1250);
    expect(parseCount('1,250')).toBe(1250);
    for (const typed of ['', '-1', '2.5', 'ten', '1e3']) expect(parseCount(typed)).toBeNull();
  });

  it('names each problem by its field, in the order of the page', () => {
    const values = readReportForm(LINES, MEASURES, { 'spent-personnel': '12.345', 'spent-training': '1', 'count-0': '-3', 'count-1': '10000001', narrative: '  ' });
    expect(reportFormProblems(LINES, MEASURES, values).map((problem) => [problem.field, problem.kind])).toEqual([
      ['spent-personnel', 'spentFormat'],
      ['count-0', 'count'],
      ['count-1', 'countTooLarge'],
      ['narrative', 'narrativeMissing'],
    ]);
    const tooLong = readReportForm(LINES, MEASURES, { 'spent-personnel': '1', 'spent-training': '0', 'count-0': '1', 'count-1': '0', narrative: 'x'.repeat(20_001) });
    expect(reportFormProblems(LINES, MEASURES, tooLong).map((problem) => problem.kind)).toEqual(['narrativeTooLong']);
  });

  it('files each line and every measure of the call by its key, and opens a returned report with what was filed', () => {
    const values = readReportForm(LINES, MEASURES, { 'spent-personnel': '34 000,00', 'spent-training': '15 000', 'count-0': '120', 'count-1': '14', narrative: ' Opened six beds. ', extra: 'ignored' });
    expect(reportFormProblems(LINES, MEASURES, values)).toEqual([]);
    const filing = toFiling({ kind: 'interim', period: '2027-28' }, LINES, MEASURES, values);
    expect(filing).toEqual({
      kind: 'interim',
      period: '2027-28',
      spending: [
        { fiscalYear: '2027-28', category: 'personnel', spentCents: 3_400_000 },
        { fiscalYear: '2027-28', category: 'training', spentCents: 1_500_000 },
      ],
      outcomes: { people_served: 120, 'staff trained': 14 },
      narrative: 'Opened six beds.',
    });
    const saved = savedReportForm('en', LINES, MEASURES, { spending: filing.spending, outcomes: filing.outcomes as Record<string, number>, narrative: filing.narrative } as never);
    expect(saved).toEqual({ spent: ['34,000.00', '15,000.00'], counts: ['120', '14'], narrative: 'Opened six beds.' });
  });
});
