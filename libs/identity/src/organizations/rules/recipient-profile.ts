import { normalizeEmail } from '../../auth/secret-token';

/**
 * What a recipient's profile must hold before the organization applies for public money
 * (../shared/TRANSFER-PAYMENTS.md): a Business Number or the reason for having none, at least two
 * contacts, at least one with signing authority, and every signing authority a member, since only
 * a member can sign the agreement in the system. Pure: the service passes the members' addresses.
 */

export interface OrganizationContact {
  name: string;
  title: string;
  email: string;
  phone: string;
  signingAuthority: boolean;
}

export const MIN_CONTACTS = 2;
export const MAX_CONTACTS = 10;

export type ProfileProblem =
  | { code: 'BUSINESS_NUMBER_MISSING' }
  | { code: 'CONTACTS_MISSING'; contacts: number }
  | { code: 'SIGNING_AUTHORITY_MISSING' }
  /** A signing authority whose address is no member's: invite them. */
  | { code: 'SIGNING_AUTHORITY_NOT_MEMBER'; name: string; email: string };

export interface RecipientProfileFacts {
  businessNumber: string | null;
  noBusinessNumberReason: string | null;
  contacts: readonly OrganizationContact[];
  /** The members' addresses, as accounts store them. */
  memberEmails: readonly string[];
}

export function profileProblems(facts: RecipientProfileFacts): ProfileProblem[] {
  const problems: ProfileProblem[] = [];
  if (!facts.businessNumber && !facts.noBusinessNumberReason?.trim()) problems.push({ code: 'BUSINESS_NUMBER_MISSING' });
  if (facts.contacts.length < MIN_CONTACTS) problems.push({ code: 'CONTACTS_MISSING', contacts: facts.contacts.length });
  const signing = facts.contacts.filter((contact) => contact.signingAuthority);
  if (signing.length === 0) problems.push({ code: 'SIGNING_AUTHORITY_MISSING' });
  const members = new Set(facts.memberEmails.map(normalizeEmail));
  for (const contact of signing) {
    if (!members.has(normalizeEmail(contact.email))) problems.push({ code: 'SIGNING_AUTHORITY_NOT_MEMBER', name: contact.name, email: contact.email });
  }
  return problems;
}

/** One sentence per problem, for the API's refusal (pages word them from their catalogs). */
export function describeProfileProblem(problem: ProfileProblem): string {
  switch (problem.code) {
    case 'BUSINESS_NUMBER_MISSING':
      return 'Give the organization’s CRA Business Number, or the reason it has none';
    case 'CONTACTS_MISSING':
      return `Give at least ${MIN_CONTACTS} contacts (name, title, email, phone); the profile has ${problem.contacts}`;
    case 'SIGNING_AUTHORITY_MISSING':
      return 'Mark at least one contact as having signing authority';
    case 'SIGNING_AUTHORITY_NOT_MEMBER':
      return `${problem.name} (${problem.email}) has signing authority but is not a member: invite them to the organization`;
  }
}

/** Whether the account is one of the organization's signing authorities (by its address). */
export function hasSigningAuthority(contacts: readonly OrganizationContact[], email: string): boolean {
  return contacts.some((contact) => contact.signingAuthority && normalizeEmail(contact.email) === normalizeEmail(email));
}

/** Two contacts with the same address are one person twice. */
export function duplicateContactEmails(contacts: readonly OrganizationContact[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const contact of contacts) {
    const key = normalizeEmail(contact.email);
    if (seen.has(key)) duplicates.add(contact.email);
    seen.add(key);
  }
  return [...duplicates];
}
