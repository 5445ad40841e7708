/**
 * An agreement's money from plan to year-end recovery (../shared/TRANSFER-PAYMENTS.md, "Payments"
 * and "Reports and recovery"). Pure, integer cents, exact.
 *
 * The invariant, per part and so in total: every planned cent is exactly one of paid, held back
 * (holdback not yet paid), scheduled (unpaid, not holdback) or offset (kept by the Province instead
 * of being paid), so paidCents + heldBackCents + scheduledCents + offsetCents === totalCents.
 * repaidCents is a part of paidCents that came back: the recipient kept paidCents − repaidCents.
 * Offsets never exceed the recoveries recorded, because each offset is charged to one recovery.
 */

export const DEFAULT_HOLDBACK_PERCENT = 10;

export interface Instalment {
  position: number;
  /** `2027-28` */
  fiscalYear: string;
  amountCents: number;
}

/** An instalment, or the holdback taken from the last one (its own part, at the next position). */
export interface PlannedPart extends Instalment {
  holdback: boolean;
}

export interface Payment {
  fiscalYear: string;
  amountCents: number;
}

export interface Spending {
  fiscalYear: string;
  spentCents: number;
}

export type Settlement = 'offset' | 'repayment';

/** A surplus owed back to the Crown for one fiscal year; `offsetCents` of it already kept from later parts. */
export interface Recovery {
  fiscalYear: string;
  amountCents: number;
  offsetCents: number;
  settledBy: Settlement | null;
}

export interface YearReconciliation {
  fiscalYear: string;
  paidCents: number;
  spentCents: number;
  surplusCents: number;
  recoveries: Recovery[];
}

/** A part as it stands: `amountCents` is what is left to pay after offsets, `plannedCents` what the plan said. */
export interface LedgerPart extends PlannedPart {
  plannedCents: number;
  paid: boolean;
}

export interface LedgerState {
  parts: readonly LedgerPart[];
  spending: readonly Spending[];
  recoveries: readonly Recovery[];
}

export interface LedgerSummary {
  totalCents: number;
  paidCents: number;
  heldBackCents: number;
  scheduledCents: number;
  offsetCents: number;
  repaidCents: number;
}

export type LedgerEvent =
  | { kind: 'pay'; position: number }
  | { kind: 'spend'; fiscalYear: string; spentCents: number }
  | { kind: 'reconcile'; fiscalYear: string }
  | { kind: 'offset'; fiscalYear: string }
  | { kind: 'repay'; fiscalYear: string };

export type LedgerRefusal = 'NO_SUCH_PART' | 'ALREADY_PAID' | 'NO_SURPLUS' | 'ALREADY_RECONCILED' | 'NO_OPEN_RECOVERY' | 'NOTHING_TO_OFFSET';

/** A refused event leaves the state as it was (the same object) and says why. */
export interface EventOutcome {
  state: LedgerState;
  refused: LedgerRefusal | null;
}

/** The last instalment split into its payable part and the holdback: floor(total × percent / 100), at most the last instalment. */
export function splitHoldback(instalments: readonly Instalment[], holdbackPercent: number = DEFAULT_HOLDBACK_PERCENT): PlannedPart[] {
  if (!Number.isSafeInteger(holdbackPercent) || holdbackPercent < 0 || holdbackPercent > 100) throw new RangeError(`A holdback is a whole percent from 0 to 100, not ${holdbackPercent}`);
  if (instalments.length === 0) throw new RangeError('An agreement needs at least one instalment');
  for (const instalment of instalments) cents(instalment.amountCents);
  const total = instalments.reduce((sum, instalment) => sum + BigInt(instalment.amountCents), 0n);
  const last = instalments[instalments.length - 1]!;
  const wanted = (total * BigInt(holdbackPercent)) / 100n;
  const holdback = Number(wanted < BigInt(last.amountCents) ? wanted : BigInt(last.amountCents));
  const parts: PlannedPart[] = instalments.map((instalment) => ({ ...instalment, holdback: false }));
  if (holdback === 0) return parts;
  parts[parts.length - 1] = { ...last, amountCents: last.amountCents - holdback, holdback: false };
  return [...parts, { position: last.position + 1, fiscalYear: last.fiscalYear, amountCents: holdback, holdback: true }];
}

/**
 * The instalments back from their parts (splitHoldback's inverse): the holdback returns into the
 * instalment before it, or stands for it when it took all of it. Other fields come from that instalment.
 */
export function instalmentsOf<P extends PlannedPart>(parts: readonly P[]): Array<Omit<P, 'holdback'>> {
  const byPosition = new Map<number, Omit<P, 'holdback'>>();
  for (const { holdback, ...part } of [...parts].sort((a, b) => a.position - b.position)) {
    const position = holdback ? part.position - 1 : part.position;
    const existing = byPosition.get(position);
    byPosition.set(position, existing ? { ...existing, amountCents: existing.amountCents + part.amountCents } : { ...part, position });
  }
  return [...byPosition.values()];
}

/** Per fiscal year, sorted: what was paid, what was spent, and the surplus owed back. */
export function reconcile(input: {
  parts: readonly PlannedPart[];
  payments: readonly Payment[];
  spending: readonly Spending[];
  recoveries: readonly Recovery[];
}): YearReconciliation[] {
  const years = new Set([...input.parts, ...input.payments, ...input.spending, ...input.recoveries].map((row) => row.fiscalYear));
  return [...years].sort().map((fiscalYear) => {
    const paidCents = sum(input.payments.filter((payment) => payment.fiscalYear === fiscalYear).map((payment) => cents(payment.amountCents)));
    const spentCents = sum(input.spending.filter((line) => line.fiscalYear === fiscalYear).map((line) => cents(line.spentCents)));
    return {
      fiscalYear,
      paidCents,
      spentCents,
      surplusCents: Math.max(0, paidCents - spentCents),
      recoveries: input.recoveries.filter((recovery) => recovery.fiscalYear === fiscalYear).map((recovery) => ({ ...recovery })),
    };
  });
}

/**
 * Keeps what is still owed on `recovery` from the unpaid parts, the next first, never below zero.
 * What cannot be offset stays owed, to be repaid; the recovery is settled only once fully offset.
 */
export function offsetAgainst<P extends PlannedPart & { paid?: boolean }>(parts: readonly P[], recovery: Recovery): { parts: P[]; offsetCents: number; recovery: Recovery } {
  let owed = cents(recovery.amountCents) - cents(recovery.offsetCents);
  if (owed < 0 || recovery.settledBy !== null) throw new RangeError(`Recovery for ${recovery.fiscalYear} has nothing left to offset`);
  let offsetCents = 0;
  const next = [...parts].sort((a, b) => a.position - b.position).map((part) => {
    if (part.paid || owed === 0) return part;
    const taken = Math.min(owed, cents(part.amountCents));
    owed -= taken;
    offsetCents += taken;
    return { ...part, amountCents: part.amountCents - taken };
  });
  const total = recovery.offsetCents + offsetCents;
  return { parts: next, offsetCents, recovery: { ...recovery, offsetCents: total, settledBy: total === recovery.amountCents ? 'offset' : null } };
}

/** The rest of the recovery, whatever was not offset, is repaid. */
export function repay(recovery: Recovery): Recovery {
  if (recovery.settledBy !== null) throw new RangeError(`Recovery for ${recovery.fiscalYear} is already settled`);
  return { ...recovery, settledBy: 'repayment' };
}

export function ledgerState(parts: readonly PlannedPart[]): LedgerState {
  return { parts: parts.map((part) => ({ ...part, plannedCents: cents(part.amountCents), paid: false })), spending: [], recoveries: [] };
}

export function ledger(state: LedgerState): LedgerSummary {
  const unpaid = state.parts.filter((part) => !part.paid);
  return {
    totalCents: sum(state.parts.map((part) => part.plannedCents)),
    paidCents: sum(state.parts.filter((part) => part.paid).map((part) => part.amountCents)),
    heldBackCents: sum(unpaid.filter((part) => part.holdback).map((part) => part.amountCents)),
    scheduledCents: sum(unpaid.filter((part) => !part.holdback).map((part) => part.amountCents)),
    offsetCents: sum(state.parts.map((part) => part.plannedCents - part.amountCents)),
    repaidCents: sum(state.recoveries.filter((recovery) => recovery.settledBy === 'repayment').map((recovery) => recovery.amountCents - recovery.offsetCents)),
  };
}

export function applyEvent(state: LedgerState, event: LedgerEvent): EventOutcome {
  const refuse = (refused: LedgerRefusal): EventOutcome => ({ state, refused });
  const open = (fiscalYear: string) => state.recoveries.findIndex((recovery) => recovery.fiscalYear === fiscalYear && recovery.settledBy === null);
  switch (event.kind) {
    case 'pay': {
      const part = state.parts.find((candidate) => candidate.position === event.position);
      if (!part) return refuse('NO_SUCH_PART');
      if (part.paid) return refuse('ALREADY_PAID');
      return { state: { ...state, parts: state.parts.map((candidate) => (candidate === part ? { ...part, paid: true } : candidate)) }, refused: null };
    }
    case 'spend':
      cents(event.spentCents);
      return { state: { ...state, spending: [...state.spending, { fiscalYear: event.fiscalYear, spentCents: event.spentCents }] }, refused: null };
    case 'reconcile': {
      if (state.recoveries.some((recovery) => recovery.fiscalYear === event.fiscalYear)) return refuse('ALREADY_RECONCILED');
      const year = reconcile({ parts: state.parts, payments: payments(state), spending: state.spending, recoveries: [] }).find((row) => row.fiscalYear === event.fiscalYear);
      if (!year || year.surplusCents === 0) return refuse('NO_SURPLUS');
      const recovery: Recovery = { fiscalYear: event.fiscalYear, amountCents: year.surplusCents, offsetCents: 0, settledBy: null };
      return { state: { ...state, recoveries: [...state.recoveries, recovery] }, refused: null };
    }
    case 'offset': {
      const index = open(event.fiscalYear);
      if (index < 0) return refuse('NO_OPEN_RECOVERY');
      const result = offsetAgainst(state.parts, state.recoveries[index]!);
      if (result.offsetCents === 0) return refuse('NOTHING_TO_OFFSET');
      return { state: { ...state, parts: result.parts, recoveries: state.recoveries.map((recovery, at) => (at === index ? result.recovery : recovery)) }, refused: null };
    }
    case 'repay': {
      const index = open(event.fiscalYear);
      if (index < 0) return refuse('NO_OPEN_RECOVERY');
      return { state: { ...state, recoveries: state.recoveries.map((recovery, at) => (at === index ? repay(recovery) : recovery)) }, refused: null };
    }
  }
}

/** What was paid, by the fiscal year of the part paid. */
export function payments(state: LedgerState): Payment[] {
  return state.parts.filter((part) => part.paid).map((part) => ({ fiscalYear: part.fiscalYear, amountCents: part.amountCents }));
}

function cents(amount: number): number {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new RangeError(`An amount is a whole, non-negative number of cents, not ${amount}`);
  return amount;
}

function sum(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => total + amount, 0);
}
