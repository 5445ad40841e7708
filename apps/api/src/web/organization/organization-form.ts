import {
  ADDRESS_CITY,
  ADDRESS_LINE1,
  Locale,
  Organization,
  ORGANIZATION_LEGAL_NAME,
  ORGANIZATION_OPERATING_NAME,
  ORGANIZATION_REGISTRATION_NUMBER,
  ORGANIZATION_TYPES,
  OrganizationProfile,
  OrganizationType,
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

/** The organization form as typed: text, so that a wrong value is shown back exactly as it was entered. */
export interface OrganizationFormValues {
  legalName: string;
  operatingName: string;
  type: string;
  registrationNumber: string;
  region: string;
  addressLine1: string;
  addressCity: string;
  postalCode: string;
  /** 'yes', 'no', or '' when not answered. */
  indigenousLed: string;
  preferredLanguage: string;
}

export const FORM_FIELDS = ['legalName', 'operatingName', 'type', 'registrationNumber', 'region', 'addressLine1', 'addressCity', 'postalCode', 'indigenousLed', 'preferredLanguage'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/**
 * What the error summary links to: the input's id. A group of radios is reached through its first
 * radio (`<name>-<first value>`), as the radioGroup partial names them.
 */
export const FIELD_IDS: Record<FormField, string> = {
  legalName: 'legalName',
  operatingName: 'operatingName',
  type: `type-${ORGANIZATION_TYPES[0]}`,
  registrationNumber: 'registrationNumber',
  region: `region-${REGIONS[0]}`,
  addressLine1: 'addressLine1',
  addressCity: 'addressCity',
  postalCode: 'postalCode',
  indigenousLed: 'indigenousLed-yes',
  preferredLanguage: 'preferredLanguage-en',
};

export type OrganizationFormProblem =
  | { field: FormField; kind: 'missing' | 'invalid' }
  | { field: TextField; kind: 'tooLong'; max: number };

export type InvitationFormProblem = { field: 'email' | 'role'; kind: 'invalid' };

/** Reads the posted form; other fields are ignored. */
export function readOrganizationForm(body: Record<string, unknown>): OrganizationFormValues {
  return Object.fromEntries(FORM_FIELDS.map((field) => [field, typedText(body[field])])) as unknown as OrganizationFormValues;
}

/** The saved profile as the form shows it. */
export function savedOrganizationForm(organization: OrganizationProfile): OrganizationFormValues {
  return {
    legalName: organization.legalName,
    operatingName: organization.operatingName ?? '',
    type: organization.type,
    registrationNumber: organization.registrationNumber ?? '',
    region: organization.region,
    addressLine1: organization.address.line1,
    addressCity: organization.address.city,
    postalCode: organization.address.postalCode,
    indigenousLed: organization.indigenousLed ? 'yes' : 'no',
    preferredLanguage: organization.preferredLanguage,
  };
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
  if (!(REGIONS as readonly string[]).includes(values.region)) problems.push({ field: 'region', kind: 'missing' });
  textProblem('addressLine1');
  textProblem('addressCity');
  if (values.postalCode.trim() === '') problems.push({ field: 'postalCode', kind: 'missing' });
  else if (normalizePostalCode(values.postalCode) === null) problems.push({ field: 'postalCode', kind: 'invalid' });
  if (values.indigenousLed !== 'yes' && values.indigenousLed !== 'no') problems.push({ field: 'indigenousLed', kind: 'missing' });
  if (values.preferredLanguage !== 'en' && values.preferredLanguage !== 'fr') problems.push({ field: 'preferredLanguage', kind: 'missing' });
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
    region: values.region as Region,
    address: { line1: values.addressLine1.trim(), city: values.addressCity.trim(), postalCode: normalizePostalCode(values.postalCode)! },
    indigenousLed: values.indigenousLed === 'yes',
    preferredLanguage: values.preferredLanguage as Locale,
  };
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
export function differingFields(saved: OrganizationFormValues, typed: OrganizationFormValues): FormField[] {
  const comparable = (values: OrganizationFormValues, field: FormField): string =>
    field === 'postalCode' ? (normalizePostalCode(values.postalCode) ?? values.postalCode.trim()) : values[field].trim();
  return FORM_FIELDS.filter((field) => comparable(saved, field) !== comparable(typed, field));
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
