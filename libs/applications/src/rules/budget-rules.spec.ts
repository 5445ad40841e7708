import {
  BudgetLine,
  allowedFiscalYears,
  budgetProblems,
  budgetTotalCents,
  fiscalYearLabel,
  fiscalYearOf,
  formatReferenceNumber,
  parseFiscalYear,
} from './budget-rules';

function line(overrides: Partial<BudgetLine> = {}): BudgetLine {
  return { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker, 0.5 FTE', amountCents: 3_250_000, ...overrides };
}

describe('fiscal year labels', () => {
  it('reads the start year of well-formed labels, including the turn of the century', () => {
    expect(parseFiscalYear('2027-28')).toBe(2027);
    expect(parseFiscalYear('2099-00')).toBe(2099);
    expect(fiscalYearLabel(2027)).toBe('2027-28');
    expect(fiscalYearLabel(2099)).toBe('2099-00');
  });

  it('refuses labels whose second part is not the following year', () => {
    expect(parseFiscalYear('2027-29')).toBeNull();
    expect(parseFiscalYear('2027-2028')).toBeNull();
    expect(parseFiscalYear('2027/28')).toBeNull();
    expect(parseFiscalYear(' 2027-28')).toBeNull();
    expect(parseFiscalYear('FY2027-28')).toBeNull();
  });
});

describe('fiscalYearOf', () => {
  it('judges by the date in Ontario, not in UTC', () => {
    // 03:30 UTC on 1 April is 23:30 on 31 March in Toronto (EDT, UTC-4).
    expect(fiscalYearOf(new Date('2027-04-01T03:30:00Z'))).toBe('2026-27');
    expect(fiscalYearOf(new Date('2027-04-01T04:00:00Z'))).toBe('2027-28');
  });

  it('places January to March in the fiscal year that began the previous April', () => {
    expect(fiscalYearOf(new Date('2028-01-15T17:00:00Z'))).toBe('2027-28');
    expect(fiscalYearOf(new Date('2028-03-31T12:00:00Z'))).toBe('2027-28');
  });
});

describe('allowedFiscalYears', () => {
  // Midnight in Toronto during daylight time (EDT, UTC-4).
  const torontoMidnight = (date: string): Date => new Date(`${date}T04:00:00Z`);

  it('includes the fiscal year in which the project period ends', () => {
    // 15 April 2027 to 15 April 2029: the last two weeks fall in 2029-30.
    expect(allowedFiscalYears(torontoMidnight('2027-04-15'), 24)).toEqual(['2027-28', '2028-29', '2029-30']);
  });

  it('excludes the fiscal year beginning on the exclusive end date', () => {
    // 1 April 2027 to 1 April 2028 (exclusive): exactly one fiscal year.
    expect(allowedFiscalYears(torontoMidnight('2027-04-01'), 12)).toEqual(['2027-28']);
    // 31 January 2027 (EST, UTC-5) plus 14 months ends on 31 March 2028: still 2027-28.
    expect(allowedFiscalYears(new Date('2027-01-31T05:00:00Z'), 14)).toEqual(['2026-27', '2027-28']);
  });

  it('starts from the Ontario date of the project start', () => {
    // 1 April 2027 01:00 UTC is still 31 March in Toronto, so 2026-27 is included.
    expect(allowedFiscalYears(new Date('2027-04-01T01:00:00Z'), 12)).toEqual(['2026-27', '2027-28']);
  });
});

describe('budgetProblems', () => {
  const allowed = ['2027-28', '2028-29'];

  it('accepts a well-formed budget within the allowed years', () => {
    expect(budgetProblems([line(), line({ fiscalYear: '2028-29', category: 'evaluation', amountCents: 1 })], allowed)).toEqual([]);
  });

  it('names the line and the field for each problem', () => {
    const lines = [
      line(),
      line({ fiscalYear: '2029-30', description: '   ' }),
      line({ fiscalYear: '2028-30', category: 'catering' as BudgetLine['category'], amountCents: 0 }),
      line({ amountCents: 1_999.99 }),
    ];
    expect(budgetProblems(lines, allowed)).toEqual([
      { field: 'budget[1].fiscalYear', message: 'must be one of 2027-28, 2028-29' },
      { field: 'budget[1].description', message: 'is required' },
      { field: 'budget[2].fiscalYear', message: 'must be a fiscal year written like 2027-28' },
      {
        field: 'budget[2].category',
        message:
          'must be one of personnel, program_delivery, participant_support, training, travel, equipment, administration, evaluation, other',
      },
      { field: 'budget[2].amountCents', message: 'must be a positive whole number of cents' },
      { field: 'budget[3].amountCents', message: 'must be a positive whole number of cents' },
    ]);
  });

  it('limits descriptions to 500 characters, counting each accented or emoji character once', () => {
    expect(budgetProblems([line({ description: '🎓'.repeat(500) })], allowed)).toEqual([]);
    expect(budgetProblems([line({ description: 'é'.repeat(501) })], allowed)).toEqual([
      { field: 'budget[0].description', message: 'must be at most 500 characters' },
    ]);
  });

  it('allows at most 200 lines', () => {
    expect(budgetProblems(Array.from({ length: 200 }, () => line()), allowed)).toEqual([]);
    expect(budgetProblems(Array.from({ length: 201 }, () => line()), allowed)).toEqual([
      { field: 'budget', message: 'must have at most 200 lines' },
    ]);
  });
});

describe('budgetTotalCents', () => {
  it('adds the lines exactly', () => {
    expect(budgetTotalCents([])).toBe(0);
    // 0.1 + 0.2 dollars would drift in floating point; cents do not.
    expect(budgetTotalCents([line({ amountCents: 10 }), line({ amountCents: 20 }), line({ amountCents: 3_250_000 })])).toBe(3_250_030);
  });

  it('throws rather than return a total that is no longer exact', () => {
    const huge = line({ amountCents: Number.MAX_SAFE_INTEGER });
    expect(budgetTotalCents([huge])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => budgetTotalCents([huge, line({ amountCents: 1 })])).toThrow(RangeError);
  });
});

describe('formatReferenceNumber', () => {
  it('pads the sequence to four digits and grows past 9999', () => {
    expect(formatReferenceNumber('CBSF', 2027, 42)).toBe('CBSF-2027-0042');
    expect(formatReferenceNumber('ILIF', 2028, 9999)).toBe('ILIF-2028-9999');
    expect(formatReferenceNumber('CBSF', 2027, 12345)).toBe('CBSF-2027-12345');
  });

  it('refuses a sequence that could not have been issued', () => {
    expect(() => formatReferenceNumber('CBSF', 2027, 0)).toThrow(RangeError);
    expect(() => formatReferenceNumber('CBSF', 2027, 1.5)).toThrow(RangeError);
  });
});
