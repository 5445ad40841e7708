/**
 * The limits of what an organization writes in an application and what an officer writes while
 * screening it. The JSON API's DTOs and the pages' form readers both take them from here, so that a
 * limit changed once changes everywhere. MAX_BUDGET_LINES and MAX_ATTACHMENT_BYTES sit with the
 * rules that enforce them (budget-rules.ts, attachment.service.ts).
 */

export const APPLICATION_TITLE = { maxLength: 200 } as const;
export const APPLICATION_SUMMARY = { maxLength: 2000 } as const;
export const BUDGET_LINE_DESCRIPTION = { maxLength: 500 } as const;
/** Integer cents; the largest is one billion dollars. */
export const BUDGET_LINE_AMOUNT_CENTS = { min: 1, max: 100_000_000_000 } as const;
/** Ontario fiscal year such as 2027-28 (1 April to 31 March). */
export const FISCAL_YEAR = { pattern: /^\d{4}-\d{2}$/ } as const;

/** Why an application is (in)eligible; shown to the organization when it is ineligible. */
export const SCREENING_REASON = { minLength: 1, maxLength: 2000 } as const;
/** What the organization should add or change, sent to every member. */
export const INFORMATION_REQUEST_MESSAGE = { minLength: 1, maxLength: 5000 } as const;
/** Why a staff member steps back from an organization's applications. */
export const STAFF_CONFLICT_REASON = { minLength: 1, maxLength: 2000 } as const;
