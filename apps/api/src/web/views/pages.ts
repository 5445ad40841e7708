import { formatDate, formatInstant, formatMoney } from '@grants/core';
import { html, SafeHtml } from '@grants/notifications';
import type { Agreement, Award, YearReconciliationView } from '@grants/awards';
import type { Call } from '@grants/calls';
import type { Application, ApplicationSummary, SnapshotView, SubmissionPdfStatus } from '@grants/applications';
import { isEditable, statusViewerOf } from '@grants/applications';
import { PageContext } from '../page-context';
import { MessageKey } from '../i18n/i18n';
import { errorSummary, FieldError, textField } from './form';
import { layout, officeContact } from './layout';
import { statusWords } from './status';
import { answerText } from './answer';
import { budgetCategoryWords } from './budget-category';
import { agreementSection } from '../agreements/agreements.pages';
import { reconciliationSection } from '../reconciliation/reconciliation.pages';
import { memberHoldNotice, memberPaymentStatus, paymentAmount } from '../payments/payments.pages';

export function homePage(page: PageContext, calls: Call[]): string {
  const { t, locale } = page;
  const items = calls.map(
    (call) => html`<li class="web-card">
      <h3><a href="/calls/${call.id}">${call.title?.[locale] ?? ''}</a></h3>
      <p>${call.description?.[locale] ?? ''}</p>
      <p>${t('home.closes', { date: call.closesAt ? formatInstant(locale, call.closesAt) : '' })}</p>
      <p>${t('home.range', { min: formatMoney(locale, call.minRequestCents ?? 0), max: formatMoney(locale, call.maxRequestCents ?? 0) })}</p>
    </li>`,
  );
  return layout(page, {
    title: t('home.title'),
    body: html`<p class="ontario-lead-statement">${t('home.intro')}</p>
<h2>${t('home.openCalls')}</h2>
${calls.length === 0 ? html`<p>${t('home.noOpenCalls')}</p>` : html`<ul class="web-cards">${items}</ul>`}`,
  });
}

export interface SignInForm {
  email: string;
  errors: FieldError[];
  notice?: MessageKey | null;
  next: string;
}

export function signInPage(page: PageContext, form: SignInForm): string {
  const { t } = page;
  const errorOf = (field: string): string | undefined => form.errors.find((error) => error.field === field)?.message;
  return layout(page, {
    title: t('signIn.title'),
    notice: form.notice ? { kind: 'informational', text: t(form.notice) } : null,
    body: html`${errorSummary(t('errors.summary'), form.errors)}
<form method="post" action="/sign-in" novalidate>
  ${page.csrfField}
  <input type="hidden" name="next" value="${form.next}">
  ${textField({ name: 'email', label: t('signIn.email'), type: 'email', value: form.email, autocomplete: 'username', error: errorOf('email') })}
  ${textField({ name: 'password', label: t('signIn.password'), type: 'password', autocomplete: 'current-password', error: errorOf('password') })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('signIn.submit')}</button>
</form>
<p><a href="/password-reset">${t('signIn.forgot')}</a></p>
<p><a href="/register">${t('signIn.noAccount')}</a></p>`,
  });
}

/** Where a row of "My applications" leads: a draft to its task list, anything sent to what was sent; staff to the office's page of it. */
function applicationPath(page: PageContext, application: ApplicationSummary): string {
  if (statusViewerOf(page.actor) === 'staff') return `/officer/applications/${application.id}`;
  return isEditable(application.status) ? `/applications/${application.id}/edit` : `/applications/${application.id}`;
}

export function applicationsPage(page: PageContext, applications: ApplicationSummary[], notice: MessageKey | null = null): string {
  const { t } = page;
  const rows = applications.map(
    (application) => html`<tr>
      <td>${application.referenceNumber ?? '—'}</td>
      <td><a href="${applicationPath(page, application)}">${application.title || t('applications.untitled')}</a></td>
      <td>${application.organizationName}</td>
      <td>${statusWords(page, application.status)}</td>
      <td>${application.letterReady ? html`<a href="/api/v1/applications/${application.id}/letter">${t('applications.downloadLetter')}</a>` : '—'}</td>
      <td>${application.awardId ? html`<a href="/awards/${application.awardId}">${t('applications.openAward')}</a>` : '—'}</td>
    </tr>`,
  );
  return layout(page, {
    title: t('applications.title'),
    notice: notice ? { kind: 'success', text: t(notice) } : null,
    body:
      applications.length === 0
        ? html`<p>${t('applications.none')}</p>`
        : html`<div class="ontario-table-container"><table class="web-table">
  <thead><tr><th scope="col">${t('applications.reference')}</th><th scope="col">${t('applications.project')}</th><th scope="col">${t('applications.organization')}</th><th scope="col">${t('applications.status')}</th><th scope="col">${t('applications.letter')}</th><th scope="col">${t('applications.award')}</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div>`,
  });
}

/** What declining an award does, asked before it is done. */
export function declineAwardPage(page: PageContext, award: Award): string {
  const { t, locale } = page;
  return layout(page, {
    title: t('award.declineConfirm.title'),
    body: html`<p>${t('award.declineConfirm.body', { amount: formatMoney(locale, award.approvedCents) })}</p>
<p><strong>${t('award.declineConfirm.final')}</strong></p>
<form method="post" action="/awards/${award.id}/decline">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('award.declineConfirm.submit')}</button></div>
</form>
<p><a href="/awards/${award.id}">${t('award.declineConfirm.cancel')}</a></p>`,
  });
}

/** The organization's award; once accepted, where its agreement stands (`agreement`: null while it has none). */
export function awardPage(
  page: PageContext,
  award: Award,
  options: { isOwner: boolean; notice: MessageKey | null; agreement?: Agreement | null; reconciliation?: readonly YearReconciliationView[] },
): string {
  const { t, locale } = page;
  const payments = award.payments.map(
    (payment) => html`<tr><td>${payment.fiscalYear}</td><td>${formatDate(locale, payment.dueOn)}</td><td class="web-number">${paymentAmount(page, payment, 'member')}</td><td class="web-wrap">${memberPaymentStatus(page, payment)}</td></tr>`,
  );
  // Members file reports (anyone here who is not an officer is a member); officers review them.
  const canFile = award.status === 'accepted' && (options.isOwner || !(page.actor?.roles.includes('officer') ?? true));
  const reports = award.reports.map(
    (report) =>
      html`<tr><td>${t(`award.report.${report.kind}` as MessageKey, { period: report.period })}</td><td>${formatDate(locale, report.dueOn)}</td><td>${t(`award.report.${report.status}` as MessageKey)}${
        canFile && (report.status === 'due' || report.status === 'returned') ? html` <a href="/awards/${award.id}/reports/${report.id}/file">${t('report.fileLink')}</a>` : ''
      }</td></tr>`,
  );
  const respond: SafeHtml | string =
    award.status !== 'offered'
      ? ''
      : options.isOwner
        ? html`<h2>${t('award.respond')}</h2>
<p>${t('award.acceptBy', { date: formatInstant(locale, award.acceptBy) })}</p>
<div class="web-actions">
  <form method="post" action="/awards/${award.id}/accept">${page.csrfField}<button type="submit" class="ontario-button ontario-button--primary">${t('award.accept')}</button></form>
  <a class="ontario-button ontario-button--secondary" href="/awards/${award.id}/decline/confirm">${t('award.decline')}</a>
</div>`
        : html`<p>${t('award.ownersOnly')}</p>`;
  return layout(page, {
    title: t('award.title', { reference: award.referenceNumber ?? '' }),
    notice: options.notice ? { kind: 'success', text: t(options.notice) } : null,
    body: html`${memberHoldNotice(page, award.hold)}
<dl class="web-facts">
  <dt>${t('award.amount')}</dt><dd>${formatMoney(locale, award.approvedCents)}</dd>
  <dt>${t('award.status')}</dt><dd>${t(`award.status.${award.status}` as MessageKey)}</dd>
</dl>
<p><a href="/api/v1/applications/${award.applicationId}/letter">${t('award.letter')}</a></p>
${respond}
${award.status === 'accepted' ? agreementSection(page, award.id, options.agreement ?? null) : ''}
<h2>${t('award.conditions')}</h2>
<p class="web-preserve">${award.conditions || t('award.noConditions')}</p>
<h2>${t('award.payments')}</h2>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('award.payments.caption')}</caption>
  <thead><tr><th scope="col">${t('award.fiscalYear')}</th><th scope="col">${t('award.dueOn')}</th><th scope="col" class="web-number">${t('award.paymentAmount')}</th><th scope="col">${t('award.paymentStatus')}</th></tr></thead>
  <tbody>${payments}</tbody>
  <tfoot><tr><th scope="row" colspan="2">${t('award.total')}</th><td class="web-number">${formatMoney(locale, award.approvedCents)}</td><td></td></tr></tfoot>
</table></div>
<h2>${t('award.reports')}</h2>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('award.reports.caption')}</caption>
  <thead><tr><th scope="col">${t('award.report.kind')}</th><th scope="col">${t('award.dueOn')}</th><th scope="col">${t('award.report.status')}</th></tr></thead>
  <tbody>${reports}</tbody>
</table></div>
${options.reconciliation ? reconciliationSection(page, award.id, options.reconciliation, false) : ''}`,
  });
}

export interface RegisterForm {
  name: string;
  email: string;
  errors: FieldError[];
  sentTo: string | null;
}

export function registerPage(page: PageContext, form: RegisterForm): string {
  const { t } = page;
  const errorOf = (field: string): string | undefined => form.errors.find((error) => error.field === field)?.message;
  if (form.sentTo) {
    return layout(page, { title: t('register.title'), notice: { kind: 'success', text: t('register.sent', { email: form.sentTo }) }, body: html`<p><a href="/sign-in">${t('site.signIn')}</a></p>` });
  }
  return layout(page, {
    title: t('register.title'),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
<p>${t('register.body')}</p>
<form method="post" action="/register" novalidate>
  ${page.csrfField}
  ${textField({ name: 'name', label: t('register.name'), value: form.name, autocomplete: 'name', error: errorOf('name') })}
  ${textField({ name: 'email', label: t('register.email'), type: 'email', value: form.email, autocomplete: 'email', error: errorOf('email') })}
  ${textField({ name: 'password', label: t('register.password'), type: 'password', autocomplete: 'new-password', hint: t('register.passwordHint'), error: errorOf('password') })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('register.submit')}</button>
</form>
<p><a href="/sign-in">${t('register.haveAccount')}</a></p>`,
  });
}

export function verifyEmailPage(page: PageContext, token: string, invalid: boolean): string {
  const { t } = page;
  return layout(page, {
    title: t('verify.title'),
    body: invalid
      ? html`${errorSummary(t('errors.summary'), [{ field: 'verify', message: t('verify.invalid') }])}<p id="verify"><a href="/sign-in">${t('site.signIn')}</a></p>`
      : html`<p>${t('verify.body')}</p>
<form method="post" action="/verify-email">${page.csrfField}<input type="hidden" name="token" value="${token}">
  <button type="submit" class="ontario-button ontario-button--primary">${t('verify.submit')}</button>
</form>`,
  });
}

export function passwordResetPage(page: PageContext, form: { email: string; errors: FieldError[]; sent: boolean }): string {
  const { t } = page;
  return layout(page, {
    title: t('reset.title'),
    notice: form.sent ? { kind: 'success', text: t('reset.sent') } : null,
    body: html`${errorSummary(t('errors.summary'), form.errors)}
<p>${t('reset.body')}</p>
<form method="post" action="/password-reset" novalidate>
  ${page.csrfField}
  ${textField({ name: 'email', label: t('signIn.email'), type: 'email', value: form.email, autocomplete: 'email', error: form.errors.find((error) => error.field === 'email')?.message })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('reset.submit')}</button>
</form>`,
  });
}

export function passwordResetConfirmPage(page: PageContext, form: { token: string; errors: FieldError[] }): string {
  const { t } = page;
  return layout(page, {
    title: t('reset.confirm.title'),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
<form method="post" action="/password-reset/confirm" novalidate>
  ${page.csrfField}
  <input type="hidden" name="token" value="${form.token}">
  ${textField({ name: 'password', label: t('reset.confirm.password'), type: 'password', autocomplete: 'new-password', hint: t('reset.confirm.hint'), error: form.errors.find((error) => error.field === 'password')?.message })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('reset.confirm.submit')}</button>
</form>`,
  });
}

export interface ApplicationPageData {
  application: Application;
  callTitle: string;
  /** What was sent, every version; the one shown (the latest unless another was asked for). */
  sent?: { versions: SnapshotView[]; shown: SnapshotView | null; call: Pick<Call, 'form' | 'requiredAttachments'> };
  /** An owner, while the application can still be withdrawn. */
  mayWithdraw?: boolean;
  notice?: MessageKey | null;
}

export function applicationPage(page: PageContext, data: ApplicationPageData): string {
  const { t, locale } = page;
  const { application } = data;
  const screening = application.screening;
  return layout(page, {
    title: application.referenceNumber ? t('application.title', { reference: application.referenceNumber }) : t('application.draftTitle'),
    body: html`<dl class="web-facts">
  <dt>${t('applications.project')}</dt><dd>${application.title}</dd>
  <dt>${t('application.call')}</dt><dd>${data.callTitle}</dd>
  <dt>${t('application.organization')}</dt><dd>${application.organizationName}</dd>
  <dt>${t('application.status')}</dt><dd>${statusWords(page, application.status)}</dd>
  ${application.submittedAt ? html`<dt>${t('application.submittedAt')}</dt><dd>${formatInstant(locale, application.submittedAt)}</dd>` : ''}
  <dt>${t('application.requested')}</dt><dd>${formatMoney(locale, application.requestedCents)}</dd>
</dl>
${screening && screening.outcome !== 'eligible' ? html`<h2>${t('application.screening')}</h2><p class="web-preserve">${screening.reason}</p>${screening.respondBy ? html`<p>${t('application.respondBy', { date: formatInstant(locale, screening.respondBy) })}</p>` : ''}` : ''}
${application.status === 'draft' || application.status === 'information_requested' ? html`<p><a class="ontario-button ontario-button--primary" href="/applications/${application.id}/edit">${t('apply.continue')}</a></p>` : ''}
${application.letterReady ? html`<p><a href="/api/v1/applications/${application.id}/letter">${t('applications.downloadLetter')}</a></p>` : ''}
${application.awardId ? html`<p><a href="/awards/${application.awardId}">${t('applications.openAward')}</a></p>` : ''}
${data.sent ? sentSection(page, application.id, data.sent) : ''}
${data.mayWithdraw ? html`<p><a class="ontario-button ontario-button--secondary" href="/applications/${application.id}/withdraw/confirm">${t('application.withdraw.button')}</a></p>` : ''}`,
    notice: data.notice ? { kind: 'success', text: t(data.notice) } : null,
  });
}

/** What was sent in one version: the answers by section, the budget with its total, the documents; and the other versions. */
function sentSection(page: PageContext, id: string, sent: NonNullable<ApplicationPageData['sent']>): SafeHtml | string {
  const { t, locale } = page;
  const { shown, versions, call } = sent;
  if (!shown) return '';
  const latest = versions[versions.length - 1]?.version;
  const { content } = shown;
  const words = { none: t('screening.answer.none'), yes: t('screening.yes'), no: t('screening.no') };
  const sections = (call.form?.sections ?? []).map(
    (section) => html`<h3>${section.title[locale]}</h3>
<dl>${section.questions.map((question) => html`<dt><strong>${question.label[locale]}</strong></dt><dd class="web-preserve">${answerText(locale, question, content.answers[question.key], words)}</dd>`)}</dl>`,
  );
  const budget =
    content.budget.length === 0
      ? html`<p>${t('screening.budget.none')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('screening.budget.caption')}</caption>
  <thead><tr><th scope="col">${t('screening.budget.fiscalYear')}</th><th scope="col">${t('screening.budget.category')}</th><th scope="col">${t('screening.budget.description')}</th><th scope="col" class="web-number">${t('screening.budget.amount')}</th></tr></thead>
  <tbody>${content.budget.map(
    (line) => html`<tr><td>${line.fiscalYear}</td><td>${budgetCategoryWords(page, line.category)}</td><td>${line.description}</td><td class="web-number">${formatMoney(locale, line.amountCents)}</td></tr>`,
  )}</tbody>
  <tfoot><tr><th scope="row" colspan="3">${t('screening.budget.total')}</th><td class="web-number">${formatMoney(locale, content.requestedCents)}</td></tr></tfoot>
</table></div>`;
  const labels = new Map((call.requiredAttachments ?? []).map((attachment) => [attachment.key, attachment.label[locale]]));
  const attachments =
    content.attachments.length === 0
      ? html`<p>${t('screening.attachments.none')}</p>`
      : html`<ul>${content.attachments.map((attachment) => html`<li>${labels.get(attachment.key) ?? attachment.key}: <a href="/api/v1/applications/${id}/attachments/${attachment.id}">${attachment.filename}</a></li>`)}</ul>`;
  const others =
    versions.length < 2
      ? ''
      : html`<h3>${t('application.sent.versions')}</h3>
<ul>${[...versions].reverse().map((version) => {
          const label = t('application.sent.versionOn', { version: String(version.version), date: formatInstant(locale, version.submittedAt) });
          const href = version.version === latest ? `/applications/${id}` : `/applications/${id}?version=${version.version}`;
          return version.version === shown.version ? html`<li aria-current="page"><strong>${label}</strong></li>` : html`<li><a href="${href}">${label}</a></li>`;
        })}</ul>`;
  return html`<h2 id="sent">${t('application.sent.heading', { version: String(shown.version), date: formatInstant(locale, shown.submittedAt) })}</h2>
${shown.version !== latest ? html`<p>${t('application.sent.earlier')}</p>` : ''}
<p><a href="${submissionPdfPath(id, shown.version)}">${t('application.sent.pdf')}</a></p>
<h3>${t('applications.project')}</h3>
<p>${content.title}</p>
<h3>${t('screening.content.summary')}</h3>
<p class="web-preserve">${content.summary || t('screening.answer.none')}</p>
${sections}
<h3>${t('screening.budget.heading')}</h3>
${budget}
<h3>${t('screening.attachments.heading')}</h3>
${attachments}
${others}`;
}

function submissionPdfPath(id: string, version: number): string {
  return `/applications/${id}/versions/${version}/pdf`;
}

/**
 * A version's PDF is made in the background: until it is, this says so and offers to try again, with
 * no script. When making it failed for good (and it was just tried again), it says so, and whom to tell.
 */
export function submissionPdfPreparingPage(page: PageContext, id: string, version: number, status: SubmissionPdfStatus): string {
  const { t } = page;
  const intro =
    status === 'retrying'
      ? html`<p>${t('application.pdf.retrying.body', { version: String(version) })}</p>
<p>${officeContact(page, 'application.pdf.retrying.writeTo')}</p>`
      : html`<p>${t('application.pdf.preparing.body', { version: String(version) })}</p>`;
  return layout(page, {
    title: t(status === 'retrying' ? 'application.pdf.retrying.title' : 'application.pdf.preparing.title'),
    body: html`${intro}
<p><a class="ontario-button ontario-button--primary" href="${submissionPdfPath(id, version)}">${t('application.pdf.preparing.again')}</a></p>
<p><a href="/applications/${id}?version=${version}">${t('application.pdf.preparing.back')}</a></p>`,
  });
}

/** Withdrawing asks first, and says what will happen. */
export function withdrawApplicationPage(page: PageContext, application: Application, errors: FieldError[] = []): string {
  const { t } = page;
  return layout(page, {
    title: t('application.withdraw.title'),
    body: html`${errorSummary(t('application.withdraw.problem'), errors)}
<p>${t('application.withdraw.body', { reference: application.referenceNumber ?? '' })}</p>
<p><strong>${t('application.withdraw.final')}</strong></p>
<form method="post" action="/applications/${application.id}/withdraw" id="withdraw">
  ${page.csrfField}
  <div class="web-actions"><button type="submit" class="ontario-button ontario-button--primary">${t('application.withdraw.submit')}</button></div>
</form>
<p><a href="/applications/${application.id}">${t('application.withdraw.cancel')}</a></p>`,
  });
}

export function errorPage(page: PageContext, status: number, errorId: string | null, csrf = false, code = 'BAD_REQUEST'): string {
  const { t } = page;
  if (status === 400) return layout(page, { title: t('errors.badRequest.title'), body: html`<p>${t('errors.badRequest.body', { code })}</p>` });
  if (status === 404) return layout(page, { title: t('errors.notFound.title'), body: html`<p>${t('errors.notFound.body')}</p>` });
  if (status === 403) return layout(page, { title: t('errors.forbidden.title'), body: html`<p>${t(csrf ? 'errors.csrf' : 'errors.forbidden.body')}</p>` });
  if (status === 429) return layout(page, { title: t('errors.tooManyRequests.title'), body: html`<p>${t('errors.tooManyRequests.body')}</p>` });
  return layout(page, { title: t('errors.generic.title'), body: html`<p>${t('errors.generic.body', { errorId: errorId ?? '' })}</p>` });
}
