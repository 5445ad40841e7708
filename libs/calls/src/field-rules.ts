/**
 * The limits of a call's terms as an officer writes them. The JSON API's DTOs and the call editor's
 * form readers both take them from here, so that a limit changed once changes everywhere.
 */

/** A title or description, in each official language. */
export const CALL_TEXT = { maxLength: 20_000 } as const;
/** A label of a question, option, section, criterion, attachment or outcome measure, in each language. */
export const CALL_LABEL = { maxLength: 1000 } as const;
/** The key of a question, option value, section, criterion, attachment or outcome measure. */
export const CALL_KEY = { maxLength: 50 } as const;

export const FORM_SECTIONS = { maxItems: 50 } as const;
export const SECTION_QUESTIONS = { maxItems: 200 } as const;
export const QUESTION_OPTIONS = { maxItems: 100 } as const;
export const RUBRIC_CRITERIA = { maxItems: 50 } as const;
/** Bands of scores described on one criterion: enough for one per score of a 0–10 scale. */
export const CRITERION_DESCRIPTORS = { maxItems: 11 } as const;
export const REQUIRED_ATTACHMENTS = { maxItems: 20 } as const;
export const OUTCOME_MEASURES = { maxItems: 30 } as const;
/** Reviews of one application spreading more than this many points (0–100) are flagged. */
export const DISAGREEMENT_THRESHOLD = { min: 0, max: 100 } as const;
/** The percent of an award kept from its last instalment until the final report is accepted; a whole number. */
export const HOLDBACK_PERCENT = { min: 0, max: 50 } as const;
