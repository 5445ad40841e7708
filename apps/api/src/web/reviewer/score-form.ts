import type { RubricCriterion } from '@grants/calls';
import { CONFLICT_EXPLANATION, REVIEW_COMMENT, REVIEW_OVERALL_COMMENT, ScoreInput, StoredScore, weightedScore } from '@grants/reviews';
import { tooLong } from '../forms/field-rules';
import { typedText } from '../forms/fields';

export const MAX_EXPLANATION_LENGTH = CONFLICT_EXPLANATION.maxLength;

export const OVERALL_FIELD = 'overallComment';
export const scoreField = (criterionKey: string): string => `score-${criterionKey}`;
export const commentField = (criterionKey: string): string => `comment-${criterionKey}`;

/** The scoring form as typed: text, so that a wrong value is shown back exactly as it was entered. */
export interface ScoreFormValues {
  scores: Record<string, string>;
  comments: Record<string, string>;
  overallComment: string;
}

export type ScoreFormProblem =
  | { field: string; kind: 'range' | 'missing' | 'commentWithoutScore'; criterion: RubricCriterion }
  | { field: string; kind: 'commentTooLong'; criterion: RubricCriterion; max: number }
  | { field: string; kind: 'overallTooLong'; max: number };

/** Reads the posted form; fields that are not the rubric's are ignored. */
export function readScoreForm(criteria: readonly RubricCriterion[], body: Record<string, unknown>): ScoreFormValues {
  return {
    scores: Object.fromEntries(criteria.map((criterion) => [criterion.key, typedText(body[scoreField(criterion.key)])])),
    comments: Object.fromEntries(criteria.map((criterion) => [criterion.key, typedText(body[commentField(criterion.key)])])),
    overallComment: typedText(body[OVERALL_FIELD]),
  };
}

/** The saved draft as the form shows it. */
export function savedScoreForm(criteria: readonly RubricCriterion[], scores: readonly StoredScore[], overallComment: string): ScoreFormValues {
  const byKey = new Map(scores.map((score) => [score.criterionKey, score]));
  return {
    scores: Object.fromEntries(criteria.map((criterion) => [criterion.key, byKey.has(criterion.key) ? String(byKey.get(criterion.key)!.score) : ''])),
    comments: Object.fromEntries(criteria.map((criterion) => [criterion.key, byKey.get(criterion.key)?.comment ?? ''])),
    overallComment,
  };
}

/** A whole number from 0 to the criterion's maximum, or null for anything else (blank included). */
function scoreOf(criterion: RubricCriterion, typed: string | undefined): number | null {
  const trimmed = (typed ?? '').trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  const score = Number(trimmed);
  return score <= criterion.maxScore ? score : null;
}

/**
 * What is wrong with the form, one problem per field, in the order of the page. A draft may leave
 * criteria blank, but a comment needs its score (the review stores a comment with its score, so a
 * comment alone would be lost); submission needs every criterion. The service checks the scores
 * again; these give the page its messages.
 */
export function scoreFormProblems(criteria: readonly RubricCriterion[], values: ScoreFormValues, { complete }: { complete: boolean }): ScoreFormProblem[] {
  const problems: ScoreFormProblem[] = [];
  for (const criterion of criteria) {
    const typed = (values.scores[criterion.key] ?? '').trim();
    const comment = (values.comments[criterion.key] ?? '').trim();
    if (typed === '') {
      if (complete) problems.push({ field: scoreField(criterion.key), kind: 'missing', criterion });
      else if (comment !== '') problems.push({ field: scoreField(criterion.key), kind: 'commentWithoutScore', criterion });
    } else if (scoreOf(criterion, typed) === null) {
      problems.push({ field: scoreField(criterion.key), kind: 'range', criterion });
    }
    if (tooLong(comment, REVIEW_COMMENT)) problems.push({ field: commentField(criterion.key), kind: 'commentTooLong', criterion, max: REVIEW_COMMENT.maxLength });
  }
  if (tooLong(values.overallComment.trim(), REVIEW_OVERALL_COMMENT)) problems.push({ field: OVERALL_FIELD, kind: 'overallTooLong', max: REVIEW_OVERALL_COMMENT.maxLength });
  return problems;
}

/** The scores to save: the criteria that have one, comments trimmed like the JSON API does. */
export function toScoreInput(criteria: readonly RubricCriterion[], values: ScoreFormValues): ScoreInput {
  const scores: StoredScore[] = [];
  for (const criterion of criteria) {
    const score = scoreOf(criterion, values.scores[criterion.key]);
    if (score !== null) scores.push({ criterionKey: criterion.key, score, comment: (values.comments[criterion.key] ?? '').trim() });
  }
  return { scores, overallComment: values.overallComment.trim() };
}

/** The conflict declaration as typed: 'yes', 'no' or '' for the choice, and the explanation. */
export interface ConflictFormValues {
  conflict: string;
  explanation: string;
}

export type ConflictFormProblem = { field: 'conflict-no'; kind: 'chooseConflict' } | { field: 'explanation'; kind: 'explanationTooLong'; max: number };

export function readConflictForm(body: Record<string, unknown>): ConflictFormValues {
  return { conflict: typedText(body.conflict), explanation: typedText(body.explanation) };
}

/** A choice must be made; the explanation is optional, within ConflictDeclarationDto's limit once trimmed. */
export function conflictFormProblems(values: ConflictFormValues): ConflictFormProblem[] {
  return [
    ...(values.conflict === 'yes' || values.conflict === 'no' ? [] : [{ field: 'conflict-no' as const, kind: 'chooseConflict' as const }]),
    ...(tooLong(values.explanation.trim(), CONFLICT_EXPLANATION) ? [{ field: 'explanation' as const, kind: 'explanationTooLong' as const, max: CONFLICT_EXPLANATION.maxLength }] : []),
  ];
}

/** The weighted total (0–100) of the scores shown, once every criterion has a valid one; else null. */
export function weightedTotal(criteria: readonly RubricCriterion[], values: ScoreFormValues): number | null {
  const scores: Record<string, number> = {};
  for (const criterion of criteria) {
    const score = scoreOf(criterion, values.scores[criterion.key]);
    if (score === null) return null;
    scores[criterion.key] = score;
  }
  return criteria.length === 0 ? null : weightedScore([...criteria], scores);
}
