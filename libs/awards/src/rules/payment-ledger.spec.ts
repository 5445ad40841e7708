import fc from 'fast-check';
import { applyEvent, instalmentsOf, ledger, LedgerEvent, LedgerState, ledgerState, splitHoldback } from './payment-ledger';

const YEARS = ['2027-28', '2028-29', '2029-30', '2030-31'];

function addsUp(state: LedgerState): void {
  const summary = ledger(state);
  expect(summary.paidCents + summary.heldBackCents + summary.scheduledCents + summary.offsetCents).toBe(summary.totalCents);
}

describe('payment ledger', () => {
  it('offsets a year-one surplus against instalment 2 and still adds up to $85,000.00 at each step', () => {
    const parts = splitHoldback([
      { position: 1, fiscalYear: '2027-28', amountCents: 5_100_000 },
      { position: 2, fiscalYear: '2028-29', amountCents: 3_400_000 },
    ]);
    expect(parts).toEqual([
      { position: 1, fiscalYear: '2027-28', amountCents: 5_100_000, holdback: false },
      { position: 2, fiscalYear: '2028-29', amountCents: 2_550_000, holdback: false },
      { position: 3, fiscalYear: '2028-29', amountCents: 850_000, holdback: true },
    ]);
    const events: LedgerEvent[] = [
      { kind: 'pay', position: 1 },
      { kind: 'spend', fiscalYear: '2027-28', spentCents: 4_600_000 },
      { kind: 'reconcile', fiscalYear: '2027-28' },
      { kind: 'offset', fiscalYear: '2027-28' },
      { kind: 'pay', position: 2 },
    ];
    let state = ledgerState(parts);
    for (const event of events) {
      const outcome = applyEvent(state, event);
      expect(outcome.refused).toBeNull();
      state = outcome.state;
      addsUp(state);
    }
    expect(state.recoveries).toEqual([{ fiscalYear: '2027-28', amountCents: 500_000, offsetCents: 500_000, settledBy: 'offset' }]);
    expect(state.parts.find((part) => part.position === 2)?.amountCents).toBe(2_050_000);
    expect(ledger(state)).toEqual({ totalCents: 8_500_000, paidCents: 7_150_000, heldBackCents: 850_000, scheduledCents: 0, offsetCents: 500_000, repaidCents: 0 });
    expect(applyEvent(state, { kind: 'pay', position: 2 })).toEqual({ state, refused: 'ALREADY_PAID' });
    expect(applyEvent(state, { kind: 'reconcile', fiscalYear: '2027-28' }).refused).toBe('ALREADY_RECONCILED');
    expect(applyEvent(state, { kind: 'offset', fiscalYear: '2027-28' }).refused).toBe('NO_OPEN_RECOVERY');
  });

  it('refuses amounts that are not whole, non-negative cents', () => {
    expect(() => splitHoldback([{ position: 1, fiscalYear: '2027-28', amountCents: 10.5 }])).toThrow(RangeError);
    expect(() => splitHoldback([{ position: 1, fiscalYear: '2027-28', amountCents: -1 }])).toThrow(RangeError);
    expect(() => splitHoldback([{ position: 1, fiscalYear: '2027-28', amountCents: 100 }], 10.5)).toThrow(RangeError);
  });

  it('adds up to the cent after every event, in any order, with no part below zero and offsets within recoveries', () => {
    const instalments = fc.array(fc.integer({ min: 0, max: 2_000_000_00 }), { minLength: 1, maxLength: 4 }).map((amounts) =>
      amounts.map((amountCents, index) => ({ position: index + 1, fiscalYear: YEARS[index]!, amountCents })),
    );
    const year = fc.constantFrom(...YEARS);
    const event: fc.Arbitrary<LedgerEvent> = fc.oneof(
      fc.record({ kind: fc.constant('pay' as const), position: fc.integer({ min: 0, max: 6 }) }),
      fc.record({ kind: fc.constant('spend' as const), fiscalYear: year, spentCents: fc.integer({ min: 0, max: 2_000_000_00 }) }),
      fc.record({ kind: fc.constant('reconcile' as const), fiscalYear: year }),
      fc.record({ kind: fc.constant('offset' as const), fiscalYear: year }),
      fc.record({ kind: fc.constant('repay' as const), fiscalYear: year }),
    );
    fc.assert(
      fc.property(instalments, fc.integer({ min: 0, max: 20 }), fc.array(event, { maxLength: 30 }), (plan, percent, events) => {
        const total = plan.reduce((sum, instalment) => sum + instalment.amountCents, 0);
        const parts = splitHoldback(plan, percent);
        expect(parts.reduce((sum, part) => sum + part.amountCents, 0)).toBe(total);
        // What an agreement's schedule E shows is what the payments add back up to.
        expect(instalmentsOf(parts)).toEqual(plan);
        let state = ledgerState(parts);
        for (const next of events) {
          const outcome = applyEvent(state, next);
          if (outcome.refused) expect(outcome.state).toBe(state);
          state = outcome.state;
          const summary = ledger(state);
          expect(summary.totalCents).toBe(total);
          addsUp(state);
          for (const part of state.parts) expect(part.amountCents).toBeGreaterThanOrEqual(0);
          expect(summary.offsetCents).toBeLessThanOrEqual(state.recoveries.reduce((sum, recovery) => sum + recovery.amountCents, 0));
          expect(summary.repaidCents).toBeLessThanOrEqual(summary.paidCents);
        }
      }),
    );
  });
});
