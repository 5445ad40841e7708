import { Agreement, AgreementListing, AgreementSignature, AgreementVersionSummary, AmendmentProblem } from '@grants/awards';
import { formatDate, formatInstant, formatMoney } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { budgetCategoryWords } from '../views/budget-category';
import { errorFor, errorSummary, FieldError, pagination, textareaField, textField } from '../views/form';
import { catalogNotice, layout } from '../views/layout';
import { AGREEMENT_CONDITIONS, AMENDMENT_REASON, AmendmentFormProblem, AmendmentFormValues, fieldOfProblem, budgetField, dueOnField, instalmentField, SIGNER_NAME, SIGNER_TITLE, SignFormValues } from './agreement-form';

/** The API's route serves a version's PDF to the pages too: it reads the same session cookie, as the award letter's link does. */
export function agreementPdfPath(awardId: string, version: number): string {
  return `/api/v1/awards/${awardId}/agreement/pdf?version=${version}`;
}

/** Whether the reader belongs to the organization (the words say "your organization") or is staff. */
function isStaffReader(page: PageContext): boolean {
  return page.actor !== null && page.actor.roles.some((role) => role === 'officer' || role === 'approver');
}

/** The SHA-256 in groups of eight, each a place where the line may break: 64 characters never scroll sideways on a phone. */
export function fingerprint(sha256: string): SafeHtml {
  const groups = sha256.match(/.{1,8}/g) ?? [];
  return html`<code>${groups.map((group, index) => html`${index > 0 ? html`<wbr>` : ''}${group}`)}</code>`;
}

/** The latest version's state in words: what it waits for, or since when it is in force. */
export function agreementStatusWords(page: PageContext, agreement: Pick<Agreement, 'status' | 'version' | 'provinceSignature'>): string {
  const { t, locale } = page;
  switch (agreement.status) {
    case 'generating':
      return t('agreement.now.generating', { version: agreement.version });
    case 'awaiting_recipient':
      return t(isStaffReader(page) ? 'agreement.now.awaiting_recipient.staff' : 'agreement.now.awaiting_recipient.member');
    case 'awaiting_province':
      return t('agreement.now.awaiting_province');
    case 'executed':
      return t('agreement.now.executed', { date: agreement.provinceSignature ? formatInstant(locale, agreement.provinceSignature.signedAt) : '' });
    case 'superseded':
      return t('agreement.now.superseded');
  }
}

function nextWords(page: PageContext, agreement: Agreement): string {
  const { t, locale } = page;
  switch (agreement.status) {
    case 'generating':
      return t('agreement.next.generating');
    case 'awaiting_recipient':
      return t(isStaffReader(page) ? 'agreement.next.awaiting_recipient.staff' : 'agreement.next.awaiting_recipient.member', { version: agreement.version });
    case 'awaiting_province':
      return t('agreement.next.awaiting_province', { name: agreement.recipientSignature?.name ?? '', date: agreement.recipientSignature ? formatInstant(locale, agreement.recipientSignature.signedAt) : '' });
    case 'executed':
    case 'superseded':
      return t('agreement.next.executed', { version: agreement.version });
  }
}

function signedBy(page: PageContext, signature: AgreementSignature | null): string {
  return signature ? page.t('agreement.signedBy', { name: signature.name, title: signature.title, date: formatInstant(page.locale, signature.signedAt) }) : page.t('agreement.versions.notYet');
}

function pdfLink(page: PageContext, agreement: Pick<Agreement, 'awardId' | 'version' | 'pdfSha256'>): SafeHtml {
  const { t } = page;
  if (!agreement.pdfSha256) return html`<p>${t('agreement.next.generating')}</p>`;
  return html`<p><a href="${agreementPdfPath(agreement.awardId, agreement.version)}">${t('agreement.pdf', { version: agreement.version })}</a></p>
<dl class="web-facts"><dt>${t('agreement.sha256')}</dt><dd>${fingerprint(agreement.pdfSha256)}</dd></dl>`;
}

function title(page: PageContext, agreement: Pick<Agreement, 'referenceNumber'>): string {
  return page.t('agreement.title', { reference: agreement.referenceNumber ?? '' });
}

/** The agreement: where it stands, what happens next, its schedules as they are in this version, every version and what the reader may do. */
export function agreementPage(page: PageContext, agreement: Agreement, notice: MessageKey | null): string {
  const { t } = page;
  const pending = agreement.inForceVersion !== null && agreement.inForceVersion !== agreement.version;
  const base = `/awards/${agreement.awardId}/agreement`;
  const actions = [
    agreement.can.sign ? html`<a class="ontario-button ontario-button--primary" href="${base}/sign">${t('agreement.signButton')}</a>` : '',
    agreement.can.countersign ? html`<a class="ontario-button ontario-button--primary" href="${base}/countersign">${t('agreement.countersignButton')}</a>` : '',
    agreement.can.amend ? html`<a class="ontario-button ontario-button--secondary" href="/awards/${agreement.awardId}/amendments/new">${t('agreement.amendButton')}</a>` : '',
  ].filter((action) => action !== '');
  return layout(page, {
    title: title(page, agreement),
    notice: catalogNotice(page, notice),
    body: html`<dl class="web-facts">
  <dt>${t('agreement.organization')}</dt><dd>${agreement.organizationName}</dd>
  <dt>${t('agreement.version')}</dt><dd>${agreement.version}</dd>
  <dt>${t('agreement.status')}</dt><dd><strong>${agreementStatusWords(page, agreement)}</strong></dd>
  <dt>${t('agreement.inForce')}</dt><dd>${agreement.inForceVersion ?? t('agreement.inForceNone')}</dd>
  <dt>${t('agreement.total')}</dt><dd>${formatMoney(page.locale, agreement.totalCents)}</dd>
  ${agreement.reason ? html`<dt>${t('agreement.reason')}</dt><dd class="web-preserve">${agreement.reason}</dd>` : ''}
</dl>
<p>${nextWords(page, agreement)}</p>
${pending ? html`<div class="ontario-alert ontario-alert--informational"><div class="ontario-alert__body"><p>${t('agreement.pending', { version: agreement.version, inForce: agreement.inForceVersion ?? '' })}</p></div></div>` : ''}
${pdfLink(page, agreement)}
${actions.length > 0 ? html`<h2>${t('agreement.actions')}</h2><div class="web-actions">${actions}</div>` : ''}
<h2>${t('agreement.schedules', { version: agreement.version })}</h2>
${schedulesSection(page, agreement.schedules)}
<h2>${t('agreement.versions')}</h2>
${versionsTable(page, agreement.awardId, agreement.versions)}
${backLink(page, agreement.awardId)}`,
  });
}

/** Back to where the reader follows the award: the organization's award page, the officer's, or the approver's list. */
function backLink(page: PageContext, awardId: string): SafeHtml {
  const roles = page.actor?.roles ?? [];
  if (!isStaffReader(page)) return html`<p><a href="/awards/${awardId}">${page.t('agreement.backToAward')}</a></p>`;
  return roles.includes('officer') ? html`<p><a href="/officer/awards/${awardId}">${page.t('agreement.backToAward')}</a></p>` : html`<p><a href="/agreements">${page.t('nav.agreements')}</a></p>`;
}

function schedulesSection(page: PageContext, schedules: AgreementSchedules): SafeHtml {
  const { t, locale } = page;
  const { a, b, c, d, e, f } = schedules;
  return html`<h3>${t('agreement.scheduleA', { termsVersion: a.termsVersion })}</h3>
${a.clauses.map((clause) => html`<details class="web-criteria"><summary>${clause.heading[locale]}</summary><p class="web-preserve">${clause.text[locale]}</p></details>`)}
<h3>${t('agreement.scheduleB')}</h3>
<p class="web-preserve">${b.conditions.trim() || t('agreement.noConditions')}</p>
<h3>${t('agreement.scheduleC')}</h3>
<dl class="web-facts">
  <dt>${t('agreement.project')}</dt><dd>${c.title}</dd>
  <dt>${t('agreement.description')}</dt><dd class="web-preserve">${c.description}</dd>
  <dt>${t('agreement.startsOn')}</dt><dd>${formatDate(locale, c.startsOn)}</dd>
  <dt>${t('agreement.endsOn')}</dt><dd>${formatDate(locale, c.endsOn)}</dd>
  <dt>${t('agreement.measures')}</dt><dd>${c.outcomeMeasures.length === 0 ? t('agreement.noMeasures') : html`<ul>${c.outcomeMeasures.map((measure) => html`<li>${measure.label[locale]}</li>`)}</ul>`}</dd>
</dl>
<h3>${t('agreement.scheduleD')}</h3>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('agreement.budget.caption')}</caption>
  <thead><tr><th scope="col">${t('agreement.fiscalYear')}</th><th scope="col">${t('agreement.category')}</th><th scope="col" class="web-number">${t('agreement.amount')}</th></tr></thead>
  <tbody>${d.lines.map((line) => html`<tr><td>${line.fiscalYear}</td><td>${budgetCategoryWords(page, line.category)}</td><td class="web-number">${formatMoney(locale, line.amountCents)}</td></tr>`)}</tbody>
  <tfoot><tr><th scope="row" colspan="2">${t('agreement.total')}</th><td class="web-number">${formatMoney(locale, d.totalCents)}</td></tr></tfoot>
</table></div>
<h3>${t('agreement.scheduleE')}</h3>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('agreement.plan.caption')}</caption>
  <thead><tr><th scope="col">${t('agreement.plan.instalment')}</th><th scope="col">${t('agreement.fiscalYear')}</th><th scope="col">${t('agreement.plan.dueOn')}</th><th scope="col" class="web-number">${t('agreement.amount')}</th><th scope="col">${t('agreement.plan.condition')}</th></tr></thead>
  <tbody>${e.instalments.map(
    (instalment, index) =>
      html`<tr><td>${index + 1}</td><td>${instalment.fiscalYear}</td><td>${formatDate(locale, instalment.dueOn)}</td><td class="web-number">${formatMoney(locale, instalment.amountCents)}</td><td>${t(`agreement.condition.${instalment.condition}`)}</td></tr>`,
  )}</tbody>
</table></div>
${e.holdbackCents > 0 ? html`<p>${t('agreement.holdback', { amount: formatMoney(locale, e.holdbackCents), percent: e.holdbackPercent })}</p>` : ''}
<h3>${t('agreement.scheduleF')}</h3>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('agreement.reports.caption')}</caption>
  <thead><tr><th scope="col">${t('agreement.reports.kind')}</th><th scope="col">${t('agreement.reports.dueOn')}</th></tr></thead>
  <tbody>${f.reports.map((report) => html`<tr><td>${t(`award.report.${report.kind}`, { period: report.period })}</td><td>${formatDate(locale, report.dueOn)}</td></tr>`)}</tbody>
</table></div>`;
}

function versionsTable(page: PageContext, awardId: string, versions: AgreementVersionSummary[]): SafeHtml {
  const { t } = page;
  return html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('agreement.versions.caption')}</caption>
  <thead><tr><th scope="col">${t('agreement.version')}</th><th scope="col">${t('agreement.versions.status')}</th><th scope="col">${t('agreement.versions.reason')}</th><th scope="col">${t('agreement.versions.recipient')}</th><th scope="col">${t('agreement.versions.province')}</th><th scope="col">${t('agreement.versions.pdf')}</th></tr></thead>
  <tbody>${versions.map(
    (version) => html`<tr>
    <td>${version.version}</td>
    <td>${t(`agreement.versionStatus.${version.status}`)}</td>
    <td class="web-wrap web-preserve">${version.reason ?? t('agreement.versions.first')}</td>
    <td class="web-wrap">${signedBy(page, version.recipientSignature)}</td>
    <td class="web-wrap">${signedBy(page, version.provinceSignature)}</td>
    <td>${version.pdfSha256 ? html`<a href="${agreementPdfPath(awardId, version.version)}">${t('agreement.versions.pdfLink', { version: version.version })}</a>` : t('agreement.versions.notReady')}</td>
  </tr>`,
  )}</tbody>
</table></div>`;
}

/** The award pages' short section: where the agreement stands, and the way to it. */
export function agreementSection(page: PageContext, awardId: string, agreement: Agreement | null): SafeHtml {
  const { t } = page;
  return html`<h2 id="agreement">${t('agreement.section')}</h2>
<p>${agreement ? html`<strong>${agreementStatusWords(page, agreement)}</strong>${agreement.inForceVersion !== null && agreement.inForceVersion !== agreement.version ? html` ${t('agreement.pending', { version: agreement.version, inForce: agreement.inForceVersion })}` : ''}` : t('agreement.none')}</p>
<p><a href="/awards/${awardId}/agreement">${t('agreement.open')}</a></p>`;
}

// ---- signing ----

/**
 * The signature form. Posted again, it keeps the version and PDF the signer was shown: after a
 * refusal because another version or PDF now waits, signing still needs the agreement read again.
 */
export function signPage(page: PageContext, agreement: Agreement, form: { values: SignFormValues; errors: FieldError[] }): string {
  const { t } = page;
  const { values, errors } = form;
  const attestError = errorFor(errors, 'attest');
  const reread = errors.some((error) => error.field === 'reread');
  return layout(page, {
    title: t('agreement.sign.title', { version: agreement.version }),
    body: html`${errorSummary(t('agreement.sign.problem'), errors)}
${reread ? html`<p id="reread"><a href="/awards/${agreement.awardId}/agreement">${t('agreement.reread')}</a></p>` : ''}
<p>${t('agreement.sign.intro', { organization: agreement.organizationName, version: agreement.version })}</p>
${pdfLink(page, agreement)}
<p>${t('agreement.sign.after')}</p>
<form method="post" action="/awards/${agreement.awardId}/agreement/sign" novalidate>
  ${page.csrfField}
  <input type="hidden" name="version" value="${values.version ?? agreement.version}">
  <input type="hidden" name="pdfSha256" value="${values.pdfSha256 || (agreement.pdfSha256 ?? '')}">
  ${textField({ name: 'name', label: t('agreement.sign.name'), value: values.name, autocomplete: 'name', error: errorFor(errors, 'name'), maxLength: SIGNER_NAME.maxLength })}
  ${textField({ name: 'title', label: t('agreement.sign.titleField'), hint: t('agreement.sign.titleHint'), value: values.title, autocomplete: 'organization-title', error: errorFor(errors, 'title'), maxLength: SIGNER_TITLE.maxLength })}
  <div class="ontario-form-group">
    <fieldset class="ontario-fieldset"${attestError ? html` aria-describedby="attest-error"` : ''}>
      <legend class="ontario-fieldset__legend">${t('agreement.sign.attestLegend')}</legend>
      ${attestError ? html`<p class="ontario-error-messaging" id="attest-error"><span class="ontario-error-messaging__content">${attestError}</span></p>` : ''}
      <div class="ontario-checkboxes"><div class="ontario-checkboxes__item">
        <input class="ontario-checkboxes__input" id="attest" name="attest" type="checkbox" value="yes"${values.attest ? html` checked` : ''}>
        <label class="ontario-checkboxes__label" for="attest">${t('agreement.sign.attest', { organization: agreement.organizationName, version: agreement.version })}</label>
      </div></div>
    </fieldset>
  </div>
  <button type="submit" class="ontario-button ontario-button--primary">${t('agreement.sign.submit')}</button>
</form>
<p><a href="/awards/${agreement.awardId}/agreement">${t('agreement.sign.cancel')}</a></p>`,
  });
}

export function emptySignForm(): SignFormValues {
  return { name: '', title: '', attest: false, version: null, pdfSha256: '' };
}

/** A refusal of the service, beside the form or as a message with a link to read the agreement again. */
export function signRefusal(page: PageContext, key: MessageKey, params: Record<string, string | number> = {}): FieldError {
  return { field: key === 'agreement.error.stale' || key === 'agreement.error.pdfChanged' || key === 'agreement.error.version' ? 'reread' : 'name', message: page.t(key, params) };
}

// ---- counter-signing ----

export function countersignPage(page: PageContext, agreement: Agreement, form: { title: string; errors: FieldError[] }): string {
  const { t, locale } = page;
  const signature = agreement.recipientSignature;
  return layout(page, {
    title: t('agreement.countersign.title', { version: agreement.version }),
    body: html`${errorSummary(t('agreement.countersign.problem'), form.errors)}
${signature ? html`<p>${t('agreement.countersign.intro', { version: agreement.version, organization: agreement.organizationName, name: signature.name, title: signature.title, date: formatInstant(locale, signature.signedAt) })}</p>` : ''}
${agreement.reason ? html`<dl class="web-facts"><dt>${t('agreement.reason')}</dt><dd class="web-preserve">${agreement.reason}</dd></dl>` : ''}
${pdfLink(page, agreement)}
<p>${t('agreement.countersign.effect')}</p>
<form method="post" action="/awards/${agreement.awardId}/agreement/countersign" novalidate>
  ${page.csrfField}
  <input type="hidden" name="version" value="${agreement.version}">
  ${textField({ name: 'title', label: t('agreement.countersign.titleField'), hint: t('agreement.countersign.titleHint'), value: form.title, autocomplete: 'organization-title', error: errorFor(form.errors, 'title'), maxLength: SIGNER_TITLE.maxLength })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('agreement.countersign.submit')}</button>
</form>
<p><a href="/awards/${agreement.awardId}/agreement">${t('agreement.sign.cancel')}</a></p>`,
  });
}

// ---- an amendment ----

export interface AmendmentPageData {
  agreement: Agreement;
  /** The schedules in force: what the form starts from and is compared with. */
  inForce: AgreementSchedules;
  /** Instalments already paid, by position in schedule E: shown, not editable. */
  paid: ReadonlySet<number>;
  values: AmendmentFormValues;
  errors: FieldError[];
}

export function amendmentPage(page: PageContext, data: AmendmentPageData): string {
  const { t, locale } = page;
  const { agreement, inForce, values, errors } = data;
  const total = formatMoney(locale, inForce.d.totalCents);
  const cellError = (name: string): SafeHtml | string => {
    const message = errorFor(errors, name);
    return message ? html`<p class="ontario-error-messaging" id="${name}-error"><span class="ontario-error-messaging__content">${message}</span></p>` : '';
  };
  const input = (name: string, label: string, value: string, width: string): SafeHtml =>
    html`<label class="ontario-show-for-sr" for="${name}">${label}</label>${cellError(name)}<input class="ontario-input ontario-input--${width}${errorFor(errors, name) ? ' ontario-input--error' : ''}" id="${name}" name="${name}" type="text" value="${value}"${
      errorFor(errors, name) ? html` aria-invalid="true" aria-describedby="${name}-error"` : ''
    }>`;
  return layout(page, {
    title: t('amendment.title', { reference: agreement.referenceNumber ?? '' }),
    body: html`${errorSummary(t('amendment.problem'), errors)}
<p>${t('amendment.intro', { version: agreement.version + 1, inForce: agreement.inForceVersion ?? agreement.version, total })}</p>
<form method="post" action="/awards/${agreement.awardId}/amendments/new" novalidate>
  ${page.csrfField}
  ${textareaField({ name: 'reason', label: t('amendment.reason'), hint: t('amendment.reasonHint'), value: values.reason, error: errorFor(errors, 'reason'), rows: 3, maxLength: AMENDMENT_REASON.maxLength })}
  ${textareaField({ name: 'conditions', label: t('amendment.conditions'), value: values.conditions, error: errorFor(errors, 'conditions'), rows: 4, maxLength: AGREEMENT_CONDITIONS.maxLength })}
  ${textField({ name: 'endsOn', label: t('amendment.endsOn'), hint: t('amendment.dateHint'), value: values.endsOn, error: errorFor(errors, 'endsOn'), width: '10-char-width' })}
  <h2>${t('amendment.budget')}</h2>
  <div class="ontario-table-container"><table class="web-table">
    <caption>${t('amendment.budget.caption', { total })}</caption>
    <thead><tr><th scope="col">${t('agreement.fiscalYear')}</th><th scope="col">${t('agreement.category')}</th><th scope="col">${t('agreement.amount')}</th></tr></thead>
    <tbody>${inForce.d.lines.map((line, index) => {
      const category = budgetCategoryWords(page, line.category);
      return html`<tr><td>${line.fiscalYear}</td><td>${category}</td><td>${input(budgetField(index), t('amendment.budget.amountLabel', { category, fiscalYear: line.fiscalYear }), values.budget[index] ?? '', '10-char-width')}</td></tr>`;
    })}</tbody>
  </table></div>
  <h2>${t('amendment.plan')}</h2>
  <p class="ontario-hint">${t('amendment.dateHint')}</p>
  <div class="ontario-table-container"><table class="web-table">
    <caption>${t('amendment.plan.caption', { total })}</caption>
    <thead><tr><th scope="col">${t('agreement.plan.instalment')}</th><th scope="col">${t('agreement.fiscalYear')}</th><th scope="col">${t('agreement.plan.dueOn')}</th><th scope="col">${t('agreement.amount')}</th></tr></thead>
    <tbody>${inForce.e.instalments.map((instalment, index) => {
      const number = index + 1;
      if (data.paid.has(index)) {
        return html`<tr><td>${number}</td><td>${instalment.fiscalYear}</td><td>${formatDate(locale, instalment.dueOn)}</td><td>${formatMoney(locale, instalment.amountCents)} (${t('amendment.plan.paid')})</td></tr>`;
      }
      const dueOn = values.instalments[index]?.dueOn ?? '';
      const amount = values.instalments[index]?.amount ?? '';
      return html`<tr><td>${number}</td><td>${instalment.fiscalYear}</td><td>${input(dueOnField(index), t('amendment.plan.dueOnLabel', { number }), dueOn, '10-char-width')}</td><td>${input(instalmentField(index), t('amendment.plan.amountLabel', { number }), amount, '10-char-width')}</td></tr>`;
    })}</tbody>
  </table></div>
  <button type="submit" class="ontario-button ontario-button--primary">${t('amendment.submit')}</button>
</form>
<p><a href="/awards/${agreement.awardId}/agreement">${t('amendment.cancel')}</a></p>`,
  });
}

/** What is wrong with an amendment, in words, beside its field. */
export function amendmentError(page: PageContext, problem: AmendmentFormProblem): FieldError {
  const { t } = page;
  const number = 'index' in problem ? (problem.index ?? 0) + 1 : 1;
  switch (problem.kind) {
    case 'service':
      return serviceProblemError(page, problem.problem);
    case 'reasonTooLong':
      return { field: problem.field, message: t('amendment.error.reasonTooLong', { max: AMENDMENT_REASON.maxLength }) };
    case 'conditionsTooLong':
      return { field: problem.field, message: t('amendment.error.conditionsTooLong', { max: AGREEMENT_CONDITIONS.maxLength }) };
    case 'dueOnFormat':
      return { field: problem.field, message: t('amendment.error.dueOnFormat', { number }) };
    default:
      return { field: problem.field, message: t(`amendment.error.${problem.kind}`) };
  }
}

/** The service's 422 problems (details.problems), each beside the part of the form it is about. */
export function serviceProblemError(page: PageContext, problem: AmendmentProblem): FieldError {
  const { t, locale } = page;
  const field = fieldOfProblem(problem);
  switch (problem.code) {
    case 'BUDGET_TOTAL_CHANGED':
      return { field, message: t('amendment.error.BUDGET_TOTAL_CHANGED', { amount: formatMoney(locale, problem.budgetCents), total: formatMoney(locale, problem.totalCents) }) };
    case 'PAYMENT_PLAN_TOTAL_CHANGED':
      return { field, message: t('amendment.error.PAYMENT_PLAN_TOTAL_CHANGED', { amount: formatMoney(locale, problem.planCents), total: formatMoney(locale, problem.totalCents) }) };
    case 'INVALID_BUDGET_LINE':
    case 'INVALID_INSTALMENT':
      return { field, message: t(`amendment.error.${problem.code}`, { number: problem.index + 1 }) };
    case 'PAID_INSTALMENT_CHANGED':
      return { field, message: t('amendment.error.PAID_INSTALMENT_CHANGED', { number: problem.position + 1 }) };
    case 'INSTALMENT_BELOW_OFFSET':
      return { field, message: t('amendment.error.INSTALMENT_BELOW_OFFSET', { number: problem.position + 1, amount: formatMoney(locale, problem.offsetCents) }) };
    case 'PAYMENT_IN_APPROVAL':
      return { field, message: t('amendment.error.PAYMENT_IN_APPROVAL', { number: problem.position + 1 }) };
    case 'PAYMENT_PLAN_LENGTH_CHANGED':
      return { field, message: t('amendment.error.PAYMENT_PLAN_LENGTH_CHANGED', { count: problem.instalments }) };
    case 'END_BEFORE_START':
      return { field, message: t('amendment.error.END_BEFORE_START', { date: formatDate(locale, problem.startsOn) }) };
    case 'NOTHING_TO_AMEND':
      return { field, message: t('amendment.error.NOTHING_TO_AMEND') };
  }
}

// ---- the approvers' list ----

export function agreementsPage(page: PageContext, data: { items: AgreementListing[]; nextCursor: string | null }): string {
  const { t, locale } = page;
  return layout(page, {
    title: t('agreements.title'),
    body: html`<p>${t('agreements.intro')}</p>
${
  data.items.length === 0
    ? html`<p>${t('agreements.none')}</p>`
    : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('agreements.caption')}</caption>
  <thead><tr><th scope="col">${t('agreements.organization')}</th><th scope="col">${t('agreements.reference')}</th><th scope="col">${t('agreements.version')}</th><th scope="col">${t('agreement.versions.reason')}</th><th scope="col">${t('agreements.signed')}</th><th scope="col" class="web-number">${t('agreements.total')}</th><th scope="col">${t('agreements.open')}</th></tr></thead>
  <tbody>${data.items.map(
    (item) => html`<tr>
    <td class="web-wrap">${item.organizationName}</td>
    <td>${item.referenceNumber ?? ''}</td>
    <td>${item.version}</td>
    <td class="web-wrap web-preserve">${item.reason ?? t('agreement.versions.first')}</td>
    <td class="web-wrap">${item.recipientSignerName ?? ''}${item.recipientSignedAt ? html`, ${formatInstant(locale, item.recipientSignedAt)}` : ''}</td>
    <td class="web-number">${formatMoney(locale, item.totalCents)}</td>
    <td class="web-wrap"><a href="/awards/${item.awardId}/agreement">${t('agreements.openLink', { reference: item.referenceNumber ?? '', version: item.version })}</a>${item.canCountersign ? '' : html`<br>${t('agreements.cannot')}`}</td>
  </tr>`,
  )}</tbody>
</table></div>`
}
${pagination(t('agreements.more'), '/agreements', {}, data.nextCursor)}`,
  });
}
