import { INFORMATION_REQUEST_MESSAGE, SCREENING_REASON, STAFF_CONFLICT_REASON } from '@grants/applications';
import { DECISION_RATIONALE, DECISION_TEXT, type DecisionRequest } from '@grants/reviews';
import { parseMoney } from '../forms/money';
import { DateParts, dateFromParts, endOfOntarioDay, readDate, readDateParts } from '../forms/ontario-time';
import { tooLong as exceeds } from '../forms/field-rules';
import { typedText } from '../forms/fields';

export const MAX_REASON_LENGTH = SCREENING_REASON.maxLength;
export const MAX_TEXT_LENGTH = INFORMATION_REQUEST_MESSAGE.maxLength;
export const MAX_CONFLICT_REASON_LENGTH = STAFF_CONFLICT_REASON.maxLength;

/** What is wrong with a field, as a code the page turns into words; `max` for a text that is too long. */
export type FormProblemCode =
  | 'chooseScreening'
  | 'reasonRequired'
  | 'messageRequired'
  | 'respondByRequired'
  | 'respondByFormat'
  | 'chooseDecision'
  | 'amountFormat'
  | 'rationaleRequired'
  | 'chooseReviewer'
  | 'conflictReasonRequired'
  | 'tooLong';

export interface FormProblem {
  field: string;
  code: FormProblemCode;
  max?: number;
}

function tooLong(field: string, value: string, rule: { readonly maxLength: number }): FormProblem[] {
  return exceeds(value.trim(), rule) ? [{ field, code: 'tooLong', max: rule.maxLength }] : [];
}

// ---------------------------------------------------------------------------------------------
// Screening and requests for information

export interface ScreeningFormValues {
  outcome: string;
  reason: string;
}

export function readScreeningForm(body: Record<string, unknown>): ScreeningFormValues {
  return { outcome: typedText(body.screeningOutcome), reason: typedText(body.screeningReason) };
}

export function screeningFormProblems(values: ScreeningFormValues): FormProblem[] {
  return [
    ...(values.outcome === 'eligible' || values.outcome === 'ineligible' ? [] : [{ field: 'screeningOutcome-eligible', code: 'chooseScreening' as const }]),
    ...(values.reason.trim() === '' ? [{ field: 'screeningReason', code: 'reasonRequired' as const }] : tooLong('screeningReason', values.reason, SCREENING_REASON)),
  ];
}

export interface InformationFormValues {
  message: string;
  /** Typed in the day, month and year fields `respondBy-day`, `respondBy-month`, `respondBy-year`. */
  respondBy: DateParts;
}

export function readInformationForm(body: Record<string, unknown>): InformationFormValues {
  return { message: typedText(body.informationMessage), respondBy: readDateParts(body, 'respondBy') };
}

/** The last moment of the respond-by day in Ontario, or null unless the fields spell a real date. */
export function respondByInstant(values: InformationFormValues): Date | null {
  return endOfOntarioDay(dateFromParts(values.respondBy));
}

export function informationFormProblems(values: InformationFormValues): FormProblem[] {
  return [
    ...(values.message.trim() === '' ? [{ field: 'informationMessage', code: 'messageRequired' as const }] : tooLong('informationMessage', values.message, INFORMATION_REQUEST_MESSAGE)),
    ...(readDate(values.respondBy).kind === 'blank'
      ? [{ field: 'respondBy-day', code: 'respondByRequired' as const }]
      : respondByInstant(values) === null
        ? [{ field: 'respondBy-day', code: 'respondByFormat' as const }]
        : []),
  ];
}

// ---------------------------------------------------------------------------------------------
// An officer's own conflict of interest

export interface StaffConflictFormValues {
  reason: string;
  /** Set by the confirmation page's button: the officer read what declaring does. */
  confirmed: boolean;
}

export function readStaffConflictForm(body: Record<string, unknown>): StaffConflictFormValues {
  return { reason: typedText(body.conflictReason), confirmed: typedText(body.confirmed) === 'yes' };
}

export function staffConflictFormProblems(values: StaffConflictFormValues): FormProblem[] {
  return values.reason.trim() === '' ? [{ field: 'conflictReason', code: 'conflictReasonRequired' }] : tooLong('conflictReason', values.reason, STAFF_CONFLICT_REASON);
}

// ---------------------------------------------------------------------------------------------
// Decisions

export interface DecisionFormValues {
  outcome: string;
  amount: string;
  conditions: string;
  rationale: string;
  feedback: string;
  overrideReason: string;
}

export const EMPTY_DECISION_FORM: DecisionFormValues = { outcome: '', amount: '', conditions: '', rationale: '', feedback: '', overrideReason: '' };

export function readDecisionForm(body: Record<string, unknown>): DecisionFormValues {
  return {
    outcome: typedText(body.decisionOutcome),
    amount: typedText(body.approvedAmount),
    conditions: typedText(body.conditions),
    rationale: typedText(body.rationale),
    feedback: typedText(body.feedback),
    overrideReason: typedText(body.overrideReason),
  };
}

/** An approved amount typed but not readable as dollars (a blank one is the service's to judge). */
function amountUnreadable(typed: string): boolean {
  const amount = parseMoney(typed);
  return !amount.ok && amount.reason !== 'empty';
}

/**
 * What the form itself gets wrong: a choice, a readable amount, a rationale, lengths. The rules
 * of a decision (amount within the request, the funding line) are the decision service's.
 */
export function decisionFormProblems(values: DecisionFormValues): FormProblem[] {
  return [
    ...(values.outcome === 'approved' || values.outcome === 'declined' ? [] : [{ field: 'decisionOutcome-approved', code: 'chooseDecision' as const }]),
    ...(amountUnreadable(values.amount) ? [{ field: 'approvedAmount', code: 'amountFormat' as const }] : []),
    ...tooLong('conditions', values.conditions, DECISION_TEXT),
    ...(values.rationale.trim() === '' ? [{ field: 'rationale', code: 'rationaleRequired' as const }] : tooLong('rationale', values.rationale, DECISION_RATIONALE)),
    ...tooLong('feedback', values.feedback, DECISION_TEXT),
    ...tooLong('overrideReason', values.overrideReason, DECISION_TEXT),
  ];
}

/** The request for the decision service; call it once decisionFormProblems found nothing. */
export function toDecisionRequest(values: DecisionFormValues): DecisionRequest {
  const amount = parseMoney(values.amount);
  const optional = (value: string): string | null => value.trim() || null;
  return {
    outcome: values.outcome === 'approved' ? 'approved' : 'declined',
    approvedCents: amount.ok ? amount.cents : null,
    conditions: values.conditions.trim(),
    rationale: values.rationale.trim(),
    overrideReason: optional(values.overrideReason),
    feedback: optional(values.feedback),
  };
}

/** The field of the page's decision form that a decision service problem is about. */
export function decisionProblemField(code: string): string | null {
  switch (code) {
    case 'APPROVED_AMOUNT_REQUIRED':
    case 'APPROVED_EXCEEDS_REQUEST':
    case 'AMOUNT_ON_DECLINE':
      return 'approvedAmount';
    case 'OVERRIDE_REASON_REQUIRED':
      return 'overrideReason';
    default:
      return null;
  }
}
