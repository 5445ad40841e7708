import { DomainError, formatInstant } from '@grants/core';
import { DataSharingAcceptance, DataSharingAgreement } from '@grants/identity';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey } from '../i18n/i18n';
import { PageContext } from '../page-context';
import { PageResult, redirectTo, Refusal } from '../pipeline';
import { errorFor, errorSummary, FieldError, radioGroup, textField } from '../views/form';
import { catalogNotice, layout, officeContact } from '../views/layout';
import { DataSharingFormProblem, DataSharingFormValues, SIGNER_NAME, SIGNER_TITLE } from './data-sharing-form';

export const DATA_SHARING_NOTICES: Record<string, MessageKey> = { accepted: 'dataSharing.notice.accepted', already: 'dataSharing.notice.already', consent: 'dataSharing.notice.consent' };

/** Where a refusal that is about the agreement, not a field, points: where it stands. */
const STATE_ID = 'state';

export function dataSharingPath(organizationId: string): string {
  return `/organizations/${organizationId}/data-sharing`;
}

function acceptedWords(page: PageContext, acceptance: DataSharingAcceptance): string {
  return page.t('dataSharing.state.accepted', { date: formatInstant(page.locale, acceptance.acceptedAt), name: acceptance.signerName, title: acceptance.signerTitle });
}

export interface DataSharingPageData {
  agreement: DataSharingAgreement;
  /** The acceptance form, shown only when the service says the reader may accept (`can.accept`). */
  values: DataSharingFormValues;
  errors: FieldError[];
  notice: MessageKey | null;
}

/** The agreement in the page's language, where it stands, every version accepted and, for a signing authority who may accept it now, the form. */
export function dataSharingPage(page: PageContext, data: DataSharingPageData): string {
  const { t, locale } = page;
  const { agreement, errors } = data;
  const back = html`<p><a href="/organizations/${agreement.organizationId}">${t('dataSharing.back')}</a></p>`;
  if (!agreement.required) {
    return layout(page, {
      title: t('dataSharing.title'),
      body: html`<p>${t('dataSharing.notRequired.body', { organization: agreement.organizationName })}</p>
<p><a href="/data-governance">${t('dataSharing.section.governance')}</a></p>
${back}`,
    });
  }
  return layout(page, {
    title: t('dataSharing.title'),
    notice: catalogNotice(page, data.notice),
    body: html`${errorSummary(t('dataSharing.accept.problem'), errors)}
<p>${t('dataSharing.intro', { organization: agreement.organizationName })}</p>
<dl class="web-facts">
  <dt>${t('dataSharing.organization')}</dt><dd>${agreement.organizationName}</dd>
  <dt>${t('dataSharing.version')}</dt><dd>${agreement.version}</dd>
  <dt>${t('dataSharing.state')}</dt><dd id="${STATE_ID}"><strong>${agreement.accepted ? acceptedWords(page, agreement.accepted) : t('dataSharing.state.toAccept')}</strong></dd>
</dl>
${!agreement.accepted && !agreement.can.accept ? html`<p>${t('dataSharing.signingOnly')}</p>` : ''}
<h2 id="terms">${t('dataSharing.terms', { version: agreement.version })}</h2>
${agreement.clauses.map((clause) => html`<h3>${clause.heading[locale]}</h3>
<p>${clause.text[locale]}</p>`)}
<h2>${t('dataSharing.history')}</h2>
${historyTable(page, agreement)}
${agreement.can.accept ? acceptForm(page, agreement, data.values, errors) : ''}
${consentSection(page, agreement, errors)}
<p><a href="/data-governance">${t('dataSharing.section.governance')}</a></p>
${back}`,
  });
}

export const CONSENT_FIELD = 'consent';

/** The organization's choice whether its figures may appear in the office's aggregate reports: where it stands, and for an owner the form. */
function consentSection(page: PageContext, agreement: DataSharingAgreement, errors: readonly FieldError[]): SafeHtml {
  const { t, locale } = page;
  const state =
    agreement.aggregateConsent === null
      ? t('dataSharing.consent.notChosen')
      : t(agreement.aggregateConsent ? 'dataSharing.consent.given' : 'dataSharing.consent.refused', { date: formatInstant(locale, agreement.aggregateConsentAt!) });
  return html`<h2 id="consent">${t('dataSharing.consent.heading')}</h2>
<p>${t('dataSharing.consent.intro')}</p>
<p><strong>${state}</strong></p>
${
  agreement.can.consent
    ? html`<form method="post" action="${dataSharingPath(agreement.organizationId)}/consent" novalidate>
  ${page.csrfField}
  ${radioGroup({
    name: CONSENT_FIELD,
    legend: t('dataSharing.consent.legend'),
    options: [
      { value: 'yes', label: t('dataSharing.consent.yes') },
      { value: 'no', label: t('dataSharing.consent.no') },
    ],
    value: agreement.aggregateConsent === null ? '' : agreement.aggregateConsent ? 'yes' : 'no',
    error: errorFor(errors, `${CONSENT_FIELD}-yes`),
  })}
  <button type="submit" class="ontario-button ontario-button--secondary">${t('dataSharing.consent.save')}</button>
</form>`
    : ''
}`;
}

function historyTable(page: PageContext, agreement: DataSharingAgreement): SafeHtml {
  const { t, locale } = page;
  if (agreement.acceptances.length === 0) return html`<p>${t('dataSharing.history.none')}</p>`;
  return html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('dataSharing.history.caption', { organization: agreement.organizationName })}</caption>
  <thead><tr><th scope="col">${t('dataSharing.history.version')}</th><th scope="col">${t('dataSharing.history.when')}</th><th scope="col">${t('dataSharing.history.name')}</th><th scope="col">${t('dataSharing.history.title')}</th></tr></thead>
  <tbody>${agreement.acceptances.map(
    (acceptance) =>
      html`<tr><td class="web-wrap">${acceptance.version}</td><td class="web-wrap">${formatInstant(locale, acceptance.acceptedAt)}</td><td class="web-wrap">${acceptance.signerName}</td><td class="web-wrap">${acceptance.signerTitle}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** As the agreement's signature form: typed name and title, and a box the signing authority ticks to attest. */
function acceptForm(page: PageContext, agreement: DataSharingAgreement, values: DataSharingFormValues, errors: readonly FieldError[]): SafeHtml {
  const { t } = page;
  const attestError = errorFor(errors, 'attest');
  return html`<h2>${t('dataSharing.accept.heading')}</h2>
<p>${t('dataSharing.accept.intro', { organization: agreement.organizationName, version: agreement.version })}</p>
<form method="post" action="${dataSharingPath(agreement.organizationId)}" novalidate>
  ${page.csrfField}
  <input type="hidden" name="version" value="${values.version || agreement.version}">
  ${textField({ name: 'name', label: t('dataSharing.accept.name'), value: values.name, autocomplete: 'name', error: errorFor(errors, 'name'), maxLength: SIGNER_NAME.maxLength })}
  ${textField({ name: 'title', label: t('dataSharing.accept.title'), hint: t('dataSharing.accept.titleHint'), value: values.title, autocomplete: 'organization-title', error: errorFor(errors, 'title'), maxLength: SIGNER_TITLE.maxLength })}
  <div class="ontario-form-group">
    <fieldset class="ontario-fieldset"${attestError ? html` aria-describedby="attest-error"` : ''}>
      <legend class="ontario-fieldset__legend">${t('dataSharing.accept.attestLegend')}</legend>
      ${attestError ? html`<p class="ontario-error-messaging" id="attest-error"><span class="ontario-error-messaging__content">${attestError}</span></p>` : ''}
      <div class="ontario-checkboxes"><div class="ontario-checkboxes__item">
        <input class="ontario-checkboxes__input" id="attest" name="attest" type="checkbox" value="yes"${values.attest ? html` checked` : ''}>
        <label class="ontario-checkboxes__label" for="attest">${t('dataSharing.accept.attest')}</label>
      </div></div>
    </fieldset>
  </div>
  <button type="submit" class="ontario-button ontario-button--primary">${t('dataSharing.accept.submit')}</button>
</form>`;
}

export function dataSharingProblemMessage(page: PageContext, problem: DataSharingFormProblem): FieldError {
  if (problem.field === 'attest') return { field: 'attest', message: page.t('dataSharing.error.attestMissing') };
  const max = problem.field === 'name' ? SIGNER_NAME.maxLength : SIGNER_TITLE.maxLength;
  return { field: problem.field, message: page.t(`dataSharing.error.${problem.field}${problem.kind === 'missing' ? 'Missing' : 'TooLong'}`, { max }) };
}

/**
 * The service's refusals. A new version to accept: the page shows it, and the box must be ticked
 * again for it (see dataSharingAgainValues). Accepted meanwhile, or no longer Indigenous-led: the
 * page says where things stand.
 */
export function dataSharingRefusals(page: PageContext, organizationId: string): Partial<Record<string, Refusal>> {
  const again = (notice?: string): PageResult => redirectTo(`${dataSharingPath(organizationId)}${notice ? `?notice=${notice}` : ''}`);
  return {
    NOT_SIGNING_AUTHORITY: { field: STATE_ID, message: page.t('dataSharing.error.notSigningAuthority') },
    STALE_VERSION: (error: DomainError) => [{ field: 'attest', message: page.t('dataSharing.error.stale', { version: String(error.details?.currentVersion ?? '') }) }],
    ALREADY_ACCEPTED: () => again('already'),
    NOT_INDIGENOUS_LED: () => again(),
  };
}

/**
 * The form shown again, for the version the page shows now: what was typed, but the attestation
 * only if it was given for this version and nothing is said beside it.
 */
export function dataSharingAgainValues(values: DataSharingFormValues, errors: readonly FieldError[], version: string): DataSharingFormValues {
  return { ...values, attest: values.attest && values.version === version && !errorFor(errors, 'attest'), version };
}

// ---- the organization's page ----

/** On the organization's page: the agreement and where it stands (Indigenous-led organizations), and the way to how data is governed. */
export function dataGovernanceSection(page: PageContext, agreement: DataSharingAgreement): SafeHtml {
  const { t, locale } = page;
  const state = agreement.accepted ? t('dataSharing.section.accepted', { date: formatInstant(locale, agreement.accepted.acceptedAt) }) : t('dataSharing.section.toAccept');
  return html`<h2 id="data-governance">${t('dataSharing.section.heading')}</h2>
<ul>
  ${agreement.required ? html`<li><a href="${dataSharingPath(agreement.organizationId)}">${t('dataSharing.section.link')}</a>${t('dataSharing.section.colon')} <strong>${state}</strong></li>` : ''}
  <li><a href="/data-governance">${t('dataSharing.section.governance')}</a></li>
</ul>`;
}

// ---- how data is governed, for anyone ----

/** The plain-language page on data governance; docs/data-governance.md is its text for reviewers. */
export function dataGovernancePage(page: PageContext): string {
  const { t } = page;
  const coming = (key: MessageKey): SafeHtml => html`<p><strong>${t('governance.coming')}</strong> ${t(key)}</p>`;
  return layout(page, {
    title: t('governance.title'),
    body: html`<p>${t('governance.intro')}</p>
<h2>${t('governance.agreement.heading')}</h2>
<p>${t('governance.agreement.body')}</p>
<p>${t('governance.agreement.accept')}</p>
<h2>${t('governance.ilif.heading')}</h2>
<p>${t('governance.ilif.body')}</p>
<h2>${t('governance.who.heading')}</h2>
<p>${t('governance.who.body')}</p>
<h2>${t('governance.secondary.heading')}</h2>
<p>${t('governance.secondary.body')}</p>
${coming('governance.secondary.coming')}
<h2>${t('governance.aggregate.heading')}</h2>
<p>${t('governance.aggregate.body')}</p>
${coming('governance.aggregate.coming')}
<h2>${t('governance.retention.heading')}</h2>
<p>${t('governance.retention.intro')}</p>
<ul>
  <li>${t('governance.retention.drafts')}</li>
  <li>${t('governance.retention.unsuccessful')}</li>
  <li>${t('governance.retention.funded')}</li>
</ul>
${coming('governance.retention.coming')}
<h2>${t('governance.return.heading')}</h2>
<p>${t('governance.return.body')}</p>
${coming('governance.return.coming')}
<p>${officeContact(page, 'governance.contact')}</p>`,
  });
}
