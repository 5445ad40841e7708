import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@grants/core';
import { Actor } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';

/** Why a staff member may not act on an organization's applications: they belong to it, or they declared a conflict with it. */
export type StaffConflictReason = 'member' | 'declared';

const MESSAGES: Record<StaffConflictReason, string> = {
  member: 'You belong to the applicant organization, so another staff member must act on its applications',
  declared: 'You declared a conflict of interest with the applicant organization, so another staff member must act on its applications',
};

/** 403 STAFF_CONFLICT, with details.reason. */
export class StaffConflictError extends DomainError {
  constructor(readonly reason: StaffConflictReason) {
    super('forbidden', 'STAFF_CONFLICT', MESSAGES[reason], { reason });
  }
}

/**
 * Separation of duties: a staff member does not screen, assign, decide, pay or review the reports of
 * an organization they belong to (any role) or declared a conflict with (on any of its applications).
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
    const [row] = (await manager.query(
      `SELECT EXISTS (SELECT 1 FROM organization_member WHERE organization_id = $1 AND user_id = $2) AS member,
              EXISTS (SELECT 1 FROM staff_conflict c JOIN application a ON a.id = c.application_id
                       WHERE a.organization_id = $1 AND c.user_id = $2) AS declared`,
      [organizationId, actor.userId],
    )) as Array<{ member: boolean; declared: boolean }>;
    return row?.member ? 'member' : row?.declared ? 'declared' : null;
  }

  /** Every organization the actor may not act on, and why, for work over many applications (automatic assignment). */
  async conflictedOrganizations(actor: Actor, manager: EntityManager = this.dataSource.manager): Promise<Map<string, StaffConflictReason>> {
    const rows = (await manager.query(
      `SELECT a.organization_id, 'declared' AS reason FROM staff_conflict c JOIN application a ON a.id = c.application_id WHERE c.user_id = $1
        UNION
       SELECT organization_id, 'member' AS reason FROM organization_member WHERE user_id = $1`,
      [actor.userId],
    )) as Array<{ organization_id: string; reason: StaffConflictReason }>;
    const reasons = new Map<string, StaffConflictReason>();
    // A membership says more than a declaration, as in conflictOf.
    for (const row of rows) if (reasons.get(row.organization_id) !== 'member') reasons.set(row.organization_id, row.reason);
    return reasons;
  }
}
