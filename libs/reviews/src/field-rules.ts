/**
 * The limits of what reviewers and officers write about an application. The JSON API's DTOs and the
 * pages' form readers both take them from here, so that a limit changed once changes everywhere.
 */

export const REVIEW_COMMENT = { maxLength: 5000 } as const;
export const REVIEW_OVERALL_COMMENT = { maxLength: 10_000 } as const;
export const CONFLICT_EXPLANATION = { maxLength: 2000 } as const;

/** Conditions, override reason and feedback of a decision. */
export const DECISION_TEXT = { maxLength: 5000 } as const;
/** Why; always recorded. */
export const DECISION_RATIONALE = { minLength: 1, maxLength: DECISION_TEXT.maxLength } as const;
