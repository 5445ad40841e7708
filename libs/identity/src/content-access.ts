import { ForbiddenError } from '@grants/core';
import { Actor, hasRole } from './roles';

/**
 * Administrators manage accounts; they do not read applications, awards, reports, decisions or
 * their audit trails. An administrator who is also a fund officer reads them as an officer.
 */
export function isAdministratorOnly(actor: Actor): boolean {
  return hasRole(actor, 'admin') && !hasRole(actor, 'officer');
}

export const ADMIN_NO_CONTENT = (): ForbiddenError =>
  new ForbiddenError('Administrators manage accounts; applications, awards and their audit trails are for fund officers', 'ADMIN_NO_CONTENT');
