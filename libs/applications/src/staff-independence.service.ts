import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@grants/core';
import { Actor } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Why a staff member may not act on an organization's applications: they belong to it, they belonged
 * to it (or started one of its applications), or they declared a conflict with it.
 */
export type StaffConflictReason = 'member' | 'former_member' | 'declared';

const MESSAGES: Record<StaffConflictReason, string> = {
  member: 'You belong to the applicant organization, so another staff member must act on its applications',
  former_member: 'You belonged to the applicant organization, so another staff member must act on its applications',
  declared: 'You declared a conflict of interest with the applicant organization, so another staff member must act on its applications',
};

/** The strongest tie first: the one a refusal names. */
const PRECEDENCE: readonly StaffConflictReason[] = ['member', 'former_member', 'declared'];

/** 403 STAFF_CONFLICT, with details.reason (and whatever else the refusal names, such as reference numbers). */
export class StaffConflictError extends DomainError {
  constructor(readonly reason: StaffConflictReason, details: Record<string, unknown> = {}) {
    super('forbidden', 'STAFF_CONFLICT', MESSAGES[reason], { reason, ...details });
  }
}

/**
 * Every tie of a staff member ($1) to an organization, one row each: a membership, a former membership
 * (recorded when they left or were removed, or an application of the organization they started) and a
 * declaration. Rows outlive the membership and the application they were declared on.
 */
const TIES_SQL = `
  SELECT organization_id, 'member' AS reason FROM organization_member WHERE user_id = $1
  UNION SELECT organization_id, 'former_member' FROM staff_conflict WHERE user_id = $1 AND kind = 'former_member'
  UNION SELECT organization_id, 'former_member' FROM application WHERE created_by = $1
  UNION SELECT organization_id, 'declared' FROM staff_conflict WHERE user_id = $1 AND kind = 'declared'`;

/**
 * Separation of duties: a staff member does not screen, assign, decide, release, pay or review the reports
 * of an organization they belong to (any role), belonged to, or declared a conflict with (on any of its
 * applications), nor read the deliberations on its applications.
 */
@Injectable()
export class StaffIndependenceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Refuses with STAFF_CONFLICT; inside the action's transaction, pass its manager. */
  async assertIndependent(manager: EntityManager, actor: Actor, organizationId: string): Promise<void> {
    const reason = await this.conflictOf(actor, organizationId, manager);
    if (reason) throw new StaffConflictError(reason);
  }

  /** Why the actor may not act on the organization's applications, or null when they may. A membership comes first. */
  async conflictOf(actor: Actor, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<StaffConflictReason | null> {
    const rows = (await manager.query(`SELECT reason FROM (${TIES_SQL}) ties WHERE organization_id = $2`, [actor.userId, organizationId])) as Array<{ reason: StaffConflictReason }>;
    return PRECEDENCE.find((reason) => rows.some((row) => row.reason === reason)) ?? null;
  }

  /** Every organization the actor may not act on, and why, for work over many applications (automatic assignment, a release). */
  async conflictedOrganizations(actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<Map<string, StaffConflictReason>> {
    const rows = (await manager.query(TIES_SQL, [actor.userId])) as Array<{ organization_id: string; reason: StaffConflictReason }>;
    const reasons = new Map<string, StaffConflictReason>();
    for (const row of rows) {
      const known = reasons.get(row.organization_id);
      if (!known || PRECEDENCE.indexOf(row.reason) < PRECEDENCE.indexOf(known)) reasons.set(row.organization_id, row.reason);
    }
    return reasons;
  }
}
