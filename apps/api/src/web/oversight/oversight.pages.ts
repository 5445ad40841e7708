import type { StaffConflictReason } from '@grants/applications';
import type { AuditEventView, AuditTrailReads } from '@grants/audit';
import { Agreement, Award, AWARD_STATUSES, AwardStatus, AwardSummary, FUNDS_REPORT_COLUMNS, PaymentView, ReportView, YearReconciliationView } from '@grants/awards';
import { formatDate, formatInstant, formatMoney } from '@grants/core';
import { BUDGET_CATEGORY_WORDS } from '@grants/documents';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { errorFor, errorSummary, FieldError, pagination, selectField, textareaField, textField } from '../views/form';
import { agreementSection } from '../agreements/agreements.pages';
import { HOLD_REASON_FIELD, MAX_HOLD_REASON_LENGTH } from '../payments/payment-forms';
import { paymentAmount, paymentHistory } from '../payments/payments.pages';
import { reconciliationSection } from '../reconciliation/reconciliation.pages';
import { catalogNotice, layout } from '../views/layout';
import { DetailLine, detailLines } from './audit-details';
import { oversightEn } from './oversight.messages';
import {
  justificationField,
  MAX_JUSTIFICATION_LENGTH,
  MAX_PAYMENT_REFERENCE_LENGTH,
  MAX_REVIEW_COMMENT_LENGTH,
  paymentReferenceField,
  PaymentReferenceProblem,
  ReportReviewProblem,
  reviewCommentField,
} from './oversight-forms';

export const FUNDS_CSV_PATH = '/api/v1/reports/funds.csv';

/** The catalog's word for a code (a state, an action, a role), when it has one. */
function known(prefix: string, code: string | null | undefined): MessageKey | null {
  const key = `${prefix}${code ?? ''}`;
  return code && key in oversightEn ? (key as MessageKey) : null;
}

function codeWord(page: PageContext, prefix: string, code: string): SafeHtml | string {
  const key = known(prefix, code);
  return key ? page.t(key) : html`<code>${code}</code>`;
}

// ---------------------------------------------------------------- awards list

export interface AwardsListData {
  /** Each with its next payment: the first not made yet (AwardService.list). */
  awards: AwardSummary[];
  status: AwardStatus | '';
  nextCursor: string | null;
}

export function awardsPage(page: PageContext, data: AwardsListData): string {
  const { t, locale } = page;
  const statusName = data.status ? t(`oversight.awardStatus.${data.status}`) : '';
  const rows = data.awards.map(
    (award) => html`<tr>
    <td><a href="/officer/awards/${award.id}">${award.referenceNumber ?? award.organizationName}</a></td>
    <td>${award.organizationName}</td>
    <td class="web-number">${formatMoney(locale, award.approvedCents)}</td>
    <td>${t(`oversight.awardStatus.${award.status}`)}</td>
    <td>${award.status === 'offered' ? formatInstant(locale, award.acceptBy) : t('oversight.awards.answered')}</td>
    <td>${nextPaymentText(page, award)}</td>
    <td class="web-number">${award.reportsToReview}</td>
  </tr>`,
  );
  const table =
    data.awards.length === 0
      ? html`<p>${data.status ? t('oversight.awards.noneWithStatus', { status: statusName }) : t('oversight.awards.none')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${data.status ? t('oversight.awards.captionWithStatus', { status: statusName }) : t('oversight.awards.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.awards.reference')}</th>
    <th scope="col">${t('oversight.awards.organization')}</th>
    <th scope="col" class="web-number">${t('oversight.awards.approved')}</th>
    <th scope="col">${t('oversight.awards.status')}</th>
    <th scope="col">${t('oversight.awards.acceptBy')}</th>
    <th scope="col">${t('oversight.awards.nextPayment')}</th>
    <th scope="col" class="web-number">${t('oversight.awards.reportsToReview')}</th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`;
  return layout(page, {
    title: t('oversight.awards.title'),
    body: html`<p>${t('oversight.awards.intro')}</p>
<form method="get" action="/officer/awards" class="web-filter">
  ${selectField({
    name: 'status',
    label: t('oversight.awards.filter'),
    value: data.status,
    options: [{ value: '', label: t('oversight.awards.filter.all') }, ...AWARD_STATUSES.map((status) => ({ value: status, label: t(`oversight.awardStatus.${status}`) }))],
  })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('oversight.awards.filter.submit')}</button>
</form>
${table}
${pagination(t('oversight.awards.more'), '/officer/awards', { status: data.status || undefined }, data.nextCursor)}`,
  });
}

function nextPaymentText(page: PageContext, award: AwardSummary): string {
  const { t, locale } = page;
  if (award.status === 'declined') return t('oversight.none');
  const next = award.nextPayment;
  if (!next) return t('oversight.awards.allPaid');
  const when = { date: formatDate(locale, next.dueOn), amount: formatMoney(locale, next.amountCents) };
  return next.status === 'approved' ? t('oversight.awards.nextPayable', when) : t('oversight.awards.nextScheduled', when);
}

// ---------------------------------------------------------------- one award

export interface AwardPageData {
  /** With its organization's name and its call's title (AwardService.get). */
  award: Award;
  /** Forms as typed, by field name, when one comes back with a problem. */
  values: Record<string, string>;
  errors: FieldError[];
  notice: MessageKey | null;
  /** Why the officer may not pay or review this award's organization (no forms then), or null. */
  staffConflict: StaffConflictReason | null;
  /** The award's agreement once it has one (AgreementService.get); null before. */
  agreement?: Agreement | null;
  /** Per fiscal year, once the award is accepted (RecoveryService). */
  reconciliation?: YearReconciliationView[];
}

const AWARD_CONFLICT: Record<StaffConflictReason, MessageKey> = {
  member: 'screening.staffConflicts.awardMember',
  former_member: 'screening.staffConflicts.awardFormerMember',
  declared: 'screening.staffConflicts.awardDeclared',
};

/** A payment reference refused before the service saw it, beside its field. */
export function paymentReferenceError(page: PageContext, paymentId: string, problem: PaymentReferenceProblem): FieldError {
  const message = problem === 'missing' ? page.t('oversight.error.referenceMissing') : page.t('oversight.error.referenceTooLong', { max: MAX_PAYMENT_REFERENCE_LENGTH });
  return { field: paymentReferenceField(paymentId), message };
}

/** A report review refused before the service saw it, beside the comment. */
export function reportReviewError(page: PageContext, reportId: string, problem: ReportReviewProblem): FieldError {
  if (problem === 'justificationTooLong') return { field: justificationField(reportId), message: page.t('oversight.error.justificationTooLong', { max: MAX_JUSTIFICATION_LENGTH }) };
  const message =
    problem === 'commentRequired'
      ? page.t('oversight.error.commentRequired')
      : problem === 'commentTooLong'
        ? page.t('oversight.error.commentTooLong', { max: MAX_REVIEW_COMMENT_LENGTH })
        : page.t('oversight.error.chooseOutcome');
  return { field: reviewCommentField(reportId), message };
}

const reportName = (page: PageContext, report: Pick<ReportView, 'kind' | 'period'>): string => page.t(`oversight.report.name.${report.kind}`, { period: report.period });
/** The same words starting a heading or a cell. */
const capitalized = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

export function awardPage(page: PageContext, data: AwardPageData): string {
  const { t, locale } = page;
  const { award } = data;
  const paidCents = award.payments.filter((payment) => payment.status === 'paid').reduce((sum, payment) => sum + payment.amountCents, 0);
  const reference = award.referenceNumber ?? '';
  return layout(page, {
    title: t('oversight.award.title', { reference }),
    notice: catalogNotice(page, data.notice),
    body: html`${errorSummary(t('errors.summary'), data.errors)}
${holdNotice(page, data)}
<dl class="web-facts">
  <dt>${t('oversight.award.organization')}</dt><dd>${award.organizationName}</dd>
  <dt>${t('oversight.award.call')}</dt><dd>${award.callTitle[locale] || award.callTitle.en || ''}</dd>
  <dt>${t('oversight.award.approved')}</dt><dd>${formatMoney(locale, award.approvedCents)}</dd>
  <dt>${t('oversight.award.paid')}</dt><dd>${formatMoney(locale, paidCents)}</dd>
  <dt>${t('oversight.award.status')}</dt><dd>${t(`oversight.awardStatus.${award.status}`)}</dd>
  ${
    award.status === 'offered'
      ? html`<dt>${t('oversight.award.acceptBy')}</dt><dd>${formatInstant(locale, award.acceptBy)}</dd>`
      : award.respondedAt
        ? html`<dt>${t('oversight.award.respondedAt')}</dt><dd>${formatInstant(locale, award.respondedAt)}</dd>`
        : ''
  }
</dl>
<ul>
  <li><a href="/api/v1/applications/${award.applicationId}/letter">${t('oversight.award.letter')}</a></li>
  <li><a href="/officer/audit?entityId=${encodeURIComponent(reference || award.id)}">${t('oversight.award.audit')}</a></li>
</ul>
${award.status === 'accepted' ? agreementSection(page, award.id, data.agreement ?? null) : ''}
<h2>${t('oversight.award.conditions')}</h2>
<p class="web-preserve">${award.conditions.trim() || t('oversight.award.noConditions')}</p>
${paymentsSection(page, data)}
${holdsSection(page, data)}
${reportsSection(page, data)}
${data.reconciliation ? reconciliationSection(page, award.id, data.reconciliation, data.staffConflict === null) : ''}
<p><a href="/officer/awards">${t('oversight.award.back')}</a></p>`,
  });
}

function paymentsSection(page: PageContext, data: AwardPageData): SafeHtml {
  const { t, locale } = page;
  const { award } = data;
  const payable = award.payments.filter((payment) => payment.status === 'approved');
  const rows = award.payments.map(
    (payment) => html`<tr>
    <th scope="row">${payment.fiscalYear}</th>
    <td>${formatDate(locale, payment.dueOn)}</td>
    <td class="web-number">${paymentAmount(page, payment)}</td>
    <td class="web-wrap">${paymentStatusText(page, award, payment)}${requestForm(page, data, payment)}</td>
    <td class="web-wrap">${paymentHistory(page, payment)}</td>
  </tr>`,
  );
  const forms = data.staffConflict
    ? award.payments.some((payment) => payment.status !== 'paid') && award.status === 'accepted' ? html`<p><strong>${t(AWARD_CONFLICT[data.staffConflict])}</strong></p>` : ''
    : payable.map((payment) => {
    const name = paymentReferenceField(payment.id);
    return html`<h3>${t('oversight.payment.heading', { fiscalYear: payment.fiscalYear })}</h3>
<p>${t('oversight.payment.due', { amount: formatMoney(locale, payment.amountCents), date: formatDate(locale, payment.dueOn) })}</p>
<form method="post" action="/officer/awards/${award.id}/payments/${payment.id}" novalidate>
  ${page.csrfField}
  ${textField({
    name,
    label: t('oversight.payment.reference', { fiscalYear: payment.fiscalYear }),
    hint: t('oversight.payment.referenceHint'),
    value: data.values[name] ?? '',
    error: errorFor(data.errors, name),
    width: '20-char-width',
    maxLength: MAX_PAYMENT_REFERENCE_LENGTH,
  })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('oversight.payment.submit')}</button>
</form>`;
  });
  return html`<h2 id="payments" tabindex="-1">${t('oversight.payments.heading')}</h2>
${
  award.payments.length === 0
    ? html`<p>${t('oversight.payments.none')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('oversight.payments.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.payments.fiscalYear')}</th>
    <th scope="col">${t('oversight.payments.dueOn')}</th>
    <th scope="col" class="web-number">${t('oversight.payments.amount')}</th>
    <th scope="col">${t('oversight.payments.status')}</th>
    <th scope="col">${t('payments.column.history')}</th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
${forms}`;
}

/** The button that asks for a payment, once nothing it waits for is left (PaymentView.waitingFor); the service decides again. */
function requestForm(page: PageContext, data: AwardPageData, payment: PaymentView): SafeHtml | string {
  const { t, locale } = page;
  if (data.staffConflict || payment.status !== 'scheduled' || payment.waitingFor.length > 0 || payment.amountCents === 0 || data.award.status !== 'accepted') return '';
  return html`<form method="post" action="/officer/awards/${data.award.id}/payments/${payment.id}/request" class="web-request-form">
  ${page.csrfField}
  <button type="submit" class="ontario-button ontario-button--secondary web-small-button">${t('payment.request')}<span class="ontario-show-for-sr"> ${t('payment.requestFor', { fiscalYear: payment.fiscalYear, amount: formatMoney(locale, payment.amountCents) })}</span></button>
</form>`;
}

function paymentStatusText(page: PageContext, award: Award, payment: PaymentView): string {
  const { t, locale } = page;
  switch (payment.status) {
    case 'paid':
      return payment.paidAt ? t('oversight.paymentStatus.paidOn', { date: formatInstant(locale, payment.paidAt) }) : t('oversight.paymentStatus.paid');
    case 'approved':
      return t('payment.status.approved');
    case 'requested':
      return t('payment.status.requested', { count: payment.approvals.length, needed: payment.approvalsNeeded ?? 1 });
    case 'scheduled': {
      if (award.status === 'declined') return t('oversight.paymentStatus.cancelled');
      if (award.status !== 'accepted') return t('oversight.paymentStatus.waitsForAcceptance');
      const report = payment.dependsOnReportId ? award.reports.find((candidate) => candidate.id === payment.dependsOnReportId) : undefined;
      switch (payment.waitingFor[0]) {
        case 'AWARD_ON_HOLD':
          return t('payment.status.onHold');
        case 'AGREEMENT_NOT_EXECUTED':
          return t('oversight.paymentStatus.waitsForAgreement');
        case 'PRIOR_REPORT_NOT_ACCEPTED':
          return report ? t('oversight.paymentStatus.waitsForReport', { report: reportName(page, report) }) : t('payment.status.waitsForPriorReport');
        case 'FINAL_REPORT_NOT_ACCEPTED':
          return t('payment.status.waitsForFinalReport', { report: report ? reportName(page, report) : t('oversight.report.name.final', { period: '' }).trim() });
        case undefined:
          return payment.amountCents === 0 ? t('payment.status.nothingToPay') : t('payment.status.canRequest');
      }
    }
  }
}

/** The hold in force, at the top of the page, with the way to lift it. */
function holdNotice(page: PageContext, data: AwardPageData): SafeHtml | string {
  const { t, locale } = page;
  const { award } = data;
  const hold = award.hold;
  if (!hold) return '';
  return html`<div class="ontario-alert ontario-alert--warning" id="hold">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4">${t('hold.inForce')}</h2></div>
  <div class="ontario-alert__body">
    <blockquote class="web-preserve web-quote">${hold.reason}</blockquote>
    <p>${t('hold.placedBy', { name: hold.placedBy?.name ?? '', date: formatInstant(locale, hold.placedAt) })} ${t('hold.effect')}</p>
    ${data.staffConflict ? '' : html`<form method="post" action="/officer/awards/${award.id}/hold/lift">${page.csrfField}<button type="submit" class="ontario-button ontario-button--secondary">${t('hold.lift')}</button></form>`}
  </div>
</div>`;
}

/** After the payments: the form that puts them on hold (when they are not), and every hold the award had. */
function holdsSection(page: PageContext, data: AwardPageData): SafeHtml | string {
  const { t, locale } = page;
  const { award } = data;
  if (award.status !== 'accepted') return '';
  const form =
    award.hold || data.staffConflict
      ? ''
      : html`<p>${t('hold.none')}</p>
<form method="post" action="/officer/awards/${award.id}/hold" class="web-hold-form" novalidate>
  ${page.csrfField}
  ${textareaField({ name: HOLD_REASON_FIELD, label: t('hold.reason'), hint: t('hold.reasonHint'), value: data.values[HOLD_REASON_FIELD] ?? '', error: errorFor(data.errors, HOLD_REASON_FIELD), rows: 3, maxLength: MAX_HOLD_REASON_LENGTH })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('hold.place')}</button>
</form>`;
  const by = (who: { name: string } | null, at: Date): string => t('hold.history.by', { name: who?.name ?? '', date: formatInstant(locale, at) });
  const history =
    award.holds.length === 0
      ? ''
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('hold.history.caption')}</caption>
  <thead><tr><th scope="col">${t('hold.history.reason')}</th><th scope="col">${t('hold.history.placed')}</th><th scope="col">${t('hold.history.lifted')}</th></tr></thead>
  <tbody>${award.holds.map(
    (entry) => html`<tr><td class="web-wrap web-preserve">${entry.reason}</td><td class="web-wrap">${by(entry.placedBy, entry.placedAt)}</td><td class="web-wrap">${entry.liftedAt ? by(entry.liftedBy, entry.liftedAt) : t('hold.history.stillInForce')}</td></tr>`,
  )}</tbody>
</table></div>`;
  if (form === '' && history === '') return '';
  return html`<h2 id="holds">${t('hold.heading')}</h2>
${form}
${history}`;
}

function reportsSection(page: PageContext, data: AwardPageData): SafeHtml {
  const { t, locale } = page;
  const { award } = data;
  const rows = award.reports.map(
    (report) => html`<tr>
    <th scope="row">${report.submittedAt ? html`<a href="#report-${report.id}">${capitalized(reportName(page, report))}</a>` : capitalized(reportName(page, report))}</th>
    <td>${formatDate(locale, report.dueOn)}</td>
    <td>${t(`oversight.reportStatus.${report.status}`)}</td>
    <td>${report.submittedAt ? formatInstant(locale, report.submittedAt) : t('oversight.none')}</td>
  </tr>`,
  );
  const filed = award.reports.filter((report) => report.submittedAt !== null).map((report) => filedReport(page, data, report));
  return html`<h2 id="reports">${t('oversight.reports.heading')}</h2>
${
  award.reports.length === 0
    ? html`<p>${t('oversight.reports.none')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('oversight.reports.caption')}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.reports.report')}</th>
    <th scope="col">${t('oversight.reports.dueOn')}</th>
    <th scope="col">${t('oversight.reports.status')}</th>
    <th scope="col">${t('oversight.reports.filedOn')}</th>
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`
}
${filed}`;
}

/** What the organization reported, counts under the call's own labels, and the review form while it waits. */
function filedReport(page: PageContext, data: AwardPageData, report: ReportView): SafeHtml {
  const { t, locale } = page;
  const { award } = data;
  const labels = new Map(award.outcomeMeasures.map((measure) => [measure.key, measure.label[locale] || measure.label.en || measure.key]));
  const outcomes = Object.entries(report.outcomes ?? {});
  const counts = new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA');
  const comment = reviewCommentField(report.id);
  return html`<section aria-labelledby="report-${report.id}">
<h3 id="report-${report.id}" tabindex="-1">${capitalized(reportName(page, report))}</h3>
<dl class="web-facts">
  <dt>${t('oversight.report.status')}</dt><dd>${t(`oversight.reportStatus.${report.status}`)}</dd>
  ${report.submittedAt ? html`<dt>${t('oversight.report.filedOn')}</dt><dd>${formatInstant(locale, report.submittedAt)}</dd>` : ''}
  <dt>${t('oversight.report.spent')}</dt><dd>${report.spentCents === null ? t('oversight.none') : formatMoney(locale, report.spentCents)}</dd>
</dl>
${varianceTable(page, report)}
${
  report.varianceJustification && report.status === 'accepted'
    ? html`<h4>${t('oversight.report.justification')}</h4>
<p class="web-preserve">${report.varianceJustification}</p>`
    : ''
}
${
  outcomes.length === 0
    ? ''
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('oversight.report.outcomesCaption', { report: reportName(page, report) })}</caption>
  <thead><tr><th scope="col">${t('oversight.report.measure')}</th><th scope="col" class="web-number">${t('oversight.report.count')}</th></tr></thead>
  <tbody>${outcomes.map(([key, value]) => html`<tr><th scope="row">${labels.get(key) ?? key}</th><td class="web-number">${counts.format(value)}</td></tr>`)}</tbody>
</table></div>`
}
<h4>${t('oversight.report.narrative')}</h4>
<p class="web-preserve">${report.narrative || t('oversight.none')}</p>
${
  report.reviewComment && report.status !== 'submitted'
    ? html`<h4>${t(report.status === 'returned' ? 'oversight.report.returnedComment' : 'oversight.report.reviewComment')}</h4>
<p class="web-preserve">${report.reviewComment}</p>`
    : ''
}
${report.reviewedAt && report.status !== 'submitted' ? html`<p>${t('oversight.report.reviewedOn', { date: formatInstant(locale, report.reviewedAt) })}</p>` : ''}
${
  report.status === 'submitted' && data.staffConflict
    ? html`<p><strong>${t(AWARD_CONFLICT[data.staffConflict])}</strong></p>`
    : report.status === 'submitted'
    ? html`<form method="post" action="/officer/awards/${award.id}/reports/${report.id}/review" novalidate>
  ${page.csrfField}
  ${textareaField({
    name: comment,
    label: t('oversight.review.comment', { report: reportName(page, report) }),
    hint: t('oversight.review.commentHint'),
    value: data.values[comment] ?? '',
    error: errorFor(data.errors, comment),
    rows: 4,
    maxLength: MAX_REVIEW_COMMENT_LENGTH,
  })}
  ${
    report.withinFlexibility
      ? ''
      : textareaField({
          name: justificationField(report.id),
          label: t('oversight.review.justification'),
          hint: t('oversight.review.justificationHint'),
          value: data.values[justificationField(report.id)] ?? '',
          error: errorFor(data.errors, justificationField(report.id)),
          rows: 3,
          maxLength: MAX_JUSTIFICATION_LENGTH,
        })
  }
  <div class="web-actions">
    <button type="submit" name="outcome" value="accepted" class="ontario-button ontario-button--primary">${t('oversight.review.accept')}</button>
    <button type="submit" name="outcome" value="returned" class="ontario-button ontario-button--secondary">${t('oversight.review.return')}</button>
  </div>
</form>`
    : ''
}
</section>`;
}

/** A report's spending beside schedule D, line by line; a line beyond the flexibility rule is flagged in words, not by colour alone. */
function varianceTable(page: PageContext, report: ReportView): SafeHtml | string {
  const { t, locale } = page;
  if (report.variances.length === 0) return '';
  const change = (budget: number, spent: number): string => (budget === 0 ? t('oversight.variance.notBudgeted') : `${spent >= budget ? '+' : '−'}${new Intl.NumberFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(spent - budget) / budget)}`);
  return html`${report.withinFlexibility ? '' : html`<div class="ontario-alert ontario-alert--warning"><div class="ontario-alert__body"><p>${t('oversight.variance.beyond')}</p></div></div>`}
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('oversight.variance.caption', { report: reportName(page, report) })}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.variance.line')}</th>
    <th scope="col" class="web-number">${t('oversight.variance.budget')}</th>
    <th scope="col" class="web-number">${t('oversight.variance.spent')}</th>
    <th scope="col" class="web-number">${t('oversight.variance.change')}</th>
    <th scope="col">${t('oversight.variance.rule')}</th>
  </tr></thead>
  <tbody>${report.variances.map(
    (variance) => html`<tr>
    <th scope="row">${BUDGET_CATEGORY_WORDS[locale][variance.category]}</th>
    <td class="web-number">${formatMoney(locale, variance.budgetCents)}</td>
    <td class="web-number">${formatMoney(locale, variance.spentCents)}</td>
    <td class="web-number">${change(variance.budgetCents, variance.spentCents)}</td>
    <td>${variance.withinFlexibility ? t('oversight.variance.within') : html`<strong>${t('oversight.variance.outside')}</strong>`}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

// ---------------------------------------------------------------- exports

/** The exports page: the data exports' forms (`data`, from exports.pages.ts), then the funds report. */
export function exportsPage(page: PageContext, data: SafeHtml | string = ''): string {
  const { t } = page;
  const columns: Array<{ name: string; key: MessageKey }> = [
    ...FUNDS_REPORT_COLUMNS.map((column) => ({ name: column, key: `oversight.exports.column.${column}` as MessageKey })),
    { name: 'outcome:…', key: 'oversight.exports.column.outcome' },
  ];
  return layout(page, {
    title: t('oversight.exports.title'),
    body: html`<p>${t('oversight.exports.intro')}</p>
${data}
<h2>${t('oversight.exports.funds.heading')}</h2>
<p>${t('oversight.exports.funds.body')}</p>
<ul>
  <li><a href="${FUNDS_CSV_PATH}" download>${t('oversight.exports.funds.all')}</a></li>
  <li><a href="${FUNDS_CSV_PATH}?fundCode=CBSF" download>${t('oversight.exports.funds.cbsf')}</a></li>
  <li><a href="${FUNDS_CSV_PATH}?fundCode=ILIF" download>${t('oversight.exports.funds.ilif')}</a></li>
</ul>
<h3>${t('oversight.exports.file.heading')}</h3>
<ul>
  <li>${t('oversight.exports.file.rows')}</li>
  <li>${t('oversight.exports.file.amounts')}</li>
  <li>${t('oversight.exports.file.outcomes')}</li>
  <li>${t('oversight.exports.file.spreadsheet')}</li>
  <li>${t('oversight.exports.file.name')}</li>
  <li>${t('oversight.exports.file.privacy')}</li>
</ul>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('oversight.exports.columns.caption')}</caption>
  <thead><tr><th scope="col">${t('oversight.exports.columns.column')}</th><th scope="col">${t('oversight.exports.columns.meaning')}</th></tr></thead>
  <tbody>${columns.map((column) => html`<tr><th scope="row"><code>${column.name}</code></th><td>${t(column.key)}</td></tr>`)}</tbody>
</table></div>
<p>${t('oversight.exports.ocap')}</p>`,
  });
}

// ---------------------------------------------------------------- audit trail

export interface AuditSection {
  heading: string;
  entityId: string;
  events: AuditEventView[];
  nextCursor: string | null;
  /** The earlier reads of the trail, summed up: listing each would bury the trail under its own readings. */
  reads: AuditTrailReads;
}

export interface AuditPageData {
  typed: string;
  errors: FieldError[];
  /** Null before a search. */
  sections: AuditSection[] | null;
}

export function auditPage(page: PageContext, data: AuditPageData): string {
  const { t } = page;
  const results =
    data.sections === null
      ? ''
      : data.sections.length === 0
        ? html`<p>${t('oversight.audit.nothing', { typed: data.typed })}</p>`
        : data.sections.map((section) => auditSectionHtml(page, section));
  return layout(page, {
    title: t('oversight.audit.title'),
    body: html`${errorSummary(t('errors.summary'), data.errors)}
<p>${t('oversight.audit.intro')}</p>
<p>${t('oversight.audit.deliberation')}</p>
<form method="get" action="/officer/audit" class="web-filter" novalidate>
  ${textField({ name: 'entityId', label: t('oversight.audit.search'), hint: t('oversight.audit.searchHint'), value: data.typed, error: errorFor(data.errors, 'entityId'), width: '20-char-width' })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('oversight.audit.submit')}</button>
</form>
${results}`,
  });
}

function auditSectionHtml(page: PageContext, section: AuditSection): SafeHtml {
  const { t } = page;
  const events =
    section.events.length === 0
      ? html`<p>${t('oversight.audit.noEvents')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('oversight.audit.caption', { what: section.heading })}</caption>
  <thead><tr>
    <th scope="col">${t('oversight.audit.when')}</th>
    <th scope="col">${t('oversight.audit.who')}</th>
    <th scope="col">${t('oversight.audit.what')}</th>
    <th scope="col">${t('oversight.audit.change')}</th>
    <th scope="col">${t('oversight.audit.details')}</th>
  </tr></thead>
  <tbody>${section.events.map((event) => auditRow(page, event))}</tbody>
</table></div>`;
  return html`<h2>${section.heading}</h2>
<p class="web-trail-reads">${readsHtml(page, section.reads)}</p>
${events}
${pagination(t('oversight.audit.more', { what: section.heading }), '/officer/audit', { entityId: section.entityId }, section.nextCursor)}`;
}

function readsHtml(page: PageContext, reads: AuditTrailReads): SafeHtml | string {
  if (!reads.last) return page.t('oversight.audit.reads.none');
  // The reader's name is markup of its own (name and role word): the sentence is cut around it.
  const [before, after] = page.t('oversight.audit.reads.some', { count: reads.count, who: WHO_MARK, when: formatInstant(page.locale, reads.last.occurredAt) }).split(WHO_MARK);
  return html`${before}${who(page, reads.last.actor)}${after ?? ''}`;
}

const WHO_MARK = '\u0000who\u0000';

function auditRow(page: PageContext, event: AuditEventView): SafeHtml {
  const { locale } = page;
  return html`<tr>
    <td>${formatInstant(locale, event.occurredAt)}</td>
    <td>${who(page, event.actor)}</td>
    <td>${codeWord(page, 'oversight.action.', event.action)}</td>
    <td>${change(page, event.fromState, event.toState)}</td>
    <td>${details(page, detailLines(event.details))}</td>
  </tr>`;
}

function who(page: PageContext, actor: AuditEventView['actor']): SafeHtml | string {
  const { t } = page;
  if (!actor) return t('oversight.audit.who.unrecorded');
  if (actor.role === 'system' && !actor.id) return t('oversight.audit.who.system');
  const role = actor.role ? codeWord(page, 'oversight.role.', actor.role) : '';
  if (!actor.name) return actor.role === 'anonymous' ? t('oversight.role.anonymous') : role || t('oversight.audit.who.unrecorded');
  return role ? html`${actor.name} (${role})` : actor.name;
}

function change(page: PageContext, from: string | null, to: string | null): SafeHtml | string {
  const { t } = page;
  const state = (code: string): SafeHtml | string => codeWord(page, 'oversight.state.', code);
  if (from && to) return html`${state(from)} <span aria-hidden="true">→</span><span class="ontario-show-for-sr"> ${t('oversight.audit.to')} </span> ${state(to)}`;
  if (to) return state(to);
  if (from) return state(from);
  return t('oversight.none');
}

function details(page: PageContext, lines: DetailLine[]): SafeHtml | string {
  if (lines.length === 0) return page.t('oversight.none');
  return html`<ul class="web-details">${lines.map((line) => html`<li>${codeWord(page, 'oversight.detail.', line.key)}${page.t('oversight.audit.colon')}${detailValueHtml(page, line)}</li>`)}</ul>`;
}

function detailValueHtml(page: PageContext, { key, value }: DetailLine): SafeHtml | string {
  const { t, locale } = page;
  switch (value.kind) {
    case 'money':
      return formatMoney(locale, value.cents);
    case 'entity':
      return html`<a href="/officer/audit?entityId=${value.id}">${value.id}</a>`;
    case 'instant':
      return formatInstant(locale, value.iso);
    case 'yesNo':
      return t(value.value ? 'oversight.yes' : 'oversight.no');
    case 'code': {
      // The same code can mean different things under different keys (a letter read, a letter's stage).
      const word = known(`oversight.code.${key}.`, value.code) ?? (key === 'as' ? known('oversight.role.', value.code) : known('oversight.state.', value.code));
      return word ? t(word) : html`<code>${value.code}</code>`;
    }
    case 'list':
      // Roles, panels, field names: a word where the catalog has one, else as written.
      return value.items.map((item) => t(known('oversight.role.', item) ?? known('oversight.state.', item) ?? known('oversight.field.', item) ?? ('oversight.asWritten' as MessageKey), { text: item })).join(', ');
    case 'text':
      return html`<span class="web-preserve">${value.text}</span>`;
  }
}
