import { EMAIL, Locale, LOCALES, Panel, PANELS, PERSON_NAME, STAFF_ROLES, StaffRole } from '@grants/identity';
import { isEmailAddress, tooLong } from '../forms/field-rules';
import { field, fieldList, FormBody } from '../web-request';

export const MAX_NAME_LENGTH = PERSON_NAME.maxLength;
export const MAX_EMAIL_LENGTH = EMAIL.maxLength;

/** The form's checkboxes, in the order shown: the error summary links to the first one. */
export const ROLE_CHOICES: readonly StaffRole[] = ['officer', 'reviewer', 'admin'];

/** The form as typed, so that a refused form comes back as it was. */
export interface StaffFormValues {
  name: string;
  email: string;
  roles: string[];
  panels: string[];
  locale: string;
}

export type StaffFormProblem =
  | { field: 'name'; kind: 'missing' | 'tooLong' }
  | { field: 'email'; kind: 'invalid' }
  | { field: 'roles'; kind: 'missing' | 'unknown' }
  | { field: 'panels'; kind: 'unknown' }
  | { field: 'locale'; kind: 'missing' };

export function readStaffForm(body: FormBody): StaffFormValues {
  return { name: field(body, 'name'), email: field(body, 'email'), roles: fieldList(body, 'roles'), panels: fieldList(body, 'panels'), locale: field(body, 'locale') };
}

export function staffFormProblems(values: StaffFormValues): StaffFormProblem[] {
  const problems: StaffFormProblem[] = [];
  if (values.name === '') problems.push({ field: 'name', kind: 'missing' });
  else if (tooLong(values.name, PERSON_NAME)) problems.push({ field: 'name', kind: 'tooLong' });
  if (!isEmailAddress(values.email)) problems.push({ field: 'email', kind: 'invalid' });
  if (values.roles.length === 0) problems.push({ field: 'roles', kind: 'missing' });
  else if (!values.roles.every((role) => (STAFF_ROLES as readonly string[]).includes(role))) problems.push({ field: 'roles', kind: 'unknown' });
  if (!values.panels.every((panel) => (PANELS as readonly string[]).includes(panel))) problems.push({ field: 'panels', kind: 'unknown' });
  if (!(LOCALES as readonly string[]).includes(values.locale)) problems.push({ field: 'locale', kind: 'missing' });
  return problems;
}

/** The account to create, once the form has no problem. */
export function toStaffInput(values: StaffFormValues): { name: string; email: string; roles: StaffRole[]; panels: Panel[]; locale: Locale } {
  return {
    name: values.name,
    email: values.email,
    roles: ROLE_CHOICES.filter((role) => values.roles.includes(role)),
    panels: PANELS.filter((panel) => values.panels.includes(panel)),
    locale: values.locale as Locale,
  };
}
