export interface DecisionInput {
  outcome: 'approved' | 'declined';
  approvedCents: number | null;
  requestedCents: number;
  /** Where the ranking's funding line puts the application; null while it awaits reviews and is not ranked. */
  aboveFundingLine: boolean | null;
  overrideReason: string | null;
}

export interface DecisionProblem {
  code: 'APPROVED_AMOUNT_REQUIRED' | 'APPROVED_EXCEEDS_REQUEST' | 'AMOUNT_ON_DECLINE' | 'OVERRIDE_REASON_REQUIRED';
  message: string;
}

/** What keeps a decision from being recorded; empty when it may be. */
export function decisionProblems(input: DecisionInput): DecisionProblem[] {
  const problems: DecisionProblem[] = [];
  if (input.outcome === 'approved') {
    if (input.approvedCents === null || !Number.isSafeInteger(input.approvedCents) || input.approvedCents < 1) {
      problems.push({ code: 'APPROVED_AMOUNT_REQUIRED', message: 'An approval needs approvedCents, a positive whole number of cents' });
    } else if (input.approvedCents > input.requestedCents) {
      problems.push({ code: 'APPROVED_EXCEEDS_REQUEST', message: `approvedCents may not exceed the ${input.requestedCents} cents requested` });
    }
  } else if (input.approvedCents !== null) {
    problems.push({ code: 'AMOUNT_ON_DECLINE', message: 'A decline carries no approved amount' });
  }
  // An application not ranked yet has no line to depart from.
  const againstTheLine = input.aboveFundingLine !== null && (input.outcome === 'approved' ? !input.aboveFundingLine : input.aboveFundingLine);
  if (againstTheLine && !input.overrideReason?.trim()) {
    problems.push({
      code: 'OVERRIDE_REASON_REQUIRED',
      message: input.outcome === 'approved' ? 'Approving below the funding line needs an overrideReason' : 'Declining above the funding line needs an overrideReason',
    });
  }
  return problems;
}
