import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { ApplicationEntity } from './application.entity';

/** A staff member's declared conflict with an application's organization, as officers see it. */
export interface StaffConflictView {
  id: string;
  /** The application it was declared on (null once that application was deleted): it applies to every application of the organization. */
  applicationId: string | null;
  referenceNumber: string | null;
  staff: { id: string; name: string };
  reason: string;
  declaredAt: Date;
}

/** Officers declare their own conflicts of interest with an applicant organization, as reviewers do with an assignment. */
@Injectable()
export class StaffConflictService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The conflicts declared with the application's organization, on any of its applications, oldest first. Officers only. */
  async conflictsOf(actor: Actor, applicationId: string): Promise<StaffConflictView[]> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see the conflicts of interest declared by staff');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw new NotFoundError('Application');
    const rows = (await this.dataSource.query(
      `SELECT c.id, c.application_id, a.reference_number, c.user_id, u.name, c.reason, c.declared_at
         FROM staff_conflict c
         LEFT JOIN application a ON a.id = c.application_id
         JOIN user_account u ON u.id = c.user_id
        WHERE c.organization_id = $1 AND c.kind = 'declared'
        ORDER BY c.declared_at, c.id`,
      [application.organizationId],
    )) as Array<{ id: string; application_id: string | null; reference_number: string | null; user_id: string; name: string; reason: string; declared_at: Date }>;
    return rows.map((row) => ({ id: row.id, applicationId: row.application_id, referenceNumber: row.reference_number, staff: { id: row.user_id, name: row.name }, reason: row.reason, declaredAt: row.declared_at }));
  }

  /** The officer steps back from every application of this one's organization. 409 ALREADY_DECLARED when a conflict of theirs already covers it. */
  async declare(actor: Actor, applicationId: string, reason: string): Promise<StaffConflictView> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers declare conflicts of interest with an application');
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw new NotFoundError('Application');
      // One declaration per organization: a second one, even made at the same time on another of its applications, is refused.
      const [conflict] = (await manager.query(
        `INSERT INTO staff_conflict (organization_id, user_id, kind, application_id, reason, declared_at) VALUES ($1, $2, 'declared', $3, $4, $5)
         ON CONFLICT (organization_id, user_id, kind) DO NOTHING RETURNING id, declared_at`,
        [application.organizationId, actor.userId, applicationId, reason, this.clock.now()],
      )) as Array<{ id: string; declared_at: Date }>;
      if (!conflict) {
        const [covered] = (await manager.query(`SELECT application_id FROM staff_conflict WHERE organization_id = $1 AND user_id = $2 AND kind = 'declared'`, [application.organizationId, actor.userId])) as Array<{
          application_id: string | null;
        }>;
        throw new ConflictError('ALREADY_DECLARED', 'You already declared a conflict of interest with this organization; it applies to all its applications', { applicationId: covered?.application_id ?? null });
      }
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'staff.conflict_declared',
        entityType: 'application',
        entityId: applicationId,
        details: { conflictId: conflict.id, organizationId: application.organizationId },
      });
      return { id: conflict.id, applicationId, referenceNumber: application.referenceNumber, staff: { id: actor.userId, name: actor.name }, reason, declaredAt: conflict.declared_at };
    });
  }
}
