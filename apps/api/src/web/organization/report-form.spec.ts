import type { OutcomeMeasure } from '@grants/calls';
import { parseCount, readReportForm, reportFormProblems, savedReportForm, toFiling } from './report-form';

const MEASURES: OutcomeMeasure[] = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];

describe('the report form', () => {
  it('asks for the spending, and refuses it when unreadable or above what the API takes', () => {
    const values = (spent: string) => ({ spent, counts: ['1', '2'], narrative: 'Done.' });
    expect(reportFormProblems(MEASURES, values('1,000,000,000.00'))).toEqual([]);
    expect(reportFormProblems(MEASURES, values('1,000,000,000.01'))).toEqual([{ field: 'spent', kind: 'spentTooLarge' }]);
    expect(reportFormProblems(MEASURES, values('1.234'))).toEqual([{ field: 'spent', kind: 'spentFormat' }]);
    expect(reportFormProblems(MEASURES, values(' '))).toEqual([{ field: 'spent', kind: 'spentMissing' }]);
  });

  it('counts whole numbers of zero or more', () => {
    expect(parseCount('0')).toBe(0);
    expect(parseCount(' 1 250 ')).toBe(1250);
    expect(parseCount('1,250')).toBe(1250);
    for (const typed of ['', '-1', '2.5', 'ten', '1e3']) expect(parseCount(typed)).toBeNull();
  });

  it('names each problem by its field, in the order of the page', () => {
    const values = readReportForm(MEASURES, { spent: '12.345', 'count-0': '-3', 'count-1': '10000001', narrative: '  ' });
    expect(reportFormProblems(MEASURES, values).map((problem) => [problem.field, problem.kind])).toEqual([
      ['spent', 'spentFormat'],
      ['count-0', 'count'],
      ['count-1', 'countTooLarge'],
      ['narrative', 'narrativeMissing'],
    ]);
    expect(reportFormProblems(MEASURES, readReportForm(MEASURES, { spent: '1', 'count-0': '1', 'count-1': '0', narrative: 'x'.repeat(20_001) })).map((problem) => problem.kind)).toEqual([
      'narrativeTooLong',
    ]);
  });

  it('files every measure of the call by its key, and opens a returned report with what was filed', () => {
    const values = readReportForm(MEASURES, { spent: '49 000,00', 'count-0': '120', 'count-1': '14', narrative: ' Opened six beds. ', extra: 'ignored' });
    expect(reportFormProblems(MEASURES, values)).toEqual([]);
    const filing = toFiling({ kind: 'interim', period: '2027-28' }, MEASURES, values);
    expect(filing).toEqual({ kind: 'interim', period: '2027-28', spentCents: 4_900_000, outcomes: { people_served: 120, 'staff trained': 14 }, narrative: 'Opened six beds.' });
    const saved = savedReportForm('en', MEASURES, { spentCents: 4_900_000, outcomes: filing.outcomes as Record<string, number>, narrative: filing.narrative } as never);
    expect(saved).toEqual({ spent: '49,000.00', counts: ['120', '14'], narrative: 'Opened six beds.' });
  });
});
