import { AgreementFacts, amendedSchedules, firstSchedules } from './agreement-schedules';

const FACTS: AgreementFacts = {
  terms: { termsVersion: 'CBSF-2026.1', clauses: [] },
  approvedCents: 1_000_001,
  conditions: 'Quarterly check-ins.',
  project: { title: 'Safe homes', summary: 'Housing and outreach.' },
  startsOn: '2026-12-04',
  // Asked 3 × $4,000.00 (one category twice in a year): approved $10,000.01.
  budget: [
    { fiscalYear: '2027-28', category: 'training', amountCents: 200_000 },
    { fiscalYear: '2027-28', category: 'personnel', amountCents: 400_000 },
    { fiscalYear: '2027-28', category: 'training', amountCents: 200_000 },
    { fiscalYear: '2028-29', category: 'program_delivery', amountCents: 400_000 },
  ],
  payments: [
    { position: 0, fiscalYear: '2027-28', dueOn: '2027-04-01', amountCents: 666_667 },
    { position: 1, fiscalYear: '2028-29', dueOn: '2028-04-01', amountCents: 333_334 },
  ],
  reports: [{ kind: 'final', period: '2028-29', dueOn: '2029-06-30' }],
  outcomeMeasures: [],
  holdbackPercent: 10,
};

describe('an agreement’s schedules', () => {
  it('scale the budget to the approved amount, line by line, to the cent, and hold back 10% of the last instalment', () => {
    const { c, d, e } = firstSchedules(FACTS);
    expect(c).toMatchObject({ startsOn: '2026-12-04', endsOn: '2029-03-31' });
    expect(d.lines).toEqual([
      { fiscalYear: '2027-28', category: 'personnel', amountCents: 333_334 },
      { fiscalYear: '2027-28', category: 'training', amountCents: 333_334 },
      { fiscalYear: '2028-29', category: 'program_delivery', amountCents: 333_333 },
    ]);
    expect(d.lines.reduce((sum, line) => sum + line.amountCents, 0)).toBe(1_000_001);
    expect(e.instalments.map((instalment) => instalment.condition)).toEqual(['execution', 'prior_report']);
    expect(e.holdbackCents).toBe(100_000);
  });

  it('take an amendment only if the total stays, paid instalments stay, and something changes', () => {
    const current = firstSchedules(FACTS);
    const plan = current.e.instalments.map(({ fiscalYear, dueOn, amountCents }) => ({ fiscalYear, dueOn, amountCents }));
    expect(amendedSchedules(current, { conditions: 'Quarterly check-ins.' }, new Set())).toEqual({ problems: [{ code: 'NOTHING_TO_AMEND' }] });
    expect(amendedSchedules(current, { budget: [{ fiscalYear: '2027-28', category: 'personnel', amountCents: 1_000_000 }] }, new Set())).toEqual({
      problems: [{ code: 'BUDGET_TOTAL_CHANGED', totalCents: 1_000_001, budgetCents: 1_000_000 }],
    });
    const moved = [{ ...plan[0]!, amountCents: 600_000 }, { ...plan[1]!, amountCents: 400_001 }];
    expect(amendedSchedules(current, { paymentPlan: moved }, new Set([0]))).toEqual({ problems: [{ code: 'PAID_INSTALMENT_CHANGED', position: 0 }] });
    // What is already kept from instalment 2 against a recovery is a floor for its part after the holdback ($3,000.01).
    expect(amendedSchedules(current, { paymentPlan: moved }, new Set(), [{ position: 1, status: 'scheduled', offsetCents: 300_002 }])).toEqual({ problems: [{ code: 'INSTALMENT_BELOW_OFFSET', position: 1, offsetCents: 300_002 }] });
    expect('schedules' in amendedSchedules(current, { paymentPlan: moved }, new Set(), [{ position: 1, status: 'scheduled', offsetCents: 300_001 }])).toBe(true);
    // A payment being approved is approved for its amount: the amendment waits until it is paid.
    expect(amendedSchedules(current, { paymentPlan: moved }, new Set(), [{ position: 0, status: 'approved', offsetCents: 0 }])).toEqual({ problems: [{ code: 'PAYMENT_IN_APPROVAL', position: 0 }] });
    const amended = amendedSchedules(current, { paymentPlan: moved, endsOn: '2029-06-30' }, new Set());
    if (!('schedules' in amended)) throw new Error('the amendment was refused');
    expect(amended.schedules.e).toMatchObject({ holdbackCents: 100_000, instalments: [{ amountCents: 600_000, condition: 'execution' }, { amountCents: 400_001, condition: 'prior_report' }] });
    expect(amended.schedules.c.endsOn).toBe('2029-06-30');
    expect(amended.schedules.d).toEqual(current.d);
  });
});
