/**
 * Where a person lands after signing in without a page to return to: where their work is. An
 * officer's calls, a reviewer's reviews, an approver's agreements to counter-sign, an
 * administrator's staff accounts; an applicant's own applications. Someone with several roles lands on the first of these they have.
 */
const LANDINGS: ReadonlyArray<readonly [role: string, path: string]> = [
  ['officer', '/officer/calls'],
  ['reviewer', '/reviews'],
  ['approver', '/agreements'],
  ['admin', '/admin/staff'],
];

export function landingFor(roles: readonly string[]): string {
  return LANDINGS.find(([role]) => roles.includes(role))?.[1] ?? '/applications';
}
