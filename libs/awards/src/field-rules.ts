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
