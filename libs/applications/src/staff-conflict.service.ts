import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { StaffConflictEntity } from './staff-conflict.entity';

/** A staff member's declared conflict with an application's organization, as officers see it. */
export interface StaffConflictView {
  id: string;
  /** The application it was declared on: it applies to every application of the organization. */
  applicationId: string;
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
         JOIN application a ON a.id = c.application_id
         JOIN user_account u ON u.id = c.user_id
        WHERE a.organization_id = $1
        ORDER BY c.declared_at, c.id`,
      [application.organizationId],
    )) as Array<{ id: string; application_id: string; reference_number: string | null; user_id: string; name: string; reason: string; declared_at: Date }>;
    return rows.map((row) => ({ id: row.id, applicationId: row.application_id, referenceNumber: row.reference_number, staff: { id: row.user_id, name: row.name }, reason: row.reason, declaredAt: row.declared_at }));
  }

  /** The officer steps back from every application of this one's organization. 409 ALREADY_DECLARED when a conflict of theirs already covers it. */
  async declare(actor: Actor, applicationId: string, reason: string): Promise<StaffConflictView> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers declare conflicts of interest with an application');
    return this.dataSource.transaction(async (manager) => {
      const application = await manager.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!application) throw new NotFoundError('Application');
      const [covered] = (await manager.query(
        `SELECT c.application_id FROM staff_conflict c JOIN application a ON a.id = c.application_id WHERE a.organization_id = $1 AND c.user_id = $2 LIMIT 1`,
        [application.organizationId, actor.userId],
      )) as Array<{ application_id: string }>;
      if (covered) {
        throw new ConflictError('ALREADY_DECLARED', 'You already declared a conflict of interest with this organization; it applies to all its applications', { applicationId: covered.application_id });
      }
      const conflict = await manager.save(manager.create(StaffConflictEntity, { applicationId, userId: actor.userId, reason, declaredAt: this.clock.now() }));
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'staff.conflict_declared',
        entityType: 'application',
        entityId: applicationId,
        details: { conflictId: conflict.id, organizationId: application.organizationId },
      });
      return { id: conflict.id, applicationId, referenceNumber: application.referenceNumber, staff: { id: actor.userId, name: actor.name }, reason, declaredAt: conflict.declaredAt };
    });
  }
}
