import type { AccessLogEntry } from '@grants/awards';
import { formatInstant } from '@grants/core';
import { DomainError } from '@grants/core';
import {
  BusinessNumberProblem,
  CONTACT_TITLE,
  DataSharingAgreement,
  EMAIL,
  MAX_CONTACTS,
  MemberListing,
  MemberRole,
  NO_BUSINESS_NUMBER_REASON,
  ORGANIZATION_TYPES,
  Organization,
  OrganizationHeading,
  PERSON_NAME,
  PHONE,
  ProfileProblem,
  REGIONS,
} from '@grants/identity';
import { html, SafeHtml } from '@grants/notifications';
import { MessageKey, Translate } from '../i18n/i18n';
import { PageContext } from '../page-context';
import type { Refusal } from '../pipeline';
import { errorFor, errorSummary, FieldError, pagination, radioGroup, textareaField, textField } from '../views/form';
import { catalogNotice, layout } from '../views/layout';
import { dataGovernanceSection } from './data-sharing.pages';
import {
  ContactFormValues,
  ContactProblem,
  contactFieldId,
  FIELD_IDS,
  FormField,
  InvitationFormProblem,
  isBlankContact,
  MAX_LENGTHS,
  MIN_CONTACT_ROWS,
  OrganizationFormProblem,
  OrganizationFormValues,
  StaleField,
  writtenBusinessNumber,
} from './organization-form';

/** Where the error summary points when the profile changed meanwhile: the table of saved values. */
export const SAVED_VALUES_ID = 'saved-values';

export interface OrganizationRow {
  id: string;
  legalName: string;
  role: string;
  region: string;
}

/** A saved value of the profile that differs from what the owner typed: a field's, or the saved list of contacts. */
export type StaleRow = { field: FormField; saved: string } | { field: 'contacts'; saved: ContactFormValues[] };

export interface OpenInvitation {
  id: string;
  organizationId: string;
  organizationName: string;
  role: string;
  expiresAt: Date;
}

const LABELS: Record<StaleField, MessageKey> = {
  legalName: 'organization.field.legalName',
  operatingName: 'organization.field.operatingName',
  type: 'organization.field.type',
  registrationNumber: 'organization.field.registrationNumber',
  hasBusinessNumber: 'organization.field.hasBusinessNumber',
  businessNumber: 'organization.field.businessNumberRead',
  noBusinessNumberReason: 'organization.field.noBusinessNumberReasonRead',
  region: 'organization.field.region',
  addressLine1: 'organization.field.addressLine1',
  addressCity: 'organization.field.addressCity',
  postalCode: 'organization.field.postalCode',
  indigenousLed: 'organization.field.indigenousLed',
  preferredLanguage: 'organization.field.preferredLanguage',
  contacts: 'organization.contacts.heading',
};

const CONTACT_LABELS: Record<ContactProblem['part'], MessageKey> = {
  name: 'organization.contact.name',
  title: 'organization.contact.title',
  email: 'organization.contact.email',
  phone: 'organization.contact.phone',
};

function roleWord(t: Translate, role: string): string {
  return role === 'owner' || role === 'editor' ? t(`organization.role.${role}`) : role;
}

function roleInSentence(t: Translate, role: string): string {
  return role === 'owner' || role === 'editor' ? t(`organization.roleIn.${role}`) : role;
}

function regionWord(t: Translate, region: string): string {
  return (REGIONS as readonly string[]).includes(region) ? t(`organization.region.${region}` as MessageKey) : region;
}

/** A saved or typed value as a person reads it: choices by their label. */
function valueText(t: Translate, field: FormField, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return t('organization.stale.empty');
  switch (field) {
    case 'type':
      return (ORGANIZATION_TYPES as readonly string[]).includes(trimmed) ? t(`organization.type.${trimmed}` as MessageKey) : trimmed;
    case 'region':
      return regionWord(t, trimmed);
    case 'indigenousLed':
    case 'hasBusinessNumber':
      return trimmed === 'yes' ? t('organization.value.yes') : t('organization.value.no');
    case 'preferredLanguage':
      return trimmed === 'fr' ? t('organization.language.fr') : t('organization.language.en');
    default:
      return trimmed;
  }
}

/** A form problem in words, for the summary and beside its field. */
export function organizationProblemMessage(t: Translate, problem: OrganizationFormProblem): FieldError {
  if (problem.field === 'contacts') return contactProblemMessage(t, problem);
  const field = FIELD_IDS[problem.field];
  if (problem.kind === 'tooLong') return { field, message: t('organization.error.tooLong', { label: t(LABELS[problem.field]), max: problem.max }) };
  if (problem.kind === 'notABusinessNumber') return { field, message: t(`organization.error.businessNumber.${problem.problem}`) };
  switch (problem.field) {
    case 'postalCode':
      return { field, message: t(problem.kind === 'missing' ? 'organization.error.postalCodeMissing' : 'organization.error.postalCode') };
    case 'legalName':
      return { field, message: t('organization.error.legalName') };
    case 'businessNumber':
      return { field, message: t('organization.error.businessNumberMissing') };
    case 'hasBusinessNumber':
    case 'noBusinessNumberReason':
    case 'type':
    case 'region':
    case 'addressLine1':
    case 'addressCity':
    case 'indigenousLed':
    case 'preferredLanguage':
      return { field, message: t(`organization.error.${problem.field}`) };
    default:
      return { field, message: t('organization.error.tooLong', { label: t(LABELS[problem.field]), max: MAX_LENGTHS[problem.field] }) };
  }
}

/** A contact's problem, beside its input; the row is counted from 1, as its legend says. */
function contactProblemMessage(t: Translate, problem: ContactProblem): FieldError {
  const field = contactFieldId(problem.row, problem.part);
  const number = problem.row + 1;
  if (problem.kind === 'tooLong') return { field, message: t('organization.error.contact.tooLong', { label: t(CONTACT_LABELS[problem.part]), number, max: problem.max ?? 0 }) };
  if (problem.kind === 'duplicate') return { field, message: t('organization.error.contact.duplicate', { number }) };
  switch (problem.part) {
    case 'name':
    case 'title':
      return { field, message: t(`organization.error.contact.${problem.part}`, { number }) };
    case 'email':
    case 'phone':
      return { field, message: t(problem.kind === 'missing' ? `organization.error.contact.${problem.part}Missing` : `organization.error.contact.${problem.part}`, { number }) };
  }
}

const BUSINESS_NUMBER_PROBLEMS: readonly BusinessNumberProblem[] = ['FORMAT', 'CHECK_DIGIT', 'PROGRAM'];

/**
 * The service's refusals of a profile the form let through (it checks the same rules first, so
 * these come only from a form altered on the way), beside the field concerned.
 */
export function profileRefusals(t: Translate): Record<string, Refusal> {
  return {
    INVALID_BUSINESS_NUMBER: (error) => {
      const problem = BUSINESS_NUMBER_PROBLEMS.find((candidate) => candidate === error.details?.problem) ?? 'FORMAT';
      return [{ field: FIELD_IDS.businessNumber, message: t(`organization.error.businessNumber.${problem}`) }];
    },
    BUSINESS_NUMBER_AND_REASON: { field: FIELD_IDS.hasBusinessNumber, message: t('organization.error.hasBusinessNumber') },
    DUPLICATE_CONTACT: (error) => [{ field: 'contacts', message: t('organization.error.duplicateContact', { email: Array.isArray(error.details?.emails) ? String(error.details.emails[0]) : '' }) }],
  };
}

/** What the profile still lacks before a submission, in words; the check page of an application says it the same way. */
export function profileProblemText(t: Translate, problem: ProfileProblem): string {
  switch (problem.code) {
    case 'BUSINESS_NUMBER_MISSING':
      return t('organization.problem.businessNumber');
    case 'CONTACTS_MISSING':
      return t('organization.problem.contacts');
    case 'SIGNING_AUTHORITY_MISSING':
      return t('organization.problem.signingAuthority');
    case 'SIGNING_AUTHORITY_NOT_MEMBER':
      return t('organization.problem.signingAuthorityNotMember', { name: problem.name, email: problem.email });
  }
}

/**
 * Where each problem is fixed: the Business Number and the contacts on the profile page (its
 * fields for owners, its facts for others); a signing authority who is no member, by inviting them
 * from the members page, where the invitation form has their address filled in.
 */
export function profileProblemHref(organizationId: string, problem: ProfileProblem): string {
  const base = `/organizations/${organizationId}`;
  switch (problem.code) {
    case 'BUSINESS_NUMBER_MISSING':
      return `${base}#businessNumber`;
    case 'CONTACTS_MISSING':
    case 'SIGNING_AUTHORITY_MISSING':
      return `${base}#contacts`;
    case 'SIGNING_AUTHORITY_NOT_MEMBER':
      return `${base}/members?invite=${encodeURIComponent(problem.email)}`;
  }
}

/** The warning at the top of the profile while it lacks something a submission needs, each problem a link to where it is fixed. */
function profileProblemsAlert(page: PageContext, organization: Organization, role: MemberRole | null): SafeHtml | string {
  const { t } = page;
  if (organization.profileProblems.length === 0) return '';
  return html`<div class="ontario-alert ontario-alert--warning" id="profile-problems">
  <div class="ontario-alert__header"><h2 class="ontario-alert__header-title ontario-h4">${t('organization.problems.title')}</h2></div>
  <div class="ontario-alert__body"><p>${t(role === 'owner' ? 'organization.problems.owner' : 'organization.problems.reader')}</p>
    <ul>${organization.profileProblems.map((problem) => html`<li><a href="${profileProblemHref(organization.id, problem)}">${profileProblemText(t, problem)}</a></li>`)}</ul>
  </div>
</div>`;
}

/** The Business Number, or why there is none, as the profile's facts show it. */
function businessNumberText(t: Translate, organization: Organization): string {
  if (organization.businessNumber) return writtenBusinessNumber(organization.businessNumber);
  return organization.noBusinessNumberReason ? t('organization.businessNumber.none', { reason: organization.noBusinessNumberReason }) : t('organization.businessNumber.notGiven');
}

/** The contacts as a table, signing authority said in words. */
function contactsTable(page: PageContext, contacts: Organization['contacts']): SafeHtml {
  const { t } = page;
  if (contacts.length === 0) return html`<p>${t('organization.contacts.none')}</p>`;
  return html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('organization.contacts.caption')}</caption>
  <thead><tr><th scope="col">${t('organization.contact.name')}</th><th scope="col">${t('organization.contact.title')}</th><th scope="col">${t('organization.contact.email')}</th><th scope="col">${t('organization.contact.phone')}</th><th scope="col">${t('organization.contacts.signing')}</th></tr></thead>
  <tbody>${contacts.map(
    (contact) =>
      html`<tr><td>${contact.name}</td><td>${contact.title}</td><td>${contact.email}</td><td>${contact.phone}</td><td>${t(contact.signingAuthority ? 'organization.contacts.canSign' : 'organization.contacts.cannotSign')}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** The saved contacts, one a line, for the table of values someone else saved. */
function savedContactsText(t: Translate, contacts: readonly ContactFormValues[]): string {
  if (contacts.length === 0) return t('organization.stale.empty');
  const signing = (contact: ContactFormValues): string[] => (contact.signingAuthority === 'yes' ? [t('organization.contacts.signing')] : []);
  return contacts.map((contact) => [contact.name, contact.title, contact.email, contact.phone, ...signing(contact)].join(', ')).join('\n');
}

/** A contact's row of the form: its fields in a group named by its number. */
function contactRow(page: PageContext, contact: ContactFormValues, row: number, errors: readonly FieldError[]): SafeHtml {
  const { t } = page;
  const id = (field: Parameters<typeof contactFieldId>[1]): string => contactFieldId(row, field);
  const error = (field: ContactProblem['part']): string | undefined => errorFor(errors, id(field));
  // The rule above each row spans the page; on the fieldset itself, its legend would break it.
  return html`<div class="web-list-item"><fieldset class="ontario-fieldset">
    <legend class="ontario-fieldset__legend">${t('organization.contacts.item', { number: row + 1 })}</legend>
    ${textField({ name: id('name'), label: t('organization.contact.name'), value: contact.name, maxLength: PERSON_NAME.maxLength, error: error('name') })}
    ${textField({ name: id('title'), label: t('organization.contact.title'), value: contact.title, maxLength: CONTACT_TITLE.maxLength, error: error('title') })}
    ${textField({ name: id('email'), label: t('organization.contact.email'), type: 'email', value: contact.email, maxLength: EMAIL.maxLength, error: error('email') })}
    ${textField({ name: id('phone'), label: t('organization.contact.phone'), hint: t('organization.contact.phoneHint'), type: 'tel', value: contact.phone, width: '20-char-width', maxLength: PHONE.maxLength, error: error('phone') })}
    <div class="ontario-checkboxes"><div class="ontario-checkboxes__item">
      <input class="ontario-checkboxes__input" id="${id('signingAuthority')}" name="${id('signingAuthority')}" type="checkbox" value="yes"${contact.signingAuthority === 'yes' ? html` checked` : ''}>
      <label class="ontario-checkboxes__label" for="${id('signingAuthority')}">${t('organization.contact.signingAuthority')}</label>
    </div></div>
  </fieldset></div>`;
}

/** The rows typed or saved, then blank ones: at least MIN_CONTACT_ROWS, and one blank after the last filled in, up to MAX_CONTACTS. */
function contactRows(contacts: readonly ContactFormValues[]): ContactFormValues[] {
  const lastFilled = contacts.reduce((last, contact, row) => (isBlankContact(contact) ? last : row), -1);
  const count = Math.min(MAX_CONTACTS, Math.max(MIN_CONTACT_ROWS, contacts.length, lastFilled + 2));
  const blank: ContactFormValues = { name: '', title: '', email: '', phone: '', signingAuthority: '' };
  return Array.from({ length: count }, (_, row) => contacts[row] ?? blank);
}

export function invitationProblemMessage(t: Translate, problem: InvitationFormProblem): FieldError {
  return problem.field === 'email' ? { field: 'email', message: t('organization.error.email') } : { field: 'role-editor', message: t('organization.error.role') };
}

/** Profile, members, access log: the organization's pages, the current one marked for assistive technology too. */
function organizationNav(page: PageContext, organization: Pick<Organization, 'id' | 'legalName'>, role: MemberRole | null, current: 'profile' | 'members' | 'accessLog'): SafeHtml {
  const { t } = page;
  const link = (key: 'profile' | 'members' | 'accessLog', href: string): SafeHtml =>
    html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${t(`organization.nav.${key}`)}</a></li>`;
  const base = `/organizations/${organization.id}`;
  return html`<nav class="web-subnav" aria-label="${t('organization.nav.label', { organization: organization.legalName })}"><ul>
  ${link('profile', base)}${link('members', `${base}/members`)}${role === 'owner' ? link('accessLog', `${base}/access-log`) : ''}
</ul></nav>`;
}

export function organizationsPage(page: PageContext, organizations: readonly OrganizationRow[], invitations: readonly OpenInvitation[], notice: MessageKey | null = null): string {
  const { t, locale } = page;
  const invitationList =
    invitations.length === 0
      ? ''
      : html`<h2>${t('organization.invitations.heading')}</h2>
<ul class="web-cards">${invitations.map(
          (invitation) => html`<li class="web-card">
  <p>${t('organization.invitations.item', { organization: invitation.organizationName, role: roleInSentence(t, invitation.role), date: formatInstant(locale, invitation.expiresAt) })}</p>
  <form method="post" action="/organizations/invitations/${invitation.id}/accept">${page.csrfField}<button type="submit" class="ontario-button ontario-button--primary">${t('organization.invitations.accept', { organization: invitation.organizationName })}</button></form>
</li>`,
        )}</ul>`;
  const list =
    organizations.length === 0
      ? html`<p>${t('organization.list.none')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('organization.list.caption')}</caption>
  <thead><tr><th scope="col">${t('organization.list.name')}</th><th scope="col">${t('organization.list.role')}</th><th scope="col">${t('organization.list.region')}</th></tr></thead>
  <tbody>${organizations.map(
    (organization) =>
      html`<tr><td><a href="/organizations/${organization.id}">${organization.legalName}</a></td><td>${roleWord(t, organization.role)}</td><td>${regionWord(t, organization.region)}</td></tr>`,
  )}</tbody>
</table></div>`;
  return layout(page, {
    title: t('organization.list.title'),
    notice: catalogNotice(page, notice),
    body: html`<p>${t('organization.list.intro')}</p>
${invitationList}
${list}
<p><a class="ontario-button ontario-button--secondary" href="/organizations/new">${t('organization.list.register')}</a></p>`,
  });
}

/** Every field of the organization's profile, as the API's body has them. */
function organizationFields(page: PageContext, values: OrganizationFormValues, errors: readonly FieldError[]): SafeHtml {
  const { t } = page;
  const error = (field: FormField): string | undefined => errorFor(errors, FIELD_IDS[field]);
  // A refusal of the list as a whole (the same address twice, from a form altered on the way).
  const contactsError = errorFor(errors, 'contacts');
  return html`${textField({ name: 'legalName', label: t('organization.field.legalName'), hint: t('organization.field.legalNameHint'), value: values.legalName, autocomplete: 'organization', maxLength: MAX_LENGTHS.legalName, error: error('legalName') })}
  ${textField({ name: 'operatingName', label: t('organization.field.operatingName'), hint: t('organization.field.operatingNameHint'), value: values.operatingName, maxLength: MAX_LENGTHS.operatingName, error: error('operatingName') })}
  ${radioGroup({
    name: 'type',
    legend: t('organization.field.type'),
    options: ORGANIZATION_TYPES.map((type) => ({ value: type, label: t(`organization.type.${type}`) })),
    value: values.type,
    error: error('type'),
  })}
  ${textField({
    name: 'registrationNumber',
    label: t('organization.field.registrationNumber'),
    hint: t('organization.field.registrationNumberHint'),
    value: values.registrationNumber,
    width: '20-char-width',
    maxLength: MAX_LENGTHS.registrationNumber,
    error: error('registrationNumber'),
  })}
  ${radioGroup({
    name: 'hasBusinessNumber',
    legend: t('organization.field.hasBusinessNumber'),
    hint: t('organization.field.hasBusinessNumberHint'),
    options: [
      { value: 'yes', label: t('organization.hasBusinessNumber.yes') },
      { value: 'no', label: t('organization.hasBusinessNumber.no') },
    ],
    value: values.hasBusinessNumber,
    error: error('hasBusinessNumber'),
  })}
  ${textField({ name: 'businessNumber', label: t('organization.field.businessNumber'), hint: t('organization.field.businessNumberHint'), value: values.businessNumber, width: '20-char-width', error: error('businessNumber') })}
  ${textareaField({
    name: 'noBusinessNumberReason',
    label: t('organization.field.noBusinessNumberReason'),
    hint: t('organization.field.noBusinessNumberReasonHint'),
    value: values.noBusinessNumberReason,
    rows: 3,
    maxLength: NO_BUSINESS_NUMBER_REASON.maxLength,
    error: error('noBusinessNumberReason'),
  })}
  ${radioGroup({
    name: 'region',
    legend: t('organization.field.region'),
    hint: t('organization.field.regionHint'),
    options: REGIONS.map((region) => ({ value: region, label: t(`organization.region.${region}`) })),
    value: values.region,
    error: error('region'),
  })}
  <div class="ontario-form-group"><fieldset class="ontario-fieldset">
    <legend class="ontario-fieldset__legend">${t('organization.field.address')}</legend>
    ${textField({ name: 'addressLine1', label: t('organization.field.addressLine1'), value: values.addressLine1, autocomplete: 'address-line1', maxLength: MAX_LENGTHS.addressLine1, error: error('addressLine1') })}
    ${textField({ name: 'addressCity', label: t('organization.field.addressCity'), value: values.addressCity, autocomplete: 'address-level2', width: '20-char-width', maxLength: MAX_LENGTHS.addressCity, error: error('addressCity') })}
    ${textField({ name: 'postalCode', label: t('organization.field.postalCode'), hint: t('organization.field.postalCodeHint'), value: values.postalCode, autocomplete: 'postal-code', width: '7-char-width', maxLength: 10, error: error('postalCode') })}
  </fieldset></div>
  ${radioGroup({
    name: 'indigenousLed',
    legend: t('organization.field.indigenousLed'),
    hint: t('organization.field.indigenousLedHint'),
    options: [
      { value: 'yes', label: t('organization.indigenousLed.yes') },
      { value: 'no', label: t('organization.indigenousLed.no') },
    ],
    value: values.indigenousLed,
    error: error('indigenousLed'),
  })}
  ${radioGroup({
    name: 'preferredLanguage',
    legend: t('organization.field.preferredLanguage'),
    hint: t('organization.field.preferredLanguageHint'),
    options: [
      { value: 'en', label: t('organization.language.en') },
      { value: 'fr', label: t('organization.language.fr') },
    ],
    value: values.preferredLanguage,
    error: error('preferredLanguage'),
  })}
  <h2 id="contacts">${t('organization.contacts.heading')}</h2>
  <p>${t('organization.contacts.intro')}</p>
  <p class="ontario-hint">${t('organization.contacts.hint', { max: MAX_CONTACTS })}</p>
  ${contactsError ? html`<p class="ontario-error-messaging"><span class="ontario-error-messaging__content">${contactsError}</span></p>` : ''}
  ${contactRows(values.contacts).map((contact, row) => contactRow(page, contact, row, errors))}`;
}

export interface NewOrganizationForm {
  values: OrganizationFormValues;
  errors: FieldError[];
  /** Where to go once registered (a local path), or '' for the organization's own page. */
  next: string;
  notice?: MessageKey | null;
}

export function newOrganizationPage(page: PageContext, form: NewOrganizationForm): string {
  const { t } = page;
  return layout(page, {
    title: t('organization.new.title'),
    notice: catalogNotice(page, form.notice),
    body: html`${errorSummary(t('errors.summary'), form.errors)}
<p>${t('organization.new.intro')}</p>
<form method="post" action="/organizations/new${form.next ? `?next=${encodeURIComponent(form.next)}` : ''}" novalidate>
  ${page.csrfField}
  ${organizationFields(page, form.values, form.errors)}
  <button type="submit" class="ontario-button ontario-button--primary">${t('organization.new.submit')}</button>
</form>`,
  });
}

export interface ProfilePageData {
  organization: Organization;
  role: MemberRole | null;
  /** Where its data-sharing agreement stands (asked of Indigenous-led organizations only). */
  dataSharing: DataSharingAgreement;
  /** The owner's form: what was typed (or the saved profile), and its problems. */
  values: OrganizationFormValues;
  errors: FieldError[];
  /** The version the form is based on. */
  version: number;
  /** After someone else saved meanwhile: the saved values that differ from what was typed. */
  stale: StaleRow[];
  notice: MessageKey | null;
}

/** Owners edit the profile; editors and officers read it. */
export function profilePage(page: PageContext, data: ProfilePageData): string {
  const { t } = page;
  const { organization, role } = data;
  const base = `/organizations/${organization.id}`;
  const staleTable =
    data.stale.length === 0
      ? ''
      : html`<div class="ontario-table-container" id="${SAVED_VALUES_ID}"><table class="web-table">
  <caption>${t('organization.stale.caption')}</caption>
  <thead><tr><th scope="col">${t('organization.stale.field')}</th><th scope="col">${t('organization.stale.saved')}</th></tr></thead>
  <tbody>${data.stale.map((row) => html`<tr><th scope="row">${t(LABELS[row.field])}</th><td class="web-preserve">${row.field === 'contacts' ? savedContactsText(t, row.saved) : valueText(t, row.field, row.saved)}</td></tr>`)}</tbody>
</table></div>`;
  const content =
    role === 'owner'
      ? html`${staleTable}
<form method="post" action="${base}" novalidate>
  ${page.csrfField}
  <input type="hidden" name="version" value="${data.version}">
  ${organizationFields(page, data.values, data.errors)}
  <button type="submit" class="ontario-button ontario-button--primary">${t('organization.profile.save')}</button>
</form>
<h2>${t('organization.export.heading')}</h2>
<p>${t('organization.export.body')}</p>
<p><a href="/api/v1/organizations/${organization.id}/export">${t('organization.export.link')}</a></p>`
      : html`<p>${t('organization.profile.readOnly')}</p>
<dl class="web-facts">
  ${role ? html`<dt>${t('organization.list.role')}</dt><dd>${roleWord(t, role)}</dd>` : ''}
  ${(['legalName', 'operatingName', 'type', 'registrationNumber'] as const).map(
    (field) => html`<dt>${t(LABELS[field])}</dt><dd>${data.values[field].trim() === '' ? t('organization.value.none') : valueText(t, field, data.values[field])}</dd>`,
  )}
  <dt>${t('organization.field.businessNumberRead')}</dt><dd id="businessNumber">${businessNumberText(t, organization)}</dd>
  <dt>${t('organization.field.region')}</dt><dd>${valueText(t, 'region', data.values.region)}</dd>
  <dt>${t('organization.field.address')}</dt><dd class="web-preserve">${`${organization.address.line1}\n${organization.address.city}\n${organization.address.postalCode}`}</dd>
  <dt>${t('organization.field.indigenousLed')}</dt><dd>${valueText(t, 'indigenousLed', data.values.indigenousLed)}</dd>
  <dt>${t('organization.field.preferredLanguage')}</dt><dd>${valueText(t, 'preferredLanguage', data.values.preferredLanguage)}</dd>
</dl>
<h2 id="contacts">${t('organization.contacts.heading')}</h2>
${contactsTable(page, organization.contacts)}`;
  return layout(page, {
    title: organization.legalName,
    notice: catalogNotice(page, data.notice),
    body: html`${organizationNav(page, organization, role, 'profile')}
${errorSummary(t('errors.summary'), data.errors)}
${profileProblemsAlert(page, organization, role)}
${content}
${dataGovernanceSection(page, data.dataSharing)}`,
  });
}

export interface MembersPageData {
  /** With the viewer's role: owners invite, others read. */
  organization: OrganizationHeading;
  listing: MemberListing;
  form: { email: string; role: string; errors: FieldError[] };
  notice: MessageKey | null;
}

export function membersPage(page: PageContext, data: MembersPageData): string {
  const { t, locale } = page;
  const { organization, listing, form } = data;
  const owner = organization.role === 'owner';
  const base = `/organizations/${organization.id}`;
  const actionsHeading = owner ? html`<th scope="col">${t('organization.members.actions')}</th>` : '';
  const pending =
    listing.invitations.length === 0
      ? ''
      : html`<h2>${t('organization.members.pending')}</h2>
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('organization.members.pendingCaption')}</caption>
  <thead><tr><th scope="col">${t('organization.members.email')}</th><th scope="col">${t('organization.members.role')}</th><th scope="col">${t('organization.members.expires')}</th>${actionsHeading}</tr></thead>
  <tbody>${listing.invitations.map(
    (invitation) =>
      html`<tr><td>${invitation.email}</td><td>${roleWord(t, invitation.role)}</td><td>${formatInstant(locale, invitation.expiresAt)}</td>${
        owner ? html`<td><a href="${base}/invitations/${invitation.id}/revoke">${t('organization.members.revoke', { email: invitation.email })}</a></td>` : ''
      }</tr>`,
  )}</tbody>
</table></div>`;
  const memberActions = (member: MemberListing['members'][number]): SafeHtml | string =>
    !owner ? '' : member.userId === page.actor?.userId ? html`<td></td>` : html`<td><a href="${base}/members/${member.userId}/remove">${t('organization.members.remove', { name: member.name })}</a></td>`;
  const invite =
    organization.role === 'owner'
      ? html`<h2>${t('organization.members.invite.heading')}</h2>
<p>${t('organization.members.invite.intro')}</p>
<form method="post" action="/organizations/${organization.id}/members" novalidate>
  ${page.csrfField}
  ${textField({ name: 'email', label: t('organization.members.invite.email'), type: 'email', value: form.email, autocomplete: 'off', error: errorFor(form.errors, 'email') })}
  ${radioGroup({
    name: 'role',
    legend: t('organization.members.invite.role'),
    options: [
      { value: 'editor', label: t('organization.members.invite.editor') },
      { value: 'owner', label: t('organization.members.invite.owner') },
    ],
    value: form.role,
    error: errorFor(form.errors, 'role-editor'),
  })}
  <button type="submit" class="ontario-button ontario-button--primary">${t('organization.members.invite.submit')}</button>
</form>`
      : html`<p>${t('organization.members.ownersOnly')}</p>`;
  return layout(page, {
    title: t('organization.members.title', { organization: organization.legalName }),
    notice: catalogNotice(page, data.notice),
    body: html`${organizationNav(page, organization, organization.role, 'members')}
${errorSummary(t('errors.summary'), form.errors)}
<div class="ontario-table-container"><table class="web-table">
  <caption>${t('organization.members.caption')}</caption>
  <thead><tr><th scope="col">${t('organization.members.name')}</th><th scope="col">${t('organization.members.email')}</th><th scope="col">${t('organization.members.role')}</th><th scope="col">${t('organization.members.since')}</th>${actionsHeading}</tr></thead>
  <tbody>${listing.members.map(
    (member) => html`<tr><td>${member.name}</td><td>${member.email}</td><td>${roleWord(t, member.role)}</td><td>${formatInstant(locale, member.since)}</td>${memberActions(member)}</tr>`,
  )}</tbody>
</table></div>
${pending}
${invite}
${leaveSection(page, organization, listing)}`,
  });
}

/** Every member may leave; the only owner is told first what to do instead. Staff who are not members see nothing. */
function leaveSection(page: PageContext, organization: OrganizationHeading, listing: MemberListing): SafeHtml | string {
  const { t } = page;
  if (!organization.role) return '';
  const onlyOwner = organization.role === 'owner' && listing.members.filter((member) => member.role === 'owner').length === 1;
  return html`<h2>${t('organization.leave.heading')}</h2>
${onlyOwner
    ? html`<p>${t('organization.leave.onlyOwner')}</p>`
    : html`<p>${t('organization.leave.intro')}</p>
<p><a class="ontario-button ontario-button--secondary" href="/organizations/${organization.id}/leave">${t('organization.leave.button')}</a></p>`}`;
}

/** What a page asks before a member is removed, a member leaves, or an invitation is revoked. */
export type MembershipChange =
  | { kind: 'remove'; member: { userId: string; name: string; email: string; role: MemberRole } }
  | { kind: 'leave' }
  | { kind: 'revoke'; invitation: { id: string; email: string; role: MemberRole } };

/** Says what the change does before the person confirms it; a refusal (the last owner leaving) shows at the top. */
export function membershipChangePage(page: PageContext, organization: OrganizationHeading, change: MembershipChange, errors: FieldError[] = []): string {
  const { t } = page;
  const base = `/organizations/${organization.id}`;
  const name = organization.legalName;
  const content =
    change.kind === 'remove'
      ? {
          title: t('organization.remove.title', { name: change.member.name, organization: name }),
          facts: html`<dt>${t('organization.members.email')}</dt><dd>${change.member.email}</dd><dt>${t('organization.members.role')}</dt><dd>${roleWord(t, change.member.role)}</dd>`,
          intro: t('organization.remove.intro'),
          points: [t('organization.remove.access', { organization: name }), t('organization.remove.email'), t('organization.remove.again')],
          action: `${base}/members/${change.member.userId}/remove`,
          confirm: t('organization.remove.confirm'),
        }
      : change.kind === 'leave'
        ? {
            title: t('organization.leave.title', { organization: name }),
            facts: '',
            intro: t('organization.leave.if'),
            points: [t('organization.leave.access', { organization: name }), t('organization.leave.owners'), t('organization.leave.again')],
            action: `${base}/leave`,
            confirm: t('organization.leave.confirm'),
          }
        : {
            title: t('organization.revoke.title', { email: change.invitation.email }),
            facts: html`<dt>${t('organization.members.role')}</dt><dd>${roleWord(t, change.invitation.role)}</dd>`,
            intro: t('organization.revoke.intro'),
            points: [t('organization.revoke.link'), t('organization.revoke.again')],
            action: `${base}/invitations/${change.invitation.id}/revoke`,
            confirm: t('organization.revoke.confirm'),
          };
  return layout(page, {
    title: content.title,
    body: html`${errorSummary(t('errors.summary'), errors)}
${content.facts ? html`<dl class="web-facts">${content.facts}</dl>` : ''}
<p>${content.intro}</p>
<ul>${content.points.map((point) => html`<li>${point}</li>`)}</ul>
<form method="post" action="${content.action}" novalidate id="${CONFIRM_ID}">
  ${page.csrfField}
  <div class="web-actions">
    <button type="submit" class="ontario-button ontario-button--primary">${content.confirm}</button>
    <a class="ontario-button ontario-button--secondary" href="${base}/members">${t('organization.change.keep')}</a>
  </div>
</form>`,
  });
}

/** Where a refusal on a confirmation page points: its form. */
export const CONFIRM_ID = 'confirm';

/** The invitation form's refusals by the service, beside the email field. */
export function invitationRefusals(page: PageContext): Record<string, (error: DomainError) => FieldError[]> {
  const { t, locale } = page;
  const retryAt = (error: DomainError): string => formatInstant(locale, new Date(String(error.details?.retryAt)));
  return {
    ALREADY_MEMBER: () => [{ field: 'email', message: t('organization.error.alreadyMember') }],
    EMAIL_NOT_VERIFIED: () => [{ field: 'email', message: t('organization.error.inviterNotVerified') }],
    INVITATION_LIMIT: (error) => [{ field: 'email', message: t('organization.error.invitationLimit', { limit: Number(error.details?.limit), date: retryAt(error) }) }],
  };
}

const LOGGED_ACTIONS = new Set<string>([
  'organization.created',
  'organization.updated',
  'organization.member_invited',
  'organization.member_added',
  'organization.exported',
  'organization.viewed',
  'organization.members_viewed',
  'organization.member_removed',
  'organization.member_left',
  'organization.invitation_revoked',
  'audit_trail.viewed',
  'application.created',
  'application.updated',
  'application.attachment_added',
  'application.attachment_removed',
  'application.submitted',
  'application.resubmitted',
  'application.withdrawn',
  'application.viewed',
  'application.screened',
  'application.information_requested',
  'application.decided',
  'application.decision_changed',
  'application.decision_released',
  'application.letter_retried',
  'application.awarded',
  'award.offered',
  'award.accepted',
  'award.declined',
  'award.viewed',
  'agreement.drafted',
  'agreement.amendment_proposed',
  'agreement.signed',
  'agreement.executed',
  'agreement.viewed',
  'payment.requested',
  'payment.approved',
  'payment.recorded',
  'award.held',
  'award.hold_lifted',
  'recovery.recorded',
  'recovery.offset',
  'recovery.repaid',
  'report.submitted',
  'report.accepted',
  'report.returned',
]);
const LOGGED_ROLES = new Set<string>(['officer', 'approver', 'admin', 'reviewer', 'owner', 'editor', 'applicant', 'system']);

function actionText(t: Translate, action: string): string {
  return LOGGED_ACTIONS.has(action) ? t(`organization.log.action.${action}` as MessageKey) : t('organization.log.action.other', { action });
}

function subjectText(t: Translate, entry: AccessLogEntry): string {
  if (entry.entityType === 'organization') return t('organization.log.subject.organization');
  if (!entry.referenceNumber) return t('organization.log.subject.draft');
  return t(entry.entityType === 'award' ? 'organization.log.subject.award' : 'organization.log.subject.application', { reference: entry.referenceNumber });
}

function whoText(t: Translate, entry: AccessLogEntry): { name: string; role: string } {
  if (!entry.actor) return { name: t('organization.log.notRecorded'), role: '' };
  const role = entry.actor.role ?? '';
  return {
    name: entry.actor.name ?? t('organization.log.system'),
    role: LOGGED_ROLES.has(role) ? t(`organization.log.role.${role}` as MessageKey) : role,
  };
}

export interface AccessLogPageData {
  organization: Pick<Organization, 'id' | 'legalName'>;
  entries: AccessLogEntry[];
  nextCursor: string | null;
}

export function accessLogPage(page: PageContext, data: AccessLogPageData): string {
  const { t, locale } = page;
  const { organization } = data;
  const table =
    data.entries.length === 0
      ? html`<p>${t('organization.log.none')}</p>`
      : html`<div class="ontario-table-container"><table class="web-table">
  <caption>${t('organization.log.caption')}</caption>
  <thead><tr><th scope="col">${t('organization.log.when')}</th><th scope="col">${t('organization.log.who')}</th><th scope="col">${t('organization.log.role')}</th><th scope="col">${t('organization.log.what')}</th><th scope="col">${t('organization.log.about')}</th></tr></thead>
  <tbody>${data.entries.map((entry) => {
    const who = whoText(t, entry);
    return html`<tr><td>${formatInstant(locale, entry.occurredAt)}</td><td>${who.name}</td><td>${who.role}</td><td>${actionText(t, entry.action)}</td><td>${subjectText(t, entry)}</td></tr>`;
  })}</tbody>
</table></div>`;
  return layout(page, {
    title: t('organization.log.title', { organization: organization.legalName }),
    body: html`${organizationNav(page, organization, 'owner', 'accessLog')}
<p>${t('organization.log.intro')}</p>
${table}
${pagination(t('organization.log.older'), `/organizations/${organization.id}/access-log`, {}, data.nextCursor)}`,
  });
}

export function invitationPage(page: PageContext, invitation: OpenInvitation): string {
  const { t, locale } = page;
  return layout(page, {
    title: t('organization.invitation.title', { organization: invitation.organizationName }),
    body: html`<p>${t('organization.invitation.body', { organization: invitation.organizationName, role: roleInSentence(t, invitation.role) })}</p>
<p>${t('organization.invitation.expires', { date: formatInstant(locale, invitation.expiresAt) })}</p>
<form method="post" action="/organizations/invitations/${invitation.id}/accept">
  ${page.csrfField}
  <button type="submit" class="ontario-button ontario-button--primary">${t('organization.invitation.accept')}</button>
</form>`,
  });
}

export function invitationNotOpenPage(page: PageContext, email: string): string {
  const { t } = page;
  return layout(page, {
    title: t('organization.invitation.notOpen.title'),
    body: html`<p>${t('organization.invitation.notOpen.body', { email })}</p>
<p><a href="/organizations">${t('organization.invitation.myOrganizations')}</a></p>`,
  });
}
