import type { OutcomeMeasure } from '@grants/calls';
import { dollarsText, parseCount, parseDollars, readReportForm, reportFormProblems, savedReportForm, toFiling } from './report-form';

const MEASURES: OutcomeMeasure[] = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];

describe('the report form', () => {
  it('reads dollars as English and French Canadians write them, into exact cents', () => {
    const cents = (typed: string) => parseDollars(typed);
    expect(cents('1,234.56')).toEqual({ ok: true, cents: 123_456 });
    expect(cents('1 234,56')).toEqual({ ok: true, cents: 123_456 });
    expect(cents('1\u00a0234,56\u00a0$')).toEqual({ ok: true, cents: 123_456 });
    expect(cents('1\u202f234,56 $')).toEqual({ ok: true, cents: 123_456 });
    expect(cents('$1,234,567.8')).toEqual({ ok: true, cents: 123_456_780 });
    expect(cents('1234')).toEqual({ ok: true, cents: 123_400 });
    expect(cents('1,234')).toEqual({ ok: true, cents: 123_400 });
    expect(cents('0,5')).toEqual({ ok: true, cents: 50 });
    expect(cents('0')).toEqual({ ok: true, cents: 0 });
    // 0.1 + 0.2 in floating point is not 0.3: cents are counted, not multiplied.
    expect(cents('0.29')).toEqual({ ok: true, cents: 29 });
    expect(cents('4 900,07')).toEqual({ ok: true, cents: 490_007 });
  });

  it('refuses what it would have to guess, and says when nothing or too much was typed', () => {
    for (const typed of ['1.234', '1,234,56', '12,34,567', '1.5.6', '-5', '5 dollars', '1,23.45', '1.234.567', ',', '1,234.567'])
      expect({ typed, parsed: parseDollars(typed) }).toEqual({ typed, parsed: { ok: false, problem: 'format' } });
    expect(parseDollars('  ')).toEqual({ ok: false, problem: 'missing' });
    expect(parseDollars('$')).toEqual({ ok: false, problem: 'missing' });
    expect(parseDollars('1,000,000,000.00')).toEqual({ ok: true, cents: 100_000_000_000 });
    expect(parseDollars('1,000,000,000.01')).toEqual({ ok: false, problem: 'tooLarge' });
    expect(parseDollars('99999999999999999')).toEqual({ ok: false, problem: 'tooLarge' });
  });

  it('shows amounts back in the page’s language, and reads them again', () => {
    expect(dollarsText('en', 490_000)).toBe('4,900.00');
    expect(dollarsText('fr', 490_000).replace(/\s/g, ' ')).toBe('4 900,00');
    for (const locale of ['en', 'fr'] as const) expect(parseDollars(dollarsText(locale, 123_456_789))).toEqual({ ok: true, cents: 123_456_789 });
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
