import { PAYMENT_REFERENCE, REFERENCE_NUMBER_PATTERN, REPORT_REVIEW_COMMENT, VARIANCE_JUSTIFICATION } from '@grants/awards';
import { tooLong } from '../forms/field-rules';
import { FormBody, field } from '../web-request';

export const MAX_PAYMENT_REFERENCE_LENGTH = PAYMENT_REFERENCE.maxLength;
export const MAX_REVIEW_COMMENT_LENGTH = REPORT_REVIEW_COMMENT.maxLength;
export const MAX_JUSTIFICATION_LENGTH = VARIANCE_JUSTIFICATION.maxLength;

/** Field names on the award page: one form per approved payment and per filed report, so each carries its id. */
export const paymentReferenceField = (paymentId: string): string => `reference-${paymentId}`;
export const reviewCommentField = (reportId: string): string => `comment-${reportId}`;
export const justificationField = (reportId: string): string => `justification-${reportId}`;

export type PaymentReferenceProblem = 'missing' | 'tooLong';

/** What is wrong with a payment reference as typed (trimmed), if anything. */
export function paymentReferenceProblem(reference: string): PaymentReferenceProblem | null {
  if (reference === '') return 'missing';
  return tooLong(reference, PAYMENT_REFERENCE) ? 'tooLong' : null;
}

export interface ReportReviewForm {
  /** Which button was pressed; null when the form came without one (a crafted post). */
  outcome: 'accepted' | 'returned' | null;
  /** As typed, for showing back. */
  comment: string;
  /** Why spending beyond schedule D's flexibility is accepted, as typed; the service says when it is needed. */
  justification: string;
}

export type ReportReviewProblem = 'chooseOutcome' | 'commentRequired' | 'commentTooLong' | 'justificationTooLong';

export function readReportReview(body: FormBody, reportId: string): ReportReviewForm {
  const outcome = field(body, 'outcome');
  const typed = (name: string) => {
    const value = body[name];
    return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  };
  return {
    outcome: outcome === 'accepted' || outcome === 'returned' ? outcome : null,
    comment: typed(reviewCommentField(reportId)),
    justification: typed(justificationField(reportId)),
  };
}

/** Sending a report back needs a comment saying what to change; accepting takes one optionally. */
export function reportReviewProblem(form: ReportReviewForm): ReportReviewProblem | null {
  if (form.outcome === null) return 'chooseOutcome';
  const comment = form.comment.trim();
  if (tooLong(comment, REPORT_REVIEW_COMMENT)) return 'commentTooLong';
  if (tooLong(form.justification.trim(), VARIANCE_JUSTIFICATION)) return 'justificationTooLong';
  return form.outcome === 'returned' && comment === '' ? 'commentRequired' : null;
}

export type AuditSearch =
  | { kind: 'none' }
  | { kind: 'id'; id: string }
  | { kind: 'reference'; reference: string }
  | { kind: 'invalid'; typed: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The audit search box takes an identifier or an application's reference number, in any case, spaces around ignored. */
export function readAuditSearch(typed: string | undefined): AuditSearch {
  const value = (typed ?? '').trim();
  if (value === '') return { kind: 'none' };
  if (UUID.test(value)) return { kind: 'id', id: value.toLowerCase() };
  if (REFERENCE_NUMBER_PATTERN.test(value)) return { kind: 'reference', reference: value.toUpperCase() };
  return { kind: 'invalid', typed: value };
}
