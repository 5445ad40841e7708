import {
  ADDRESS_CITY,
  ADDRESS_LINE1,
  BusinessNumberProblem,
  CONTACT_TITLE,
  formatBusinessNumber,
  Locale,
  MAX_CONTACTS,
  NO_BUSINESS_NUMBER_REASON,
  Organization,
  OrganizationContact,
  ORGANIZATION_LEGAL_NAME,
  ORGANIZATION_OPERATING_NAME,
  ORGANIZATION_REGISTRATION_NUMBER,
  ORGANIZATION_TYPES,
  OrganizationProfile,
  OrganizationType,
  parseBusinessNumber,
  PERSON_NAME,
  PHONE,
  POSTAL_CODE,
  Region,
  REGIONS,
} from '@grants/identity';
import { isEmailAddress, tooLong, tooShort } from '../forms/field-rules';
import { typedText } from '../forms/fields';
import { field, FormBody } from '../web-request';

/** The form's text fields and the rule of each. */
const TEXT_RULES = {
  legalName: ORGANIZATION_LEGAL_NAME,
  operatingName: ORGANIZATION_OPERATING_NAME,
  registrationNumber: ORGANIZATION_REGISTRATION_NUMBER,
  addressLine1: ADDRESS_LINE1,
  addressCity: ADDRESS_CITY,
} as const;

export type TextField = keyof typeof TEXT_RULES;
export const MAX_LENGTHS: Readonly<Record<TextField, number>> = {
  legalName: TEXT_RULES.legalName.maxLength,
  operatingName: TEXT_RULES.operatingName.maxLength,
  registrationNumber: TEXT_RULES.registrationNumber.maxLength,
  addressLine1: TEXT_RULES.addressLine1.maxLength,
  addressCity: TEXT_RULES.addressCity.maxLength,
};

/** A contact's row as typed. */
export interface ContactFormValues {
  name: string;
  title: string;
  email: string;
  phone: string;
  /** 'yes' when ticked, '' otherwise. */
  signingAuthority: string;
}

export const CONTACT_FIELDS = ['name', 'title', 'email', 'phone', 'signingAuthority'] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

/** The form offers at least this many contact rows, and always one blank row more than are filled in (up to MAX_CONTACTS): no script needed to add one. */
export const MIN_CONTACT_ROWS = 3;

/** The input of one part of a contact's row: `contacts-0-email`. */
export function contactFieldId(row: number, field: ContactField): string {
  return `contacts-${row}-${field}`;
}

/** The organization form as typed: text, so that a wrong value is shown back exactly as it was entered. */
export interface OrganizationFormValues {
  legalName: string;
  operatingName: string;
  type: string;
  registrationNumber: string;
  /** 'yes', 'no', or '' when not answered. */
  hasBusinessNumber: string;
  businessNumber: string;
  noBusinessNumberReason: string;
  region: string;
  addressLine1: string;
  addressCity: string;
  postalCode: string;
  /** 'yes', 'no', or '' when not answered. */
  indigenousLed: string;
  preferredLanguage: string;
  /** The rows the form sent, blank ones included, so that each error stays beside its row. */
  contacts: ContactFormValues[];
}

export const FORM_FIELDS = [
  'legalName',
  'operatingName',
  'type',
  'registrationNumber',
  'hasBusinessNumber',
  'businessNumber',
  'noBusinessNumberReason',
  'region',
  'addressLine1',
  'addressCity',
  'postalCode',
  'indigenousLed',
  'preferredLanguage',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
/** What can differ from the saved profile after someone else saved: a field, or the list of contacts. */
export type StaleField = FormField | 'contacts';

/**
 * What the error summary links to: the input's id. A group of radios is reached through its first
 * radio (`<name>-<first value>`), as the radioGroup partial names them.
 */
export const FIELD_IDS: Record<FormField, string> = {
  legalName: 'legalName',
  operatingName: 'operatingName',
  type: `type-${ORGANIZATION_TYPES[0]}`,
  registrationNumber: 'registrationNumber',
  hasBusinessNumber: 'hasBusinessNumber-yes',
  businessNumber: 'businessNumber',
  noBusinessNumberReason: 'noBusinessNumberReason',
  region: `region-${REGIONS[0]}`,
  addressLine1: 'addressLine1',
  addressCity: 'addressCity',
  postalCode: 'postalCode',
  indigenousLed: 'indigenousLed-yes',
  preferredLanguage: 'preferredLanguage-en',
};

/** A problem of one part of a contact's row; `duplicate`: another row has the same email address. */
export interface ContactProblem {
  field: 'contacts';
  row: number;
  part: Exclude<ContactField, 'signingAuthority'>;
  kind: 'missing' | 'invalid' | 'tooLong' | 'duplicate';
  max?: number;
}

export type OrganizationFormProblem =
  | { field: FormField; kind: 'missing' | 'invalid' }
  | { field: TextField | 'noBusinessNumberReason'; kind: 'tooLong'; max: number }
  | { field: 'businessNumber'; kind: 'notABusinessNumber'; problem: BusinessNumberProblem }
  | ContactProblem;

export type InvitationFormProblem = { field: 'email' | 'role'; kind: 'invalid' };

/** Reads the posted form; other fields are ignored. */
export function readOrganizationForm(body: Record<string, unknown>): OrganizationFormValues {
  const fields = Object.fromEntries(FORM_FIELDS.map((field) => [field, typedText(body[field])])) as Record<FormField, string>;
  return { ...fields, contacts: readContacts(body) };
}

/** The contact rows sent, in order: every row has its text inputs (an unticked checkbox is not sent), at most MAX_CONTACTS. */
function readContacts(body: Record<string, unknown>): ContactFormValues[] {
  const rows: ContactFormValues[] = [];
  for (let row = 0; row < MAX_CONTACTS && body[contactFieldId(row, 'name')] !== undefined; row += 1) {
    const text = (field: ContactField): string => typedText(body[contactFieldId(row, field)]);
    rows.push({ name: text('name'), title: text('title'), email: text('email'), phone: text('phone'), signingAuthority: text('signingAuthority') === 'yes' ? 'yes' : '' });
  }
  return rows;
}

/** A Business Number as stored (`123456782RR0001`) written to be read: `123456782 RR0001`. */
export function writtenBusinessNumber(stored: string): string {
  return `${stored.slice(0, 9)} ${stored.slice(9)}`.trim();
}

/** The saved profile as the form shows it. */
export function savedOrganizationForm(organization: OrganizationProfile): OrganizationFormValues {
  return {
    legalName: organization.legalName,
    operatingName: organization.operatingName ?? '',
    type: organization.type,
    registrationNumber: organization.registrationNumber ?? '',
    hasBusinessNumber: organization.businessNumber ? 'yes' : organization.noBusinessNumberReason ? 'no' : '',
    businessNumber: organization.businessNumber ? writtenBusinessNumber(organization.businessNumber) : '',
    noBusinessNumberReason: organization.noBusinessNumberReason ?? '',
    region: organization.region,
    addressLine1: organization.address.line1,
    addressCity: organization.address.city,
    postalCode: organization.address.postalCode,
    indigenousLed: organization.indigenousLed ? 'yes' : 'no',
    preferredLanguage: organization.preferredLanguage,
    contacts: (organization.contacts ?? []).map((contact) => ({ ...contact, signingAuthority: contact.signingAuthority ? 'yes' : '' })),
  };
}

/** A row with nothing typed in it is no contact: it is left out, ticked or not. */
export function isBlankContact(contact: ContactFormValues): boolean {
  return contact.name.trim() === '' && contact.title.trim() === '' && contact.email.trim() === '' && contact.phone.trim() === '';
}

/**
 * Whether the form says the organization has a Business Number: the answer to the question, or,
 * when it was left unanswered, the one of the number and the reason that was filled in. `unclear`:
 * both were, and no answer says which counts.
 */
function businessNumberAnswer(values: OrganizationFormValues): 'yes' | 'no' | 'unanswered' | 'unclear' {
  if (values.hasBusinessNumber === 'yes' || values.hasBusinessNumber === 'no') return values.hasBusinessNumber;
  const number = values.businessNumber.trim() !== '';
  const reason = values.noBusinessNumberReason.trim() !== '';
  return number && reason ? 'unclear' : number ? 'yes' : reason ? 'no' : 'unanswered';
}

/** A Canadian postal code written "A1A 1A1", whatever the spacing and case typed; null if it is not one. */
export function normalizePostalCode(typed: string): string | null {
  const compact = typed.replace(/[\s-]+/g, '').toUpperCase();
  const written = `${compact.slice(0, 3)} ${compact.slice(3)}`;
  return POSTAL_CODE.pattern.test(written) ? written : null;
}

/** What is wrong with the form, one problem per field, in the order of the page. */
export function organizationFormProblems(values: OrganizationFormValues): OrganizationFormProblem[] {
  const problems: OrganizationFormProblem[] = [];
  const textProblem = (field: TextField): void => {
    const rule: { minLength?: number; maxLength: number } = TEXT_RULES[field];
    const value = values[field].trim();
    if (rule.minLength !== undefined && tooShort(value, { minLength: rule.minLength })) problems.push({ field, kind: 'missing' });
    else if (tooLong(value, rule)) problems.push({ field, kind: 'tooLong', max: rule.maxLength });
  };
  textProblem('legalName');
  textProblem('operatingName');
  if (!(ORGANIZATION_TYPES as readonly string[]).includes(values.type)) problems.push({ field: 'type', kind: 'missing' });
  textProblem('registrationNumber');
  problems.push(...businessNumberProblems(values));
  if (!(REGIONS as readonly string[]).includes(values.region)) problems.push({ field: 'region', kind: 'missing' });
  textProblem('addressLine1');
  textProblem('addressCity');
  if (values.postalCode.trim() === '') problems.push({ field: 'postalCode', kind: 'missing' });
  else if (normalizePostalCode(values.postalCode) === null) problems.push({ field: 'postalCode', kind: 'invalid' });
  if (values.indigenousLed !== 'yes' && values.indigenousLed !== 'no') problems.push({ field: 'indigenousLed', kind: 'missing' });
  if (values.preferredLanguage !== 'en' && values.preferredLanguage !== 'fr') problems.push({ field: 'preferredLanguage', kind: 'missing' });
  problems.push(...contactProblems(values.contacts));
  return problems;
}

/**
 * The number when the organization has one, the reason when it has none. Neither is required to
 * register or save: what the profile still lacks before a submission is said at the top of its page.
 */
function businessNumberProblems(values: OrganizationFormValues): OrganizationFormProblem[] {
  switch (businessNumberAnswer(values)) {
    case 'unclear':
      return [{ field: 'hasBusinessNumber', kind: 'missing' }];
    case 'yes': {
      if (values.businessNumber.trim() === '') return [{ field: 'businessNumber', kind: 'missing' }];
      const parsed = parseBusinessNumber(values.businessNumber);
      return 'problem' in parsed ? [{ field: 'businessNumber', kind: 'notABusinessNumber', problem: parsed.problem }] : [];
    }
    case 'no': {
      const reason = values.noBusinessNumberReason.trim();
      if (tooShort(reason, NO_BUSINESS_NUMBER_REASON)) return [{ field: 'noBusinessNumberReason', kind: 'missing' }];
      return tooLong(reason, NO_BUSINESS_NUMBER_REASON) ? [{ field: 'noBusinessNumberReason', kind: 'tooLong', max: NO_BUSINESS_NUMBER_REASON.maxLength }] : [];
    }
    case 'unanswered':
      return [];
  }
}

/** Each filled-in row: a name, a title, an email address no other row has, and a phone number, within the API's limits. */
export function contactProblems(contacts: readonly ContactFormValues[]): ContactProblem[] {
  const problems: ContactProblem[] = [];
  const emails = new Set<string>();
  contacts.forEach((contact, row) => {
    if (isBlankContact(contact)) return;
    const problem = (part: ContactProblem['part'], kind: ContactProblem['kind'], max?: number): void => void problems.push({ field: 'contacts', row, part, kind, ...(max === undefined ? {} : { max }) });
    for (const [part, rule] of [['name', PERSON_NAME], ['title', CONTACT_TITLE]] as const) {
      const value = contact[part].trim();
      if (tooShort(value, rule)) problem(part, 'missing');
      else if (tooLong(value, rule)) problem(part, 'tooLong', rule.maxLength);
    }
    const email = contact.email.trim();
    if (email === '') problem('email', 'missing');
    else if (!isEmailAddress(email)) problem('email', 'invalid');
    else if (emails.has(email.toLowerCase())) problem('email', 'duplicate');
    emails.add(email.toLowerCase());
    const phone = contact.phone.trim();
    if (phone === '') problem('phone', 'missing');
    else if (tooLong(phone, PHONE) || !PHONE.pattern.test(phone)) problem('phone', 'invalid');
  });
  return problems;
}

/** The profile to save, trimmed like the JSON API does; only call it on a form without problems. */
export function toProfile(values: OrganizationFormValues): OrganizationProfile {
  const optional = (value: string): string | null => value.trim() || null;
  return {
    legalName: values.legalName.trim(),
    operatingName: optional(values.operatingName),
    type: values.type as OrganizationType,
    registrationNumber: optional(values.registrationNumber),
    ...businessNumberProfile(values),
    region: values.region as Region,
    address: { line1: values.addressLine1.trim(), city: values.addressCity.trim(), postalCode: normalizePostalCode(values.postalCode)! },
    indigenousLed: values.indigenousLed === 'yes',
    preferredLanguage: values.preferredLanguage as Locale,
    contacts: toContacts(values.contacts),
  };
}

/** The number (and no reason), or the reason (and no number); nothing when the question was left unanswered, so that nothing changes. */
function businessNumberProfile(values: OrganizationFormValues): Pick<OrganizationProfile, 'businessNumber' | 'noBusinessNumberReason'> {
  const answer = businessNumberAnswer(values);
  if (answer === 'no') return { businessNumber: null, noBusinessNumberReason: values.noBusinessNumberReason.trim() };
  const parsed = parseBusinessNumber(values.businessNumber);
  return answer === 'yes' && 'value' in parsed ? { businessNumber: formatBusinessNumber(parsed.value), noBusinessNumberReason: null } : {};
}

/** The filled-in rows, trimmed, the address written as accounts store it (so that an unchanged list compares equal). */
function toContacts(rows: readonly ContactFormValues[]): OrganizationContact[] {
  return rows
    .filter((row) => !isBlankContact(row))
    .map((row) => ({ name: row.name.trim(), title: row.title.trim(), email: row.email.trim().toLowerCase(), phone: row.phone.trim(), signingAuthority: row.signingAuthority === 'yes' }));
}

/** Only what differs from the saved profile, so the audit trail names the fields that really changed. */
export function profileChanges(saved: Organization, profile: OrganizationProfile): Partial<OrganizationProfile> {
  const changes: Partial<OrganizationProfile> = {};
  for (const key of Object.keys(profile) as Array<keyof OrganizationProfile>) {
    if (JSON.stringify(profile[key]) !== JSON.stringify(saved[key])) Object.assign(changes, { [key]: profile[key] });
  }
  return changes;
}

/**
 * The fields where the saved profile differs from the form the user sent: after someone else saved
 * meanwhile, these are what to compare before saving again.
 */
export function differingFields(saved: OrganizationFormValues, typed: OrganizationFormValues): StaleField[] {
  const comparable = (values: OrganizationFormValues, field: FormField): string => {
    switch (field) {
      case 'postalCode':
        return normalizePostalCode(values.postalCode) ?? values.postalCode.trim();
      case 'hasBusinessNumber':
        return businessNumberAnswer(values);
      // What would be saved: the number only when the organization has one, the reason only when it has none.
      case 'businessNumber':
        return businessNumberAnswer(values) === 'yes' ? values.businessNumber.replace(/[\s-]/g, '').toUpperCase() : '';
      case 'noBusinessNumberReason':
        return businessNumberAnswer(values) === 'no' ? values.noBusinessNumberReason.trim() : '';
      default:
        return values[field].trim();
    }
  };
  const fields: StaleField[] = FORM_FIELDS.filter((field) => comparable(saved, field) !== comparable(typed, field));
  return JSON.stringify(toContacts(saved.contacts)) === JSON.stringify(toContacts(typed.contacts)) ? fields : [...fields, 'contacts'];
}

/** The invitation form as typed: an email address and a role. */
export function readInvitationForm(body: FormBody): { email: string; role: string } {
  return { email: field(body, 'email'), role: field(body, 'role') };
}

/** The invitation form: an email address and a role. */
export function invitationFormProblems(email: string, role: string): InvitationFormProblem[] {
  const trimmed = email.trim();
  return [
    ...(isEmailAddress(trimmed) ? [] : [{ field: 'email' as const, kind: 'invalid' as const }]),
    ...(role === 'owner' || role === 'editor' ? [] : [{ field: 'role' as const, kind: 'invalid' as const }]),
  ];
}
