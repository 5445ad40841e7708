import { BUDGET_LINE_AMOUNT_CENTS } from '@grants/applications';

/**
 * The limits of what is written about an award after the decision: payments and reports. The JSON
 * API's DTOs and the pages' form readers both take them from here, so that a limit changed once
 * changes everywhere. MAX_OUTCOME_COUNT sits with the rule that enforces it (report-rules.ts).
 */

/** The payment's reference in the finance system. */
export const PAYMENT_REFERENCE = { minLength: 1, maxLength: 200 } as const;
/** Money spent in a report's period, in integer cents: at most what one budget line may ask. */
export const REPORT_SPENT_CENTS = { min: 0, max: BUDGET_LINE_AMOUNT_CENTS.max } as const;
export const REPORT_NARRATIVE = { minLength: 1, maxLength: 20_000 } as const;
/** The office's comment on a filed report; required to send it back. */
export const REPORT_REVIEW_COMMENT = { maxLength: 5000 } as const;

/** What a signer types: their name and title as they sign. */
export const SIGNER_NAME = { minLength: 1, maxLength: 200 } as const;
export const SIGNER_TITLE = { minLength: 1, maxLength: 200 } as const;
/** Why an officer amends an agreement; the organization reads it in the email and on the agreement. */
export const AMENDMENT_REASON = { minLength: 1, maxLength: 2000 } as const;
/** The conditions (schedule B) as an amendment rewrites them. */
export const AGREEMENT_CONDITIONS = { maxLength: 5000 } as const;
/** An amendment's budget lines and instalments. */
export const AMENDMENT_LINES = { max: 60 } as const;
/** Why an officer holds an award's payments; the organization reads it. */
export const HOLD_REASON = { minLength: 1, maxLength: 2000 } as const;
/** Why the office accepts spending beyond schedule D's flexibility without an amendment. */
export const VARIANCE_JUSTIFICATION = { minLength: 1, maxLength: 2000 } as const;
