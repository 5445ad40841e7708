export const ROLES = ['applicant', 'reviewer', 'officer', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an administrator grants; every account is an applicant already. */
export const STAFF_ROLES = ['reviewer', 'officer', 'approver', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PANELS = ['ILIF'] as const;
export type Panel = (typeof PANELS)[number];

export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

export const ORGANIZATION_TYPES = [
  'non_profit',
  'charity',
  'indigenous_organization',
  'first_nation',
  'metis_organization',
  'inuit_organization',
  'municipality',
  'other',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const REGIONS = ['central', 'east', 'north', 'toronto', 'west'] as const;
export type Region = (typeof REGIONS)[number];

export const MEMBER_ROLES = ['owner', 'editor'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Who is acting: resolved from a bearer token or a session cookie by the auth guard. */
export interface Actor {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  roles: Role[];
  panels: Panel[];
  sessionId: string;
  /** Seconds until the session ends unless used again (web sessions slide; API sessions do not). */
  sessionSecondsLeft?: number;
  /** A web session whose end is its absolute end (WEB_SESSION_MAX_HOURS after signing in): using it no longer extends it. */
  sessionAtMaxLifetime?: boolean;
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return roles.some((role) => actor.roles.includes(role));
}
