import type { Application } from '@grants/applications';
import type { Call, RubricCriterion } from '@grants/calls';
import { formatInstant, formatMoney, OfficialLanguage } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import type { AssignmentView, RecusalView } from '@grants/reviews';
import { MessageKey, Translate } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { errorSummary, FieldError } from '../views/form';
import { answerText, attachmentList } from '../views/answer';
import { catalogNotice, layout } from '../views/layout';
import { scoreBandList } from '../views/score-bands';
import { numberField, radioGroup, textareaField } from '../views/form';
import { commentField, ConflictFormProblem, OVERALL_FIELD, ScoreFormProblem, ScoreFormValues, scoreField, weightedTotal } from './score-form';
import { budgetCategoryWords } from '../views/budget-category';

export const REVIEWER_SCRIPT_PATH = '/assets/reviewer.js';

export type ReviewStatus = 'toDeclare' | 'toScore' | 'draft' | 'submitted' | 'recused';

export interface ReviewListRow {
  id: string;
  referenceNumber: string | null;
  organizationName: string;
  callTitle: string;
  reviewDueAt: Date | null;
  status: ReviewStatus;
}

/** The reviewer's list: live assignments with their call's review due date, then recusals, kept as a record of the declaration. */
export function reviewListRows(locale: OfficialLanguage, assignments: readonly AssignmentView[], recusals: readonly RecusalView[], calls: ReadonlyMap<string, Pick<Call, 'reviewDueAt'>>): ReviewListRow[] {
  return [
    ...assignments.map((assignment) => ({
      id: assignment.id,
      referenceNumber: assignment.referenceNumber,
      organizationName: assignment.organizationName,
      callTitle: assignment.callTitle[locale] ?? '',
      reviewDueAt: calls.get(assignment.callId)?.reviewDueAt ?? null,
      status: reviewStatus(assignment),
    })),
    ...recusals.map((recusal) => ({
      id: recusal.id,
      referenceNumber: recusal.referenceNumber,
      organizationName: recusal.organizationName,
      callTitle: recusal.callTitle[locale] ?? '',
      reviewDueAt: null,
      status: 'recused' as const,
    })),
  ];
}

/** The plain word a reviewer reads for where an assignment stands. */
export function reviewStatus(assignment: Pick<AssignmentView, 'status' | 'conflictDeclared' | 'scores' | 'overallComment'>): ReviewStatus {
  if (assignment.status === 'recused') return 'recused';
  if (assignment.status === 'submitted') return 'submitted';
  if (assignment.conflictDeclared === null) return 'toDeclare';
  return assignment.scores.length > 0 || assignment.overallComment !== '' ? 'draft' : 'toScore';
}

function localeTag(locale: OfficialLanguage): string {
  return locale === 'fr' ? 'fr-CA' : 'en-CA';
}

function formatTotal(locale: OfficialLanguage, total: number): string {
  return new Intl.NumberFormat(localeTag(locale), { maximumFractionDigits: 1 }).format(total);
}

function dueText(page: PageContext, dueAt: Date | null): string {
  return dueAt ? formatInstant(page.locale, dueAt) : page.t('reviewer.list.noDue');
}

const script = html`<script src="${REVIEWER_SCRIPT_PATH}" defer></script>`;

export function reviewListPage(page: PageContext, rows: readonly ReviewListRow[], notice: MessageKey | null): string {
  const { t } = page;
  const live = rows.filter((row) => row.status !== 'recused');
  const submitted = live.filter((row) => row.status === 'submitted').length;
  const body = html`<p>${t('reviewer.list.intro')}</p>
${
  rows.length === 0
    ? html`<p>${t('reviewer.list.none')}</p>`
    : html`${live.length === 0 ? '' : html`<p class="ontario-lead-statement" id="review-progress">${t('reviewer.list.progress', { submitted, total: live.length })}</p>`}
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('reviewer.list.caption')}</caption>
  <thead><tr><th scope="col">${t('reviewer.list.reference')}</th><th scope="col">${t('reviewer.list.organization')}</th><th scope="col">${t('reviewer.list.call')}</th><th scope="col">${t('reviewer.list.due')}</th><th scope="col">${t('reviewer.list.status')}</th></tr></thead>
  <tbody>${rows.map(
    (row) => html`<tr>
    <td>${row.status === 'recused' ? (row.referenceNumber ?? '') : html`<a href="/reviews/${row.id}">${row.referenceNumber ?? ''}</a>`}</td>
    <td>${row.organizationName}</td>
    <td>${row.callTitle}</td>
    <td>${row.status === 'recused' ? '' : dueText(page, row.reviewDueAt)}</td>
    <td>${t(`reviewer.status.${row.status}`)}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}`;
  return layout(page, { title: t('reviewer.list.title'), notice: notice ? { kind: 'success', text: t(notice) } : null, body });
}

export interface DeclarationForm {
  conflict: string;
  explanation: string;
  errors: FieldError[];
  notice?: MessageKey | null;
}

export function declarationPage(page: PageContext, assignment: AssignmentView, call: Call, form: DeclarationForm): string {
  const { t, locale } = page;
  const errorOf = (field: string): string | undefined => form.errors.find((error) => error.field === field)?.message;
  return layout(page, {
    title: t('reviewer.declare.title', { reference: assignment.referenceNumber ?? '' }),
    notice: catalogNotice(page, form.notice),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
<dl class="web-facts">
  <dt>${t('reviewer.list.organization')}</dt><dd>${assignment.organizationName}</dd>
  <dt>${t('reviewer.list.call')}</dt><dd>${assignment.callTitle[locale] ?? ''}</dd>
  <dt>${t('reviewer.list.due')}</dt><dd>${dueText(page, call.reviewDueAt)}</dd>
</dl>
<p>${t('reviewer.declare.intro')}</p>
<form method="post" action="/reviews/${assignment.id}/conflict" novalidate>
  ${page.csrfField}
  ${radioGroup({
    name: 'conflict',
    legend: t('reviewer.declare.legend', { organization: assignment.organizationName }),
    options: [
      { value: 'no', label: t('reviewer.declare.no') },
      { value: 'yes', label: t('reviewer.declare.yes') },
    ],
    value: form.conflict,
    error: errorOf('conflict-no'),
  })}
  ${textareaField({ name: 'explanation', label: t('reviewer.declare.explanation'), hint: t('reviewer.declare.explanationHint'), value: form.explanation, error: errorOf('explanation'), rows: 3 })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('reviewer.declare.submit')}</button>
</form>
<p><a href="/reviews">${t('reviewer.back')}</a></p>`,
  });
}

export interface ScoringPageData {
  assignment: AssignmentView;
  application: Application;
  call: Call;
  values: ScoreFormValues;
  errors: FieldError[];
  notice: MessageKey | null;
}

/** The application as the reviewer reads it, then the scoring form, or their submitted review. */
export function scoringPage(page: PageContext, data: ScoringPageData): string {
  const { t } = page;
  const { assignment } = data;
  const criteria = data.call.rubric?.criteria ?? [];
  const scoring =
    assignment.status === 'submitted'
      ? submittedReview(page, assignment, criteria)
      : data.application.status !== 'in_review'
        ? html`<h2 id="scoring">${t('reviewer.scoring.heading')}</h2><p>${t('reviewer.closed')}</p>`
        : scoringForm(page, data, criteria);
  return layout(page, {
    title: t('reviewer.review.title', { reference: assignment.referenceNumber ?? '' }),
    notice: data.notice ? { kind: data.errors.length > 0 || data.notice === 'form.restored' ? 'informational' : 'success', text: t(data.notice) } : null,
    body: html`${errorSummary(t('errors.summary'), data.errors)}
${applicationContent(page, data)}
${scoring}
<p><a href="/reviews">${t('reviewer.back')}</a></p>
${script}`,
  });
}

function applicationContent(page: PageContext, data: ScoringPageData): SafeHtml {
  const { t, locale } = page;
  const { application, assignment, call } = data;
  const sections = (call.form?.sections ?? []).map(
    (section) => html`<h3>${section.title[locale]}</h3>
<dl class="web-facts">${section.questions.map((question) => html`<dt>${question.label[locale]}</dt><dd class="web-preserve">${answerText(locale, question, application.answers[question.key], { none: t('reviewer.answer.none'), yes: t('reviewer.answer.yes'), no: t('reviewer.answer.no') })}</dd>`)}</dl>`,
  );
  const lines = [...application.budget].sort((a, b) => a.fiscalYear.localeCompare(b.fiscalYear));
  const total = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const budget =
    lines.length === 0
      ? html`<p>${t('reviewer.budget.none')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('reviewer.budget.caption')}</caption>
  <thead><tr><th scope="col">${t('reviewer.budget.fiscalYear')}</th><th scope="col">${t('reviewer.budget.category')}</th><th scope="col">${t('reviewer.budget.description')}</th><th scope="col" class="web-number">${t('reviewer.budget.amount')}</th></tr></thead>
  <tbody>${lines.map(
    (line) =>
      html`<tr><td>${line.fiscalYear}</td><td>${budgetCategoryWords(page, line.category)}</td><td>${line.description}</td><td class="web-number">${formatMoney(locale, line.amountCents)}</td></tr>`,
  )}</tbody>
  <tfoot><tr><th scope="row" colspan="3">${t('reviewer.budget.total')}</th><td class="web-number">${formatMoney(locale, total)}</td></tr></tfoot>
</table></div>`;
  return html`<h2>${t('reviewer.application.heading')}</h2>
<dl class="web-facts">
  <dt>${t('reviewer.application.project')}</dt><dd>${application.title}</dd>
  <dt>${t('reviewer.list.organization')}</dt><dd>${assignment.organizationName}</dd>
  <dt>${t('reviewer.list.call')}</dt><dd>${assignment.callTitle[locale] ?? ''}</dd>
  <dt>${t('reviewer.application.requested')}</dt><dd>${formatMoney(locale, application.requestedCents)}</dd>
  <dt>${t('reviewer.list.due')}</dt><dd>${dueText(page, call.reviewDueAt)}</dd>
</dl>
<h3>${t('reviewer.application.summary')}</h3>
<p class="web-preserve">${application.summary || t('reviewer.answer.none')}</p>
${sections}
<h3>${t('reviewer.budget.heading')}</h3>
${budget}
<h3>${t('reviewer.attachments.heading')}</h3>
${attachmentList(locale, call, application.id, application.attachments, t('reviewer.attachments.none'))}`;
}

function scoringForm(page: PageContext, data: ScoringPageData, criteria: readonly RubricCriterion[]): SafeHtml {
  const { t, locale } = page;
  const { values } = data;
  const errorOf = (field: string): string | undefined => data.errors.find((error) => error.field === field)?.message;
  const total = weightedTotal(criteria, values);
  const totalComplete = t('reviewer.total.complete', { total: '{total}' });
  const fieldsets = criteria.map((criterion) => {
    const label = criterion.label[locale];
    const bandsId = `${scoreField(criterion.key)}-bands`;
    const bands = scoreBandList(t, locale, criterion, bandsId);
    return html`<fieldset class="ontario-fieldset">
  <legend class="ontario-fieldset__legend">${t('reviewer.criterion.legend', { label, weight: criterion.weight, max: criterion.maxScore })}</legend>
  ${bands}
  ${numberField({
    name: scoreField(criterion.key),
    label: t('reviewer.criterion.score', { label }),
    hint: t('reviewer.criterion.scoreHint', { max: criterion.maxScore }),
    value: values.scores[criterion.key] ?? '',
    min: 0,
    max: criterion.maxScore,
    error: errorOf(scoreField(criterion.key)),
    data: { weight: criterion.weight, max: criterion.maxScore },
    describedBy: bands === '' ? [] : [bandsId],
  })}
  ${textareaField({ name: commentField(criterion.key), label: t('reviewer.criterion.comment', { label }), value: values.comments[criterion.key] ?? '', error: errorOf(commentField(criterion.key)) })}
</fieldset>`;
  });
  return html`<h2 id="scoring">${t('reviewer.scoring.heading')}</h2>
<p>${t('reviewer.scoring.intro')}</p>
<form method="post" action="/reviews/${data.assignment.id}/scores" novalidate>
  ${page.csrfField}
  ${fieldsets}
  ${textareaField({ name: OVERALL_FIELD, label: t('reviewer.overall'), value: values.overallComment, error: errorOf(OVERALL_FIELD), rows: 6 })}
  <p class="ontario-lead-statement" id="weighted-total" aria-live="polite" data-complete="${totalComplete}" data-incomplete="${t('reviewer.total.incomplete')}">${
    total === null ? t('reviewer.total.incomplete') : t('reviewer.total.complete', { total: formatTotal(locale, total) })
  }</p>
  <p class="ontario-hint" id="submit-hint">${t('reviewer.submitHint')}</p>
  <div class="web-actions">
    <button type="submit" class="ontario-button ontario-button--secondary">${t('reviewer.saveDraft')}</button>
    <button type="submit" class="ontario-button ontario-button--primary" formaction="/reviews/${data.assignment.id}/submit" aria-describedby="submit-hint">${t('reviewer.submit')}</button>
  </div>
</form>`;
}

function submittedReview(page: PageContext, assignment: AssignmentView, criteria: readonly RubricCriterion[]): SafeHtml {
  const { t, locale } = page;
  return html`<h2 id="scoring">${t('reviewer.submitted.heading')}</h2>
${assignment.submittedAt ? html`<p>${t('reviewer.submitted.on', { date: formatInstant(locale, assignment.submittedAt) })}</p>` : ''}
${reviewSummary(page, assignment, criteria, assignment.weightedScore)}`;
}

/** What submitting a saved draft will send, asked before it is sent. */
export function reviewConfirmPage(page: PageContext, assignment: AssignmentView, criteria: readonly RubricCriterion[], total: number | null, errors: readonly FieldError[]): string {
  const { t } = page;
  return layout(page, {
    title: t('reviewer.confirm.title'),
    body: html`${errorSummary(t('errors.summary'), errors)}
<p class="ontario-lead-statement">${t('reviewer.confirm.application', { reference: assignment.referenceNumber ?? '', organization: assignment.organizationName })}</p>
<p>${t('reviewer.confirm.saved')}</p>
${reviewSummary(page, assignment, criteria, total)}
<p>${t('reviewer.confirm.body')}</p>
<p><strong>${t('reviewer.confirm.final')}</strong></p>
<form method="post" action="/reviews/${assignment.id}/submit/confirm" id="scoring">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('reviewer.confirm.submit')}</button></div>
</form>
<p><a href="/reviews/${assignment.id}#scoring">${t('reviewer.confirm.cancel')}</a></p>`,
  });
}

/** The reviewer's scores and comments by criterion, the overall comment and the weighted total. */
function reviewSummary(page: PageContext, assignment: AssignmentView, criteria: readonly RubricCriterion[], total: number | null): SafeHtml {
  const { t, locale } = page;
  const byKey = new Map(assignment.scores.map((score) => [score.criterionKey, score]));
  return html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('reviewer.submitted.caption')}</caption>
  <thead><tr><th scope="col">${t('reviewer.submitted.criterion')}</th><th scope="col" class="web-number">${t('reviewer.submitted.score')}</th><th scope="col">${t('reviewer.submitted.comment')}</th></tr></thead>
  <tbody>${criteria.map((criterion) => {
    const score = byKey.get(criterion.key);
    return html`<tr><th scope="row">${criterion.label[locale]}</th><td class="web-number">${score ? t('reviewer.submitted.scoreOf', { score: score.score, max: criterion.maxScore }) : ''}</td><td class="web-preserve">${score?.comment || t('reviewer.submitted.noComment')}</td></tr>`;
  })}</tbody>
</table></div>
<h3>${t('reviewer.overall')}</h3>
<p class="web-preserve">${assignment.overallComment || t('reviewer.submitted.noComment')}</p>
${total === null ? '' : html`<p class="ontario-lead-statement" id="review-total">${t('reviewer.total.complete', { total: formatTotal(locale, total) })}</p>`}`;
}

/** A scoring problem in words, for the summary and beside its field. */
export function scoreProblemMessage(t: Translate, locale: OfficialLanguage, problem: ScoreFormProblem): FieldError {
  switch (problem.kind) {
    case 'range':
      return { field: problem.field, message: t('reviewer.error.range', { label: problem.criterion.label[locale], max: problem.criterion.maxScore }) };
    case 'missing':
      return { field: problem.field, message: t('reviewer.error.missing', { label: problem.criterion.label[locale], max: problem.criterion.maxScore }) };
    case 'commentWithoutScore':
      return { field: problem.field, message: t('reviewer.error.commentWithoutScore', { label: problem.criterion.label[locale] }) };
    case 'commentTooLong':
      return { field: problem.field, message: t('reviewer.error.commentTooLong', { label: problem.criterion.label[locale], max: problem.max }) };
    case 'overallTooLong':
      return { field: problem.field, message: t('reviewer.error.overallTooLong', { max: problem.max }) };
  }
}

/** A conflict declaration problem in words, for the summary and beside its field. */
export function conflictProblemMessage(t: Translate, problem: ConflictFormProblem): FieldError {
  return problem.kind === 'chooseConflict'
    ? { field: problem.field, message: t('reviewer.error.chooseConflict') }
    : { field: problem.field, message: t('reviewer.error.explanationTooLong', { max: problem.max }) };
}
