import { randomUUID } from 'node:crypto';
import { Actor, Locale, Panel, Role, StaffRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { uniqueEmail } from '../eventually';
import { ServiceTestContext } from '../service-context';

export interface UserOptions {
  name?: string;
  locale?: Locale;
  panels?: Panel[];
}

/**
 * A verified account with the given roles, as the auth guard would resolve it for a request.
 *
 * A direct insert, on purpose: the service path to a staff account is an administrator's
 * invitation, an email and a password set through its link, and an applicant's is registration
 * and a verification link; none of that is what the service tests are about. The account has no
 * password and no session (services read `sessionId` only to sign out).
 */
export async function insertVerifiedUser(services: ServiceTestContext, roles: StaffRole[] = [], options: UserOptions = {}): Promise<Actor> {
  const allRoles: Role[] = ['applicant', ...new Set(roles)];
  const email = uniqueEmail(roles.at(-1) ?? 'applicant');
  const name = options.name ?? `Test ${roles[0] ?? 'applicant'}`;
  const locale = options.locale ?? 'en';
  const panels = options.panels ?? [];
  const [row] = (await services.get(DataSource).query(
    `INSERT INTO user_account (email, name, locale, password_hash, roles, panels, email_verified_at) VALUES ($1, $2, $3, NULL, $4, $5, now()) RETURNING id`,
    [email, name, locale, allRoles, panels],
  )) as Array<{ id: string }>;
  return { userId: row!.id, email, name, locale, roles: allRoles, panels, sessionId: randomUUID() };
}

/** Someone from a community organization: every account is an applicant. */
export function createApplicant(services: ServiceTestContext, options: UserOptions = {}): Promise<Actor> {
  return insertVerifiedUser(services, [], options);
}

export function createOfficer(services: ServiceTestContext, options: UserOptions = {}): Promise<Actor> {
  return insertVerifiedUser(services, ['officer'], options);
}

/** A community reviewer, outside the ILIF panel unless `panels` says otherwise. */
export function createReviewer(services: ServiceTestContext, options: UserOptions = {}): Promise<Actor> {
  return insertVerifiedUser(services, ['reviewer'], options);
}

/** A reviewer of the Indigenous review panel, the only ones who review ILIF applications. */
export function createIlifPanelReviewer(services: ServiceTestContext, options: Omit<UserOptions, 'panels'> = {}): Promise<Actor> {
  return insertVerifiedUser(services, ['reviewer'], { ...options, panels: ['ILIF'] });
}

export function createAdmin(services: ServiceTestContext, options: UserOptions = {}): Promise<Actor> {
  return insertVerifiedUser(services, ['admin'], options);
}
