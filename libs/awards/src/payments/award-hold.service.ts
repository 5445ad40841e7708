import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, MemberNotifier, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { AppConfig, Clock, ConflictError, ForbiddenError, NotFoundError } from '@grants/core';
import { Actor, hasRole, OrganizationEntity } from '@grants/identity';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AwardEntity, AwardHoldEntity } from '../award.entity';

export interface AwardHoldView {
  id: string;
  reason: string;
  placedAt: Date;
  liftedAt: Date | null;
  /** Staff names are for staff; the organization sees the reason and the dates. */
  placedBy: { id: string; name: string } | null;
  liftedBy: { id: string; name: string } | null;
}

/**
 * Holds on an award's payments while the recipient is out of compliance (a report overdue, an issue
 * being resolved): none of its payments can be requested or approved until the hold is lifted. The
 * organization is told, with the reason.
 */
@Injectable()
export class AwardHoldService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly independence: StaffIndependenceService,
    private readonly members: MemberNotifier,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async place(actor: Actor, awardId: string, reason: string): Promise<AwardHoldView> {
    return this.dataSource.transaction(async (manager) => {
      const award = await this.lockedAward(manager, actor, awardId);
      if (award.status !== 'accepted') throw new ConflictError('AWARD_NOT_ACCEPTED', `Only an accepted award's payments can be held; this one is ${award.status}`);
      const active = await manager.findOneBy(AwardHoldEntity, { awardId, liftedAt: IsNull() });
      if (active) throw new ConflictError('AWARD_ALREADY_ON_HOLD', `This award is already on hold: ${active.reason}`, { holdId: active.id });
      const hold = await manager.save(manager.create(AwardHoldEntity, { awardId, reason, placedBy: actor.userId, placedAt: this.clock.now(), liftedBy: null, liftedAt: null }));
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'officer' }, action: 'award.held', entityType: 'award', entityId: awardId, toState: 'on_hold', details: { holdId: hold.id, reason } });
      await this.tell(manager, award, hold, 'placed');
      return (await holdsOf(manager, awardId, true))[0]!;
    });
  }

  async lift(actor: Actor, awardId: string): Promise<AwardHoldView> {
    return this.dataSource.transaction(async (manager) => {
      const award = await this.lockedAward(manager, actor, awardId);
      const hold = await manager.findOneBy(AwardHoldEntity, { awardId, liftedAt: IsNull() });
      if (!hold) throw new ConflictError('AWARD_NOT_ON_HOLD', 'This award is not on hold');
      Object.assign(hold, { liftedBy: actor.userId, liftedAt: this.clock.now() });
      await manager.save(hold);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'officer' }, action: 'award.hold_lifted', entityType: 'award', entityId: awardId, fromState: 'on_hold', details: { holdId: hold.id } });
      await this.tell(manager, award, hold, 'lifted');
      return (await holdsOf(manager, awardId, true)).find((candidate) => candidate.id === hold.id)!;
    });
  }

  private async lockedAward(manager: EntityManager, actor: Actor, awardId: string): Promise<AwardEntity> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers hold an award’s payments');
    const award = await manager.findOne(AwardEntity, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
    if (!award) throw new NotFoundError('Award');
    await this.independence.assertIndependent(manager, actor, award.organizationId);
    return award;
  }

  private async tell(manager: EntityManager, award: AwardEntity, hold: AwardHoldEntity, change: 'placed' | 'lifted'): Promise<void> {
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: award.applicationId });
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: award.organizationId });
    await this.members.emailMembers(manager, organization, `award-hold/${hold.id}/${change}`, 'award-hold', {
      organizationName: organization.legalName,
      referenceNumber: application.referenceNumber ?? '',
      change,
      reason: hold.reason,
      awardUrl: new URL(`/awards/${award.id}`, this.config.appUrl).toString(),
    });
  }
}

/** An award's holds, the latest first. */
export async function holdsOf(manager: EntityManager, awardId: string, showStaff: boolean): Promise<AwardHoldView[]> {
  const rows = (await manager.query(
    `SELECT h.id, h.reason, h.placed_at, h.lifted_at, h.placed_by, placer.name AS placed_by_name, h.lifted_by, lifter.name AS lifted_by_name
       FROM award_hold h
       JOIN user_account placer ON placer.id = h.placed_by
       LEFT JOIN user_account lifter ON lifter.id = h.lifted_by
      WHERE h.award_id = $1
      ORDER BY h.placed_at DESC, h.id`,
    [awardId],
  )) as Array<{ id: string; reason: string; placed_at: Date; lifted_at: Date | null; placed_by: string; placed_by_name: string; lifted_by: string | null; lifted_by_name: string | null }>;
  return rows.map((row) => ({
    id: row.id,
    reason: row.reason,
    placedAt: row.placed_at,
    liftedAt: row.lifted_at,
    placedBy: showStaff ? { id: row.placed_by, name: row.placed_by_name } : null,
    liftedBy: showStaff && row.lifted_by ? { id: row.lifted_by, name: row.lifted_by_name ?? '' } : null,
  }));
}
