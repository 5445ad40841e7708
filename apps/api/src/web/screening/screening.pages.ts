import { APPLICATION_SEARCH, defaultOrderOf } from '@grants/applications';
import type { Application, ApplicationSort, ApplicationStatus, ApplicationSummary, ScreeningRecord, SortOrder, StaffConflictReason, StaffConflictView } from '@grants/applications';
import type { Call } from '@grants/calls';
import { formatInstant, formatMoney, formatScore } from '@grants/core';
import type { Organization } from '@grants/identity';
import { html, SafeHtml } from '@grants/notifications';
import type { ApplicationReviewers, AssignableReviewer, DecisionRecord, OfficerReviewView, RankingPlace } from '@grants/reviews';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { dateErrorFor, dateField, dateFieldHint, dateFieldLabels, errorFor, errorSummary, FieldError, pagination, radioGroup, selectField, textareaField, textField } from '../views/form';
import { answerText, attachmentList } from '../views/answer';
import { layout } from '../views/layout';
import { statusWords } from '../views/status';
import { DecisionFormValues, InformationFormValues, MAX_CONFLICT_REASON_LENGTH, MAX_REASON_LENGTH, MAX_TEXT_LENGTH, ScreeningFormValues } from './screening-forms';
import { budgetCategoryWords } from '../views/budget-category';

export const PAGE_SIZE = 25;

export type Notice = { kind: 'success' | 'informational'; text: string } | null;

function callTitle(page: PageContext, call: Pick<Call, 'title'> | undefined): string {
  return call?.title?.[page.locale] || call?.title?.en || '';
}


// ---------------------------------------------------------------------------------------------
// The list of applications

export interface ApplicationListData {
  rows: ApplicationSummary[];
  total: number;
  /** How many matching applications come before this page. */
  before: number;
  nextCursor: string | null;
  calls: Call[];
  /** As chosen; '' for none (no filter, no search, the default sort, the sort's usual order). */
  filters: { callId: string; status: ApplicationStatus | ''; q: string; sort: ApplicationSort | ''; order: SortOrder | ''; cursor: string };
  statuses: readonly ApplicationStatus[];
  sorts: readonly ApplicationSort[];
}

export function applicationListPage(page: PageContext, data: ApplicationListData): string {
  const { t, locale } = page;
  const callsById = new Map(data.calls.map((call) => [call.id, call]));
  const { callId, status, q, sort, order, cursor } = data.filters;
  const rows = data.rows.map(
    (row) => html`<tr>
    <td class="web-nowrap"><a href="/officer/applications/${row.id}">${row.referenceNumber ?? t('screening.list.noReference')}</a></td>
    <td>${row.organizationName}</td>
    <td>${row.title || t('screening.list.untitled')}</td>
    <td>${callTitle(page, callsById.get(row.callId))}</td>
    <td>${statusWords(page, row.status)}</td>
    <td class="web-number">${formatMoney(locale, row.requestedCents)}</td>
    <td>${row.submittedAt ? formatInstant(locale, row.submittedAt) : t('screening.list.notSubmitted')}</td>
  </tr>`,
  );
  const count =
    data.rows.length === 0
      ? q
        ? t('screening.list.noMatch', { q })
        : t('screening.list.none')
      : data.total === 1
        ? t('screening.list.countOne')
        : t('screening.list.count', { from: data.before + 1, to: data.before + data.rows.length, total: data.total });
  // Every page of the list keeps the filters, the search and the sort.
  const kept = { callId, status, q, sort, order };
  const filterQuery = new URLSearchParams(Object.entries(kept).filter(([, value]) => value !== '')).toString();
  const sortedBy = sort || 'created';
  const caption =
    sortedBy === 'created' && (order || defaultOrderOf('created')) === 'desc'
      ? t('screening.list.caption')
      : t('screening.list.captionSorted', { sort: t(`screening.list.sort.${sortedBy}`).toLocaleLowerCase(locale), order: t(`screening.list.orderWord.${order || defaultOrderOf(sortedBy)}`) });
  return layout(page, {
    title: t('screening.list.title'),
    body: html`<form method="get" action="/officer/applications" class="web-filters">
  <fieldset class="ontario-fieldset">
    <legend class="ontario-fieldset__legend">${t('screening.list.filters')}</legend>
    ${textField({ name: 'q', label: t('screening.list.search'), hint: t('screening.list.searchHint'), value: q, maxLength: APPLICATION_SEARCH.maxLength })}
    <div class="web-filters__fields">
    ${selectField({
      name: 'callId',
      label: t('screening.list.call'),
      value: callId,
      options: [{ value: '', label: t('screening.list.allCalls') }, ...data.calls.map((call) => ({ value: call.id, label: `${call.fundCode} – ${callTitle(page, call) || t('screening.list.untitled')}` }))],
    })}
    ${selectField({
      name: 'status',
      label: t('screening.list.status'),
      value: status,
      options: [{ value: '', label: t('screening.list.allStatuses') }, ...data.statuses.map((value) => ({ value, label: statusWords(page, value) }))],
    })}
    </div>
    <div class="web-filters__fields">
    ${selectField({
      name: 'sort',
      label: t('screening.list.sortBy'),
      hint: t('screening.list.sortHint'),
      value: sort || 'created',
      options: data.sorts.map((value) => ({ value, label: t(`screening.list.sort.${value}`) })),
    })}
    ${selectField({
      name: 'order',
      label: t('screening.list.order'),
      value: order,
      options: [
        { value: '', label: t('screening.list.order.usual') },
        { value: 'asc', label: t('screening.list.order.asc') },
        { value: 'desc', label: t('screening.list.order.desc') },
      ],
    })}
    </div>
    <button type="submit" class="ontario-button ontario-button--secondary">${t('screening.list.apply')}</button>
  </fieldset>
</form>
<p id="application-count" class="ontario-lead-statement">${count}</p>
${
  data.rows.length === 0
    ? ''
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${caption}</caption>
  <thead><tr><th scope="col">${t('screening.list.reference')}</th><th scope="col">${t('screening.list.organization')}</th><th scope="col">${t('screening.list.project')}</th><th scope="col">${t('screening.list.call')}</th><th scope="col">${t('screening.list.status')}</th><th scope="col" class="web-number">${t('screening.list.requested')}</th><th scope="col">${t('screening.list.submitted')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
${pagination(t('screening.list.next'), '/officer/applications', kept, data.nextCursor)}
${cursor ? html`<p><a href="/officer/applications${filterQuery ? `?${filterQuery}` : ''}">${t('screening.list.first')}</a></p>` : ''}`,
  });
}

// ---------------------------------------------------------------------------------------------
// One application

export interface ApplicationPageData {
  application: Application;
  call: Call;
  organization: Organization;
  screenings: ScreeningRecord[];
  /** null when withheld: an officer tied to the organization does not read the deliberation on its applications (nor the decision, the ranking, who may review). */
  reviews: OfficerReviewView[] | null;
  /** Who can be added; null when the application takes no reviewers (not in review). */
  assignable: AssignableReviewer[] | null;
  /** Where the application stands in its call's ranking, or that it awaits reviews; null when it has no place (not in review). */
  ranking: RankingPlace | null;
  decision: DecisionRecord | null;
  /** Why the officer may not act on this application (the pages offer no action then), or null. */
  staffConflict: StaffConflictReason | null;
  /** The conflicts staff declared with the organization. */
  staffConflicts: StaffConflictView[];
  forms: {
    screening: ScreeningFormValues;
    information: InformationFormValues;
    reviewerId: string;
    decision: DecisionFormValues;
    staffConflict: string;
  };
  errors: FieldError[];
  notice: Notice;
}

const DECIDABLE: readonly ApplicationStatus[] = ['in_review', 'approved', 'declined'];

export function applicationPage(page: PageContext, data: ApplicationPageData): string {
  const { t, locale } = page;
  const { application, call, organization } = data;
  const reference = application.referenceNumber ?? t('screening.list.noReference');
  return layout(page, {
    title: t('screening.application.title', { reference }),
    notice: data.notice,
    body: html`${errorSummary(t('screening.errors.summary'), data.errors)}
<dl class="web-facts">
  <dt>${t('screening.list.project')}</dt><dd>${application.title || t('screening.list.untitled')}</dd>
  <dt>${t('screening.list.organization')}</dt><dd>${organization.legalName}${organization.operatingName ? html` (${organization.operatingName})` : ''}</dd>
  <dt>${t('screening.organization.type')}</dt><dd>${t(`screening.orgType.${organization.type}` as MessageKey)}</dd>
  <dt>${t('screening.organization.region')}</dt><dd>${t(`screening.region.${organization.region}` as MessageKey)}</dd>
  <dt>${t('screening.organization.indigenousLed')}</dt><dd>${organization.indigenousLed ? t('screening.yes') : t('screening.no')}</dd>
  <dt>${t('screening.list.call')}</dt><dd><a href="/officer/calls/${call.id}">${call.fundCode} – ${callTitle(page, call)}</a></dd>
  <dt>${t('screening.list.status')}</dt><dd id="application-status">${statusWords(page, application.status)}</dd>
  <dt>${t('screening.list.requested')}</dt><dd>${formatMoney(locale, application.requestedCents)}</dd>
  <dt>${t('screening.list.submitted')}</dt><dd>${application.submittedAt ? formatInstant(locale, application.submittedAt) : t('screening.list.notSubmitted')}</dd>
</dl>
<nav aria-labelledby="on-this-page" class="web-contents">
  <h2 id="on-this-page" class="ontario-h4">${t('screening.contents')}</h2>
  <ul>
    <li><a href="#content">${t('screening.content.heading')}</a></li>
    <li><a href="#screening">${t('screening.screening.heading')}</a></li>
    ${!deliberationShown(data)
      ? html`<li><a href="#deliberation">${t('screening.staffConflicts.withheldHeading')}</a></li>`
      : html`<li><a href="#reviewers">${t('screening.reviewers.heading')}</a></li>
    <li><a href="#reviews">${t('screening.reviews.heading')}</a></li>
    <li><a href="#decision">${t('screening.decision.heading')}</a></li>`}
    <li><a href="#staff-conflicts">${t('screening.staffConflicts.heading')}</a></li>
  </ul>
</nav>
${contentSection(page, data)}
${screeningSection(page, data)}
${!deliberationShown(data) ? withheldSection(page, data) : html`${reviewersSection(page, data)}
${reviewsSection(page, data)}
${decisionSection(page, data)}`}
${staffConflictsSection(page, data)}
<p><a href="/officer/applications?callId=${call.id}">${t('screening.application.back')}</a></p>`,
  });
}

function contentSection(page: PageContext, data: ApplicationPageData): SafeHtml {
  const { t, locale } = page;
  const { application, call } = data;
  const sections = (call.form?.sections ?? []).map(
    (section) => html`<h3>${section.title[locale]}</h3>
<dl class="web-facts">${section.questions.map((question) => html`<dt>${question.label[locale]}</dt><dd class="web-preserve">${answerText(locale, question, application.answers[question.key], { none: t('screening.answer.none'), yes: t('screening.yes'), no: t('screening.no') })}</dd>`)}</dl>`,
  );
  const lines = [...application.budget].sort((a, b) => a.fiscalYear.localeCompare(b.fiscalYear));
  const budget =
    lines.length === 0
      ? html`<p>${t('screening.budget.none')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('screening.budget.caption')}</caption>
  <thead><tr><th scope="col">${t('screening.budget.fiscalYear')}</th><th scope="col">${t('screening.budget.category')}</th><th scope="col">${t('screening.budget.description')}</th><th scope="col" class="web-number">${t('screening.budget.amount')}</th></tr></thead>
  <tbody>${lines.map(
    (line) => html`<tr><td>${line.fiscalYear}</td><td>${budgetCategoryWords(page, line.category)}</td><td>${line.description}</td><td class="web-number">${formatMoney(locale, line.amountCents)}</td></tr>`,
  )}</tbody>
  <tfoot><tr><th scope="row" colspan="3">${t('screening.budget.total')}</th><td class="web-number">${formatMoney(locale, application.requestedCents)}</td></tr></tfoot>
</table></div>`;
  return html`<h2 id="content">${t('screening.content.heading')}</h2>
<h3>${t('screening.content.summary')}</h3>
<p class="web-preserve">${application.summary || t('screening.answer.none')}</p>
${sections}
<h3>${t('screening.budget.heading')}</h3>
${budget}
<h3>${t('screening.attachments.heading')}</h3>
${attachmentList(locale, call, application.id, application.attachments, t('screening.attachments.none'))}`;
}

function screeningSection(page: PageContext, data: ApplicationPageData): SafeHtml {
  const { t, locale } = page;
  const { application, forms, errors } = data;
  const history =
    data.screenings.length === 0
      ? html`<p>${t('screening.history.none')}</p>`
      : html`<div class="ontario-table-container" id="screening-history"><table class="web-table">
  <caption>${t('screening.history.caption')}</caption>
  <thead><tr><th scope="col">${t('screening.history.date')}</th><th scope="col">${t('screening.history.step')}</th><th scope="col">${t('screening.history.reason')}</th><th scope="col">${t('screening.history.respondBy')}</th><th scope="col">${t('screening.history.officer')}</th></tr></thead>
  <tbody>${data.screenings.map(
    (row) => html`<tr><td>${formatInstant(locale, row.screenedAt)}</td><td>${t(`screening.step.${row.outcome}` as MessageKey)}</td><td class="web-preserve">${row.reason}</td><td>${row.respondBy ? formatInstant(locale, row.respondBy) : t('screening.history.noRespondBy')}</td><td>${row.officer.name}</td></tr>`,
  )}</tbody>
</table></div>`;
  const forms_ =
    application.status !== 'submitted'
      ? html`<p>${t('screening.screen.closed', { status: statusWords(page, application.status) })}</p>`
      : data.staffConflict
        ? staffConflictNotice(page, data.staffConflict)
        : html`<h3 id="screen-heading">${t('screening.screen.heading')}</h3>
<form method="post" action="/officer/applications/${application.id}/screening" novalidate aria-labelledby="screen-heading">
  ${page.csrfField}
  ${radioGroup({
    name: 'screeningOutcome',
    legend: t('screening.screen.legend'),
    options: [
      { value: 'eligible', label: t('screening.screen.eligible') },
      { value: 'ineligible', label: t('screening.screen.ineligible') },
    ],
    value: forms.screening.outcome,
    error: errorFor(errors, 'screeningOutcome-eligible'),
  })}
  ${textareaField({ name: 'screeningReason', label: t('screening.screen.reason'), hint: t('screening.screen.reasonHint', { max: MAX_REASON_LENGTH }), value: forms.screening.reason, error: errorFor(errors, 'screeningReason'), rows: 4 })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('screening.screen.submit')}</button>
</form>
<h3 id="information-heading">${t('screening.information.heading')}</h3>
<p>${t('screening.information.intro')}</p>
<form method="post" action="/officer/applications/${application.id}/information-request" novalidate aria-labelledby="information-heading">
  ${page.csrfField}
  ${textareaField({ name: 'informationMessage', label: t('screening.information.message'), hint: t('screening.information.messageHint'), value: forms.information.message, error: errorFor(errors, 'informationMessage'), rows: 5, maxLength: MAX_TEXT_LENGTH })}
  ${dateField({ name: 'respondBy', legend: t('screening.information.respondBy'), hint: `${dateFieldHint(t)}. ${t('screening.information.respondByHint')}`, value: forms.information.respondBy, labels: dateFieldLabels(t), error: dateErrorFor(errors, 'respondBy') })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('screening.information.submit')}</button>
</form>`;
  return html`<h2 id="screening">${t('screening.screening.heading')}</h2>
${errorFor(errors, 'screening') ? html`<p class="ontario-error-messaging" id="screening-error"><span class="ontario-error-messaging__content">${errorFor(errors, 'screening')!}</span></p>` : ''}
${history}
${forms_}`;
}

function conflictText(page: PageContext, review: OfficerReviewView): string {
  const { t } = page;
  if (review.conflictDeclared === null) return t('screening.conflict.notDeclared');
  if (!review.conflictDeclared) return t('screening.conflict.none');
  return review.conflictExplanation ? t('screening.conflict.declaredWith', { explanation: review.conflictExplanation }) : t('screening.conflict.declared');
}

function reviewStateText(page: PageContext, review: OfficerReviewView): string {
  const { t, locale } = page;
  switch (review.status) {
    case 'submitted':
      return review.submittedAt ? t('screening.assignment.submittedOn', { date: formatInstant(locale, review.submittedAt) }) : t('screening.assignment.submitted');
    case 'assigned':
      return t('screening.assignment.assigned');
    case 'recused':
      return t('screening.assignment.recused');
    case 'removed':
      return t('screening.assignment.removed');
  }
}

function reviewersSection(page: PageContext, data: Deliberated): SafeHtml {
  const { t } = page;
  const { application, errors } = data;
  const reviews = data.reviews;
  const live = reviews.filter((review) => review.status === 'assigned' || review.status === 'submitted');
  const submitted = live.filter((review) => review.status === 'submitted').length;
  const table =
    reviews.length === 0
      ? html`<p>${t('screening.reviewers.none')}</p>`
      : html`<p id="review-progress">${t('screening.reviewers.progress', { submitted, total: live.length, target: data.call.reviewersPerApplication ?? 1 })}</p>
<div class="ontario-table-container" id="reviewers-table"><table class="web-table">
  <caption>${t('screening.reviewers.caption')}</caption>
  <thead><tr><th scope="col">${t('screening.reviewers.reviewer')}</th><th scope="col">${t('screening.reviewers.conflict')}</th><th scope="col">${t('screening.reviewers.review')}</th><th scope="col">${t('screening.reviewers.action')}</th></tr></thead>
  <tbody>${reviews.map(
    (review) => html`<tr>
    <th scope="row">${review.reviewerName}</th>
    <td class="web-preserve">${conflictText(page, review)}</td>
    <td>${reviewStateText(page, review)}</td>
    <td>${
      review.status === 'assigned' && application.status === 'in_review' && !data.staffConflict
        ? html`<form method="post" action="/officer/applications/${application.id}/assignments/${review.id}/remove" class="web-inline-form">${page.csrfField}<button type="submit" class="ontario-button ontario-button--tertiary web-table-button">${t('screening.reviewers.remove', { name: review.reviewerName })}</button></form>`
        : t('screening.reviewers.noAction')
    }</td>
  </tr>`,
  )}</tbody>
</table></div>`;
  const add =
    data.assignable === null
      ? html`<p>${t('screening.reviewers.notInReview')}</p>`
      : data.staffConflict
        ? staffConflictNotice(page, data.staffConflict)
        : data.assignable.length === 0
        ? html`<p>${t(data.call.fundCode === 'ILIF' ? 'screening.reviewers.noneAssignableIlif' : 'screening.reviewers.noneAssignable')}</p>`
        : html`<h3 id="assign-heading">${t('screening.reviewers.assignHeading')}</h3>
<form method="post" action="/officer/applications/${application.id}/assignments" novalidate aria-labelledby="assign-heading">
  ${page.csrfField}
  ${selectField({
    name: 'reviewerId',
    label: t('screening.reviewers.choose'),
    hint: data.call.fundCode === 'ILIF' ? t('screening.reviewers.chooseHintIlif') : t('screening.reviewers.chooseHint'),
    value: data.forms.reviewerId,
    error: errorFor(errors, 'reviewerId'),
    options: [
      { value: '', label: t('screening.reviewers.choosePlaceholder') },
      ...data.assignable.map((reviewer) => ({ value: reviewer.id, label: t('screening.reviewers.option', { name: reviewer.name, load: reviewer.currentLoad }) })),
    ],
  })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('screening.reviewers.assign')}</button>
</form>`;
  return html`<h2 id="reviewers">${t('screening.reviewers.heading')}</h2>
${errorFor(errors, 'reviewers') ? html`<p class="ontario-error-messaging" id="reviewers-error"><span class="ontario-error-messaging__content">${errorFor(errors, 'reviewers')!}</span></p>` : ''}
${table}
${add}
<p><a href="/officer/calls/${data.call.id}/assignments">${t('screening.reviewers.callAssignments')}</a></p>`;
}

function reviewsSection(page: PageContext, data: Deliberated): SafeHtml {
  const { t, locale } = page;
  const criteria = data.call.rubric?.criteria ?? [];
  const submitted = data.reviews.filter((review) => review.status === 'submitted');
  const ranking = data.ranking?.ranked;
  const summary =
    ranking && ranking.weightedScore !== null && ranking.normalizedScore !== null
    ? html`<p>${t('screening.reviews.summary', {
        weighted: formatScore(locale, ranking.weightedScore),
        normalized: formatScore(locale, ranking.normalizedScore),
      })}${ranking.disagreement ? html` <strong>${t('screening.reviews.disagreement')}</strong>` : ''}</p>${
        ranking.normalization
          ? html`<p>${t(ranking.normalization.offset < 0 ? 'screening.reviews.normalizedUp' : 'screening.reviews.normalizedDown', { reviewer: ranking.normalization.name, points: formatScore(locale, Math.abs(ranking.normalization.offset)) })}</p>`
          : ''
      }`
    : '';
  const each = submitted.map((review) => {
    const byKey = new Map(review.scores.map((score) => [score.criterionKey, score]));
    return html`<h3>${t('screening.reviews.by', { name: review.reviewerName })}</h3>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('screening.reviews.caption', { name: review.reviewerName })}</caption>
  <thead><tr><th scope="col">${t('screening.reviews.criterion')}</th><th scope="col" class="web-number">${t('screening.reviews.score')}</th><th scope="col">${t('screening.reviews.comment')}</th></tr></thead>
  <tbody>${criteria.map((criterion) => {
    const score = byKey.get(criterion.key);
    return html`<tr><th scope="row">${criterion.label[locale]}</th><td class="web-number">${score ? t('screening.reviews.scoreOf', { score: score.score, max: criterion.maxScore }) : t('screening.reviews.noScore')}</td><td class="web-preserve">${score?.comment || t('screening.reviews.noComment')}</td></tr>`;
  })}</tbody>
  <tfoot><tr><th scope="row">${t('screening.reviews.weighted')}</th><td class="web-number">${review.weightedScore === null ? t('screening.reviews.noScore') : t('screening.reviews.weightedOf', { score: formatScore(locale, review.weightedScore) })}</td><td></td></tr></tfoot>
</table></div>
<h4>${t('screening.reviews.overall')}</h4>
<p class="web-preserve">${review.overallComment || t('screening.reviews.noComment')}</p>`;
  });
  return html`<h2 id="reviews">${t('screening.reviews.heading')}</h2>
${submitted.length === 0 ? html`<p>${t('screening.reviews.none')}</p>` : html`${summary}${each}`}`;
}

function decisionSection(page: PageContext, data: ApplicationPageData): SafeHtml {
  const { t, locale } = page;
  const { application, decision, ranking, errors } = data;
  const line = ranking?.ranked
    ? html`<p id="funding-line">${t(ranking.ranked.aboveFundingLine ? 'screening.decision.above' : 'screening.decision.below', {
        rank: ranking.ranked.rank,
        total: ranking.rankedCount,
        recommended: formatMoney(locale, ranking.ranked.recommendedCents),
      })}</p>`
    : ranking?.awaiting
      ? html`<p id="funding-line">${t('screening.decision.awaiting', { submitted: ranking.awaiting.reviewsSubmitted, required: ranking.awaiting.reviewsRequired })}</p>`
      : '';
  const recorded = decision
    ? html`<h3>${t(decision.releasedAt ? 'screening.decision.released' : 'screening.decision.recorded')}</h3>
<dl class="web-facts" id="decision-recorded">
  <dt>${t('screening.decision.outcome')}</dt><dd>${t(decision.outcome === 'approved' ? 'screening.decision.approved' : 'screening.decision.declined')}</dd>
  ${decision.approvedCents !== null ? html`<dt>${t('screening.decision.amount')}</dt><dd>${formatMoney(locale, decision.approvedCents)}</dd>` : ''}
  ${decision.conditions ? html`<dt>${t('screening.decision.conditions')}</dt><dd class="web-preserve">${decision.conditions}</dd>` : ''}
  <dt>${t('screening.decision.rationale')}</dt><dd class="web-preserve">${decision.rationale}</dd>
  ${decision.overrideReason ? html`<dt>${t('screening.decision.overrideReason')}</dt><dd class="web-preserve">${decision.overrideReason}</dd>` : ''}
  ${decision.feedback ? html`<dt>${t('screening.decision.feedback')}</dt><dd class="web-preserve">${decision.feedback}</dd>` : ''}
  <dt>${t('screening.decision.decidedBy')}</dt><dd>${t('screening.decision.decidedByOn', { name: decision.decidedBy.name, date: formatInstant(locale, decision.decidedAt) })}</dd>
  ${decision.releasedAt ? html`<dt>${t('screening.decision.releasedOn')}</dt><dd>${formatInstant(locale, decision.releasedAt)}</dd>` : ''}
</dl>`
    : '';
  const open = DECIDABLE.includes(application.status) && ranking !== null && !decision?.releasedAt;
  const form = open && data.staffConflict ? staffConflictNotice(page, data.staffConflict) : open ? decisionForm(page, data) : html`<p>${t(decision?.releasedAt ? 'screening.decision.closedReleased' : 'screening.decision.closed', { status: statusWords(page, application.status) })}</p>`;
  return html`<h2 id="decision">${t('screening.decision.heading')}</h2>
${errorFor(errors, 'decision') ? html`<p class="ontario-error-messaging" id="decision-error"><span class="ontario-error-messaging__content">${errorFor(errors, 'decision')!}</span></p>` : ''}
${line}
${recorded}
${form}`;
}

function decisionForm(page: PageContext, data: ApplicationPageData): SafeHtml {
  const { t, locale } = page;
  const { application, ranking, errors, decision } = data;
  const values = data.forms.decision;
  // Not ranked yet (awaiting reviews): there is no line to depart from, so no reason to give for it.
  const above = ranking?.ranked ? ranking.ranked.aboveFundingLine : null;
  return html`<h3 id="decide-heading">${t(decision ? 'screening.decision.change' : 'screening.decision.record')}</h3>
<p>${t('screening.decision.intro')}</p>
<form method="post" action="/officer/applications/${application.id}/decision" novalidate aria-labelledby="decide-heading">
  ${page.csrfField}
  ${radioGroup({
    name: 'decisionOutcome',
    legend: t('screening.decision.outcome'),
    options: [
      { value: 'approved', label: t('screening.decision.approve') },
      { value: 'declined', label: t('screening.decision.decline') },
    ],
    value: values.outcome,
    error: errorFor(errors, 'decisionOutcome-approved'),
  })}
  ${textField({
    name: 'approvedAmount',
    label: t('screening.decision.amount'),
    hint: t('screening.decision.amountHint', { requested: formatMoney(locale, application.requestedCents) }),
    value: values.amount,
    error: errorFor(errors, 'approvedAmount'),
    inputmode: 'decimal',
    width: '10-char-width',
  })}
  ${textareaField({ name: 'conditions', label: t('screening.decision.conditions'), hint: t('screening.decision.conditionsHint'), value: values.conditions, error: errorFor(errors, 'conditions'), rows: 3 })}
  ${textareaField({ name: 'rationale', label: t('screening.decision.rationale'), hint: t('screening.decision.rationaleHint'), value: values.rationale, error: errorFor(errors, 'rationale'), rows: 4 })}
  ${textareaField({ name: 'feedback', label: t('screening.decision.feedback'), hint: t('screening.decision.feedbackHint'), value: values.feedback, error: errorFor(errors, 'feedback'), rows: 3 })}
  ${
    above === null
      ? ''
      : textareaField({
          name: 'overrideReason',
          label: t('screening.decision.overrideReason'),
          hint: t(above ? 'screening.decision.overrideHintAbove' : 'screening.decision.overrideHintBelow'),
          value: values.overrideReason,
          error: errorFor(errors, 'overrideReason'),
          rows: 3,
        })
  }
  <button type="submit" class="ontario-button ontario-button--primary">${t('screening.decision.submit')}</button>
</form>`;
}

/** Page data with the deliberation in it: the officer has no tie to the organization. */
type Deliberated = ApplicationPageData & { reviews: NonNullable<ApplicationPageData['reviews']> };

function deliberationShown(data: ApplicationPageData): data is Deliberated {
  return data.reviews !== null;
}

/** In place of the reviewers, reviews and decision: why the officer does not see them. */
function withheldSection(page: PageContext, data: ApplicationPageData): SafeHtml {
  return html`<h2 id="deliberation">${page.t('screening.staffConflicts.withheldHeading')}</h2>
<p>${page.t('screening.staffConflicts.withheld')}</p>
${data.staffConflict ? staffConflictNotice(page, data.staffConflict) : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Staff conflicts of interest

/** Why the page offers the officer no action on this organization's applications. */
export function staffConflictNotice(page: PageContext, reason: StaffConflictReason, keys: Record<StaffConflictReason, MessageKey> = {
    member: 'screening.staffConflicts.member',
    former_member: 'screening.staffConflicts.formerMember',
    declared: 'screening.staffConflicts.declared',
  }): SafeHtml {
  return html`<p><strong>${page.t(keys[reason])}</strong></p>`;
}

function staffConflictsSection(page: PageContext, data: ApplicationPageData): SafeHtml {
  const { t, locale } = page;
  const { application, errors } = data;
  const table =
    data.staffConflicts.length === 0
      ? html`<p>${t('screening.staffConflicts.none')}</p>`
      : html`<div class="ontario-table-container" id="staff-conflicts-table"><table class="web-table">
  <caption>${t('screening.staffConflicts.caption')}</caption>
  <thead><tr><th scope="col">${t('screening.staffConflicts.staff')}</th><th scope="col">${t('screening.staffConflicts.reason')}</th><th scope="col">${t('screening.staffConflicts.declaredOn')}</th><th scope="col">${t('screening.staffConflicts.application')}</th></tr></thead>
  <tbody>${data.staffConflicts.map(
    (conflict) => html`<tr><th scope="row">${conflict.staff.name}</th><td class="web-preserve">${conflict.reason}</td><td>${formatInstant(locale, conflict.declaredAt)}</td><td>${conflict.referenceNumber ?? t('screening.list.noReference')}</td></tr>`,
  )}</tbody>
</table></div>`;
  const own = data.staffConflict
    ? staffConflictNotice(page, data.staffConflict)
    : html`<h3 id="declare-heading">${t('screening.staffConflicts.declareHeading')}</h3>
<p>${t('screening.staffConflicts.declareIntro')}</p>
<form method="post" action="/officer/applications/${application.id}/staff-conflicts" novalidate aria-labelledby="declare-heading">
  ${page.csrfField}
  ${textareaField({ name: 'conflictReason', label: t('screening.staffConflicts.reasonLabel'), hint: t('screening.staffConflicts.reasonHint', { max: MAX_CONFLICT_REASON_LENGTH }), value: data.forms.staffConflict, error: errorFor(errors, 'conflictReason'), rows: 3 })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('screening.staffConflicts.declare')}</button>
</form>`;
  return html`<h2 id="staff-conflicts">${t('screening.staffConflicts.heading')}</h2>
${errorFor(errors, 'staffConflicts') ? html`<p class="ontario-error-messaging" id="staff-conflicts-error"><span class="ontario-error-messaging__content">${errorFor(errors, 'staffConflicts')!}</span></p>` : ''}
<p>${t('screening.staffConflicts.intro')}</p>
${table}
${own}`;
}

/** What declaring a conflict does, asked before it is recorded: it cannot be withdrawn. */
export function staffConflictConfirmPage(page: PageContext, application: Pick<Application, 'id'>, organizationName: string, reason: string): string {
  const { t } = page;
  return layout(page, {
    title: t('screening.staffConflicts.confirmTitle', { organization: organizationName }),
    body: html`<p>${t('screening.staffConflicts.confirmBody', { organization: organizationName })}</p>
<h2 class="ontario-h4">${t('screening.staffConflicts.confirmReason')}</h2>
<p class="web-preserve">${reason}</p>
<p><strong>${t('screening.staffConflicts.confirmFinal')}</strong></p>
<form method="post" action="/officer/applications/${application.id}/staff-conflicts">
  ${page.csrfField}
  <input type="hidden" name="conflictReason" value="${reason}">
  <input type="hidden" name="confirmed" value="yes">
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('screening.staffConflicts.confirmSubmit')}</button></div>
</form>
<p><a href="/officer/applications/${application.id}#staff-conflicts">${t('screening.staffConflicts.confirmCancel')}</a></p>`,
  });
}

// ---------------------------------------------------------------------------------------------
// A call's reviewers

export function callAssignmentsPage(page: PageContext, call: Call, rows: ApplicationReviewers[], notice: Notice): string {
  const { t } = page;
  const target = call.reviewersPerApplication ?? 1;
  const inReview = rows.filter((row) => row.status === 'in_review').length;
  const body = html`<p>${t(call.fundCode === 'ILIF' ? 'screening.assignments.introIlif' : 'screening.assignments.intro', { count: target })}</p>
${
  inReview === 0
    ? html`<p>${t('screening.assignments.noneInReview')}</p>`
    : html`<form method="post" action="/officer/calls/${call.id}/assignments/auto">
  ${page.csrfField}
  <p class="ontario-hint" id="auto-hint">${t('screening.assignments.autoHint')}</p>
  <button type="submit" class="ontario-button ontario-button--primary" aria-describedby="auto-hint">${t('screening.assignments.auto')}</button>
</form>`
}
${
  rows.length === 0
    ? ''
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('screening.assignments.caption')}</caption>
  <thead><tr><th scope="col">${t('screening.list.reference')}</th><th scope="col">${t('screening.list.organization')}</th><th scope="col">${t('screening.list.status')}</th><th scope="col">${t('screening.assignments.reviewers')}</th><th scope="col" class="web-number">${t('screening.assignments.count')}</th></tr></thead>
  <tbody>${rows.map((row) => {
    const live = row.reviewers.filter((reviewer) => reviewer.status !== 'recused').length;
    return html`<tr>
    <td class="web-nowrap"><a href="/officer/applications/${row.applicationId}">${row.referenceNumber ?? t('screening.list.noReference')}</a></td>
    <td>${row.organizationName}</td>
    <td>${statusWords(page, row.status)}</td>
    <td>${
      row.reviewers.length === 0
        ? t('screening.assignments.noReviewer')
        : html`<ul class="web-plain-list">${row.reviewers.map((reviewer) => html`<li>${t(`screening.assignments.reviewer.${reviewer.status}`, { name: reviewer.name })}</li>`)}</ul>`
    }</td>
    <td class="web-number">${t(live < target ? 'screening.assignments.missing' : 'screening.assignments.of', { count: live, target })}</td>
  </tr>`;
  })}</tbody>
</table></div>`
}
<ul>
  <li><a href="/officer/calls/${call.id}">${t('screening.assignments.ranking')}</a></li>
  <li><a href="/officer/applications?callId=${call.id}">${t('screening.assignments.applications')}</a></li>
</ul>`;
  return layout(page, { title: t('screening.assignments.title', { call: callTitle(page, call) }), notice, body });
}
