import fc from 'fast-check';
import { planAward, splitAcrossFiscalYears } from './award-plan';

const fiscalYear = fc.integer({ min: 2026, max: 2031 }).map((start) => `${start}-${String((start + 1) % 100).padStart(2, '0')}`);
const budget = fc.array(fc.record({ fiscalYear, amountCents: fc.integer({ min: 0, max: 50_000_000_00 }) }), { minLength: 1, maxLength: 12 }).filter((lines) => lines.some((line) => line.amountCents > 0));
const approved = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });

describe('splitAcrossFiscalYears', () => {
  it('adds up to the approved amount exactly, in positive whole cents, one payment per year at most', () => {
    fc.assert(
      fc.property(approved, budget, (approvedCents, lines) => {
        const payments = splitAcrossFiscalYears(approvedCents, lines);
        expect(payments.reduce((sum, payment) => sum + BigInt(payment.amountCents), 0n)).toBe(BigInt(approvedCents));
        for (const payment of payments) expect(Number.isSafeInteger(payment.amountCents) && payment.amountCents > 0).toBe(true);
        expect(new Set(payments.map((payment) => payment.fiscalYear)).size).toBe(payments.length);
        expect(payments.map((payment) => payment.fiscalYear)).toEqual([...payments.map((payment) => payment.fiscalYear)].sort());
      }),
    );
  });

  it('gives each year its proportional share, within one cent', () => {
    fc.assert(
      fc.property(approved, budget, (approvedCents, lines) => {
        const total = lines.reduce((sum, line) => sum + BigInt(line.amountCents), 0n);
        const payments = splitAcrossFiscalYears(approvedCents, lines);
        const years = new Set(lines.filter((line) => line.amountCents > 0).map((line) => line.fiscalYear));
        for (const year of years) {
          const asked = lines.filter((line) => line.fiscalYear === year).reduce((sum, line) => sum + BigInt(line.amountCents), 0n);
          const paid = BigInt(payments.find((payment) => payment.fiscalYear === year)?.amountCents ?? 0);
          // |paid − approved × asked / total| < 1, in integers
          const difference = paid * total - BigInt(approvedCents) * asked;
          expect(difference < total && difference > -total).toBe(true);
        }
      }),
    );
  });

  it('splits a two-year award as the budget asked, the leftover cent to the earlier year', () => {
    expect(
      splitAcrossFiscalYears(10_000_001, [
        { fiscalYear: '2027-28', amountCents: 5_000_000 },
        { fiscalYear: '2026-27', amountCents: 5_000_000 },
      ]),
    ).toEqual([
      { fiscalYear: '2026-27', amountCents: 5_000_001 },
      { fiscalYear: '2027-28', amountCents: 5_000_000 },
    ]);
  });

  it('refuses an amount that is not whole positive cents', () => {
    expect(() => splitAcrossFiscalYears(0, [{ fiscalYear: '2026-27', amountCents: 1 }])).toThrow(RangeError);
    expect(() => splitAcrossFiscalYears(10.5, [{ fiscalYear: '2026-27', amountCents: 1 }])).toThrow(RangeError);
  });
});

describe('planAward', () => {
  it('asks an interim report for each year but the last and a final one, each releasing the next payment', () => {
    const plan = planAward(8_500_000, [
      { fiscalYear: '2027-28', amountCents: 6_000_000 },
      { fiscalYear: '2028-29', amountCents: 4_000_000 },
    ], '2027-02-15');
    expect(plan.payments).toEqual([
      { fiscalYear: '2027-28', amountCents: 5_100_000, dueOn: '2027-04-01', dependsOn: null },
      { fiscalYear: '2028-29', amountCents: 3_400_000, dueOn: '2028-04-01', dependsOn: { kind: 'interim', period: '2027-28' } },
    ]);
    expect(plan.reports).toEqual([
      { kind: 'interim', period: '2027-28', dueOn: '2028-01-31' },
      { kind: 'final', period: '2028-29', dueOn: '2029-06-30' },
    ]);
  });

  it('never makes a report due sooner than 60 days after release, nor a payment before it', () => {
    const plan = planAward(1_000_000, [{ fiscalYear: '2026-27', amountCents: 1_000_000 }], '2027-06-01');
    expect(plan.payments[0]!.dueOn).toBe('2027-06-01');
    expect(plan.reports).toEqual([{ kind: 'final', period: '2026-27', dueOn: '2027-07-31' }]);
  });
});
