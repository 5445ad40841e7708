import { AwardHoldView, BulkApproval, ontarioDate, PaymentView, QueuedPayment } from '@grants/awards';
import { formatDate, formatInstant, formatMoney } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { errorSummary, FieldError, pagination } from '../views/form';
import { layout, officeContact } from '../views/layout';
import { paymentsEn } from './payments.messages';
import { HOLD_REASON_FIELD, HoldReasonProblem, MAX_HOLD_REASON_LENGTH, QUEUE_TABS, QueueTab } from './payment-forms';

export const PAYMENTS_PATH = '/officer/payments';
export const FINANCE_FILE_PATH = '/officer/payments/finance.csv';

const hasRole = (page: PageContext, role: 'officer' | 'approver'): boolean => page.actor?.roles.includes(role) ?? false;

// ---------------------------------------------------------------- what every payment page shows

/** The amount paid (or to pay), the holdback marked, and what a recovery took from it. */
export function paymentAmount(page: PageContext, payment: PaymentView, words: 'staff' | 'member' = 'staff'): SafeHtml {
  const { t, locale } = page;
  const offset =
    payment.offsetCents > 0
      ? html`<span class="web-note">${t(words === 'staff' ? 'payment.offset' : 'award.payment.offset', { planned: formatMoney(locale, payment.plannedCents), offset: formatMoney(locale, payment.offsetCents) })}</span>`
      : '';
  // The organization reads what a holdback is beside its status (memberPaymentStatus): a longer sentence than an amount's cell holds.
  const holdback = payment.holdback && words === 'staff' ? html`<span class="web-note"><strong>${t('payment.holdback')}</strong></span>` : '';
  return html`${formatMoney(locale, payment.amountCents)}${holdback}${offset}`;
}

/** Who requested, approved and recorded it, and when: the staff's short history of a payment. */
export function paymentHistory(page: PageContext, payment: PaymentView): SafeHtml | string {
  const { t, locale } = page;
  const needed = payment.approvalsNeeded ?? 1;
  const lines = [
    payment.requested ? t('payment.history.requested', { name: payment.requested.by?.name ?? '', date: formatInstant(locale, payment.requested.at) }) : null,
    ...payment.approvals.map((step, index) => t('payment.history.approved', { name: step.by?.name ?? '', date: formatInstant(locale, step.at), count: index + 1, needed })),
    payment.paid ? t('payment.history.paid', { date: formatInstant(locale, payment.paid.at), reference: payment.paymentReference ?? '' }) : null,
  ].filter((line): line is string => line !== null);
  return lines.length === 0 ? t('payment.history.none') : html`<ul class="web-plain-list">${lines.map((line) => html`<li>${line}</li>`)}</ul>`;
}

/** The organization's words for where a payment stands, and what a holdback is. */
export function memberPaymentStatus(page: PageContext, payment: PaymentView): SafeHtml {
  return html`${memberStatusWords(page, payment)}${payment.holdback ? html`<span class="web-note">${page.t('award.payment.holdback')}</span>` : ''}`;
}

function memberStatusWords(page: PageContext, payment: PaymentView): string {
  const { t, locale } = page;
  switch (payment.status) {
    case 'scheduled':
      return t('award.payment.scheduled');
    case 'requested':
      return t('award.payment.requested');
    case 'approved':
      return t('award.payment.approved');
    case 'paid':
      return payment.paidAt ? t('award.payment.paidOn', { date: formatDate(locale, ontarioDate(payment.paidAt)) }) : t('award.payment.paid');
  }
}

/** The hold in force, as the organization reads it: the reason and since when, no staff names, and whom to ask. */
export function memberHoldNotice(page: PageContext, hold: AwardHoldView | null): SafeHtml | string {
  if (!hold) return '';
  const { t, locale } = page;
  return html`<div class="ontario-alert ontario-alert--warning" id="hold">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4">${t('award.hold.title')}</h2></div>
  <div class="ontario-alert__body">
    <p>${t('award.hold.since', { date: formatInstant(locale, hold.placedAt) })}</p>
    <p>${t('award.hold.reason')}</p>
    <blockquote class="web-preserve web-quote">${hold.reason}</blockquote>
    <p>${officeContact(page, 'award.hold.contact')}</p>
  </div>
</div>`;
}

// ---------------------------------------------------------------- the queues

export interface PaymentsQueueData {
  tab: QueueTab;
  items: QueuedPayment[];
  nextCursor: string | null;
  /** After "Approve selected": what was approved and what was refused, each with its reason. */
  result?: BulkApproval | null;
  errors?: FieldError[];
}

/** The payments waiting for the reader's step, one tab a step; approvers tick those they approve. */
export function paymentsQueuePage(page: PageContext, data: PaymentsQueueData): string {
  const { t } = page;
  const tabs = html`<nav class="web-subnav" aria-label="${t('payments.tabs')}"><ul>${QUEUE_TABS.map(
    (tab) => html`<li><a href="${PAYMENTS_PATH}?show=${tab}"${tab === data.tab ? html` aria-current="page"` : ''}>${t(`payments.tab.${tab}`)}</a></li>`,
  )}</ul></nav>`;
  // Approvers see beside each payment a box to tick, or why they may not; the button only when there is a box.
  const choosing = data.tab === 'approve' && hasRole(page, 'approver');
  const firstBox = data.items.find((payment) => payment.canApprove);
  const selecting = choosing && firstBox !== undefined;
  const errors = (data.errors ?? []).map((error) => (error.field === NONE_SELECTED_FIELD && firstBox ? { ...error, field: `pay-${firstBox.id}` } : error));
  const table = data.items.length === 0 ? html`<p>${t(`payments.empty.${data.tab}`)}</p>` : queueTable(page, data, choosing);
  return layout(page, {
    title: t('payments.title'),
    notice: data.result ? approvedNotice(page, data.result) : null,
    body: html`${errorSummary(t('errors.summary'), errors)}
${data.result ? refusedSummary(page, data.result, data.items) : ''}
<p>${t('payments.intro')}</p>
${tabs}
${data.tab === 'record' ? html`<p><a href="${FINANCE_FILE_PATH}" download aria-describedby="finance-file-hint">${t('payments.financeFile')}</a></p><p class="ontario-hint" id="finance-file-hint">${t('payments.financeFileHint')}</p>` : ''}
${
  selecting
    ? html`<form method="post" action="${PAYMENTS_PATH}/approve" novalidate>
  ${page.csrfField}
  <p class="ontario-hint" id="approve-hint">${t('payments.approveHint')}</p>
  ${table}
  <button type="submit" class="ontario-button ontario-button--primary" aria-describedby="approve-hint">${t('payments.approveSelected')}</button>
</form>`
    : table
}
${pagination(t('payments.more'), PAYMENTS_PATH, { show: data.tab }, data.nextCursor)}`,
  });
}

function queueTable(page: PageContext, data: PaymentsQueueData, selecting: boolean): SafeHtml {
  const { t, locale } = page;
  const paid = data.tab === 'paid';
  const rows = data.items.map(
    (payment) => html`<tr id="payment-${payment.id}">
    ${selecting ? html`<td>${selectCell(page, payment)}</td>` : ''}
    <td class="web-nowrap">${awardLink(page, payment)}</td>
    <td class="web-wrap">${payment.award.organizationName}</td>
    <td class="web-nowrap">${payment.fiscalYear}</td>
    <td class="web-number">${paymentAmount(page, payment)}</td>
    <td>${formatDate(locale, payment.dueOn)}</td>
    <td class="web-wrap">${payment.requested ? t('payments.requestedBy', { name: payment.requested.by?.name ?? '', date: formatInstant(locale, payment.requested.at) }) : ''}</td>
    <td class="web-wrap">${approvalsCell(page, payment)}</td>
    ${paid ? html`<td class="web-wrap">${payment.paid ? t('payments.paidWith', { date: formatInstant(locale, payment.paid.at), reference: payment.paymentReference ?? '' }) : ''}</td>` : ''}
  </tr>`,
  );
  return html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t(`payments.caption.${data.tab}`)}</caption>
  <thead><tr>
    ${selecting ? html`<th scope="col">${t('payments.column.select')}</th>` : ''}
    <th scope="col">${t('payments.column.reference')}</th>
    <th scope="col">${t('payments.column.organization')}</th>
    <th scope="col">${t('payments.column.fiscalYear')}</th>
    <th scope="col" class="web-number">${t('payments.column.amount')}</th>
    <th scope="col">${t('payments.column.dueOn')}</th>
    <th scope="col">${t('payments.column.requestedBy')}</th>
    <th scope="col">${t('payments.column.approvals')}</th>
    ${paid ? html`<th scope="col">${t('payments.column.paid')}</th>` : ''}
  </tr></thead>
  <tbody>${rows}</tbody>
</table></div>`;
}

/** The award page is the officers' (approvers act from the queue); the reference names the award for everyone. */
function awardLink(page: PageContext, payment: QueuedPayment): SafeHtml | string {
  const reference = payment.award.referenceNumber ?? payment.award.organizationName;
  if (!hasRole(page, 'officer')) return reference;
  return html`<a href="/officer/awards/${payment.award.id}#payments">${reference}</a>`;
}

function approvalsCell(page: PageContext, payment: QueuedPayment): SafeHtml | string {
  const { t, locale } = page;
  if (payment.approvalsNeeded === null) return t('payments.approvalsNone');
  const count = t('payments.approvals', { count: payment.approvals.length, needed: payment.approvalsNeeded });
  if (payment.approvals.length === 0) return count;
  return html`${count}<ul class="web-plain-list web-note">${payment.approvals.map((step) => html`<li>${t('payments.requestedBy', { name: step.by?.name ?? '', date: formatInstant(locale, step.at) })}</li>`)}</ul>`;
}

/** A box to tick when the reader may approve it; else why not, so that nobody wonders where the box went. */
function selectCell(page: PageContext, payment: QueuedPayment): SafeHtml | string {
  const { t, locale } = page;
  if (!payment.canApprove) {
    const reader = page.actor?.userId;
    const key: MessageKey =
      payment.requested?.by?.id === reader ? 'payments.cannot.requester' : payment.approvals.some((step) => step.by?.id === reader) ? 'payments.cannot.approved' : 'payments.cannot.other';
    return html`<span class="web-note">${t(key)}</span>`;
  }
  const id = `pay-${payment.id}`;
  const what = t('payments.selectFor', { amount: formatMoney(locale, payment.amountCents), fiscalYear: payment.fiscalYear, reference: payment.award.referenceNumber ?? payment.award.organizationName });
  return html`<div class="ontario-checkboxes__item web-table-check">
  <input class="ontario-checkboxes__input" id="${id}" name="paymentIds" type="checkbox" value="${payment.id}">
  <label class="ontario-checkboxes__label" for="${id}">${t('payments.select')}<span class="ontario-show-for-sr"> ${what}</span></label>
</div>`;
}

/** How many were approved and how many still wait for a second approver, as the page's notice. */
function approvedNotice(page: PageContext, result: BulkApproval): { kind: 'success' | 'informational'; text: string } {
  const { t } = page;
  const count = result.approved.length;
  const waiting = result.approved.filter((payment) => payment.status === 'requested').length;
  const approved = count === 0 ? t('payments.approved.none') : count === 1 ? t('payments.approved.one') : t('payments.approved.many', { count });
  return { kind: count === 0 ? 'informational' : 'success', text: waiting > 0 ? `${approved} ${t('payments.approved.waitsForSecond', { count: waiting })}` : approved };
}

/** Each refusal, naming the payment (still in the list) and why, in the reader's language. */
function refusedSummary(page: PageContext, result: BulkApproval, shown: QueuedPayment[]): SafeHtml | string {
  const { t, locale } = page;
  if (result.refused.length === 0) return '';
  const items = result.refused.map((refusal) => {
    const payment = shown.find((candidate) => candidate.id === refusal.paymentId);
    const message = refusalWords(page, refusal, payment);
    return payment
      ? t('payments.refused.item', { reference: payment.award.referenceNumber ?? payment.award.organizationName, fiscalYear: payment.fiscalYear, amount: formatMoney(locale, payment.amountCents), message })
      : t('payments.refused.unknown', { message });
  });
  return html`<div class="ontario-alert ontario-alert--error" id="error-summary" tabindex="-1" role="alert" aria-labelledby="refused-title">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4" id="refused-title">${t('payments.refused.heading')}</h2></div>
  <div class="ontario-alert__body"><ul>${items.map((item) => html`<li>${item}</li>`)}</ul></div>
</div>`;
}

/**
 * A refusal in the reader's language. The service says why in English; its code says what, and for
 * SEPARATION_OF_DUTIES the payment's own history says whether the reader requested it or approved it already.
 */
function refusalWords(page: PageContext, refusal: BulkApproval['refused'][number], payment: QueuedPayment | undefined): string {
  const { t } = page;
  if (refusal.code === 'SEPARATION_OF_DUTIES') return t(payment && payment.requested?.by?.id !== page.actor?.userId ? 'payments.refused.repeat' : 'payments.refused.requester');
  const key = `payments.refused.${refusal.code}`;
  return key in paymentsEn ? t(key as MessageKey) : refusal.message;
}

// ---------------------------------------------------------------- refusals on the officer's award page

/** The service's refusals of a payment request, above the schedule (the summary links to it). */
export function paymentRequestRefusals(page: PageContext): Partial<Record<string, FieldError>> {
  const codes = ['AWARD_ON_HOLD', 'AGREEMENT_NOT_EXECUTED', 'PRIOR_REPORT_NOT_ACCEPTED', 'FINAL_REPORT_NOT_ACCEPTED', 'PAYMENT_NOT_SCHEDULED', 'NOTHING_TO_PAY', 'AMENDMENT_PENDING'] as const;
  return Object.fromEntries(codes.map((code) => [code, { field: 'payments', message: page.t(`payment.error.${code}`) }]));
}

export function holdRefusals(page: PageContext): Partial<Record<string, FieldError>> {
  return {
    AWARD_ALREADY_ON_HOLD: { field: 'hold', message: page.t('hold.error.AWARD_ALREADY_ON_HOLD') },
    AWARD_NOT_ACCEPTED: { field: 'payments', message: page.t('hold.error.AWARD_NOT_ACCEPTED') },
    AWARD_NOT_ON_HOLD: { field: 'holds', message: page.t('hold.error.AWARD_NOT_ON_HOLD') },
  };
}

export function holdReasonError(page: PageContext, problem: HoldReasonProblem): FieldError {
  return { field: HOLD_REASON_FIELD, message: problem === 'missing' ? page.t('hold.error.reasonMissing') : page.t('hold.error.reasonTooLong', { max: MAX_HOLD_REASON_LENGTH }) };
}

/** Nothing ticked: the summary leads to the first box. */
export const NONE_SELECTED_FIELD = 'paymentIds';
export function noneSelectedError(page: PageContext): FieldError {
  return { field: NONE_SELECTED_FIELD, message: page.t('payments.error.noneSelected') };
}
