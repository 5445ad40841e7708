/**
 * When a payment may be requested, and who may approve it (../shared/TRANSFER-PAYMENTS.md,
 * "Payments"): program staff request, someone else with expenditure authority approves; the
 * requester never approves, nobody approves twice in one chain, and a payment above the fund's
 * threshold needs a second, different approver. Pure: the services pass the facts.
 */

/** $100,000.00: above it, a payment needs two approvals (a fund may set its own). */
export const DEFAULT_SECOND_APPROVAL_THRESHOLD_CENTS = 10_000_000;

export type RequestCondition = 'AWARD_ON_HOLD' | 'AGREEMENT_NOT_EXECUTED' | 'FINAL_REPORT_NOT_ACCEPTED' | 'PRIOR_REPORT_NOT_ACCEPTED';

export interface RequestFacts {
  onHold: boolean;
  agreementExecuted: boolean;
  /** The holdback waits for the final report; an instalment after the first for the report of the period before. */
  kind: 'first' | 'later' | 'holdback';
  priorReportAccepted: boolean;
  finalReportAccepted: boolean;
}

/** Every condition not met, the one to fix first first (a hold, then the agreement, then the reports). */
export function unmetRequestConditions(facts: RequestFacts): RequestCondition[] {
  const unmet: RequestCondition[] = [];
  if (facts.onHold) unmet.push('AWARD_ON_HOLD');
  if (!facts.agreementExecuted) unmet.push('AGREEMENT_NOT_EXECUTED');
  if (facts.kind === 'holdback' && !facts.finalReportAccepted) unmet.push('FINAL_REPORT_NOT_ACCEPTED');
  if (facts.kind === 'later' && !facts.priorReportAccepted) unmet.push('PRIOR_REPORT_NOT_ACCEPTED');
  return unmet;
}

export function approvalsNeeded(amountCents: number, thresholdCents: number = DEFAULT_SECOND_APPROVAL_THRESHOLD_CENTS): 1 | 2 {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`A payment is a positive whole number of cents, not ${amountCents}`);
  return amountCents > thresholdCents ? 2 : 1;
}

export interface ApprovalChain {
  status: 'requested' | 'approved';
  requestedBy: string;
  /** Fixed when the payment is requested, from its amount and the fund's threshold then. */
  approvalsNeeded: 1 | 2;
  /** Who approved, in order. */
  approvedBy: readonly string[];
}

export type ApprovalOutcome =
  | { chain: ApprovalChain }
  | { refused: 'NOT_REQUESTED' }
  /** The requester, or someone who already approved this chain. */
  | { refused: 'SEPARATION_OF_DUTIES'; because: 'requester' | 'repeat' };

/** One approval by `approverId`: the chain stays `requested` until it has as many approvers as it needs. */
export function approve(chain: ApprovalChain, approverId: string): ApprovalOutcome {
  if (chain.status !== 'requested') return { refused: 'NOT_REQUESTED' };
  if (approverId === chain.requestedBy) return { refused: 'SEPARATION_OF_DUTIES', because: 'requester' };
  if (chain.approvedBy.includes(approverId)) return { refused: 'SEPARATION_OF_DUTIES', because: 'repeat' };
  const approvedBy = [...chain.approvedBy, approverId];
  return { chain: { ...chain, approvedBy, status: approvedBy.length >= chain.approvalsNeeded ? 'approved' : 'requested' } };
}
