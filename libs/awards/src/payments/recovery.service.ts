import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgreementVersionEntity } from '../agreements/agreement-version.entity';
import { AwardEntity, AwardPaymentEntity, AwardRecoveryEntity, AwardReportEntity } from '../award.entity';
import { AwardService } from '../award.service';
import { offsetAgainst, reconcile, Settlement } from '../rules/payment-ledger';

export interface RecoveryView {
  id: string;
  fiscalYear: string;
  amountCents: number;
  /** Kept from later payments so far. */
  offsetCents: number;
  settledBy: Settlement | null;
  settledAt: Date | null;
  repaymentReference: string | null;
  recordedAt: Date;
}

export interface YearReconciliationView {
  fiscalYear: string;
  /** Paid in the year (what reached the organization, offsets deducted). */
  paidCents: number;
  /** Eligible spending: what the accepted reports of the year give. */
  spentCents: number;
  /** Paid beyond what was spent, once the year's report is accepted (0 before): owed back to the Crown. */
  surplusCents: number;
  /** Whether the year's report is accepted: a year is reconciled on its accepted report. */
  reportAccepted: boolean;
  /** What the year's payments have still to pay (the holdback, for the last year): a year is reconciled once it is paid. */
  outstandingCents: number;
  /** Surplus not yet recorded as a recovery: what an officer can record now. */
  unrecordedCents: number;
  recoveries: RecoveryView[];
}

/** The reconciliation with what a page names the award by. */
export interface AwardReconciliation {
  award: { id: string; referenceNumber: string | null; organizationName: string; status: string };
  years: YearReconciliationView[];
}

/**
 * Year-end reconciliation of an award (../shared/TRANSFER-PAYMENTS.md, "Reports and recovery"):
 * per fiscal year, what was paid against the eligible spending of the accepted reports. A surplus
 * becomes a recovery owed to the Crown, which an officer settles by offsetting it against later
 * instalments (they shrink) or by recording a repayment. The arithmetic is the ledger's.
 */
@Injectable()
export class RecoveryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly awards: AwardService,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Members of the organization, officers and approvers. */
  async reconciliation(actor: Actor, awardId: string): Promise<YearReconciliationView[]> {
    return (await this.reconciliationOf(actor, awardId)).years;
  }

  async reconciliationOf(actor: Actor, awardId: string): Promise<AwardReconciliation> {
    const manager = this.dataSource.manager;
    await this.readable(manager, actor, awardId);
    const [award] = (await manager.query(
      `SELECT w.id, a.reference_number, o.legal_name, w.status FROM award w JOIN application a ON a.id = w.application_id JOIN organization o ON o.id = w.organization_id WHERE w.id = $1`,
      [awardId],
    )) as Array<{ id: string; reference_number: string | null; legal_name: string; status: string }>;
    return { award: { id: award!.id, referenceNumber: award!.reference_number, organizationName: award!.legal_name, status: award!.status }, years: await this.years(manager, awardId) };
  }

  /** Records the year's surplus as a recovery, once the year's report is accepted. */
  async record(actor: Actor, awardId: string, fiscalYear: string): Promise<YearReconciliationView[]> {
    return this.dataSource.transaction(async (manager) => {
      await this.lockedAward(manager, actor, awardId);
      const year = (await this.years(manager, awardId)).find((candidate) => candidate.fiscalYear === fiscalYear);
      if (!year) throw new RuleViolationError('NOT_A_YEAR_OF_THE_AWARD', `${fiscalYear} is not a fiscal year of this award`);
      if (!year.reportAccepted) throw new RuleViolationError('REPORT_NOT_ACCEPTED', `The year ${fiscalYear} is reconciled once its report is accepted`);
      if (year.outstandingCents > 0) {
        throw new RuleViolationError('PAYMENTS_OUTSTANDING', `The year ${fiscalYear} is reconciled once its payments are made: ${year.outstandingCents} cents are still to pay`, { outstandingCents: year.outstandingCents });
      }
      if (year.recoveries.length > 0) throw new ConflictError('ALREADY_RECONCILED', `The surplus of ${fiscalYear} is already recorded as a recovery`);
      if (year.surplusCents === 0) throw new RuleViolationError('NO_SURPLUS', `Nothing is owed for ${fiscalYear}: the spending reported covers what was paid`);
      const recovery = await manager.save(
        manager.create(AwardRecoveryEntity, { awardId, fiscalYear, amountCents: year.surplusCents, offsetCents: 0, recordedBy: actor.userId, recordedAt: this.clock.now(), settledBy: null, settledAt: null, settledByUser: null, repaymentReference: null }),
      );
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'recovery.recorded',
        entityType: 'award',
        entityId: awardId,
        toState: 'owed',
        details: { recoveryId: recovery.id, fiscalYear, amountCents: recovery.amountCents, paidCents: year.paidCents, spentCents: year.spentCents },
      });
      return this.years(manager, awardId);
    });
  }

  /** Keeps what is still owed from the payments not yet requested, the next first; settled once wholly kept. */
  /** `ofAward`: the award a page acts from; a recovery of another award is not found. */
  async offset(actor: Actor, recoveryId: string, ofAward?: string): Promise<YearReconciliationView[]> {
    return this.dataSource.transaction(async (manager) => {
      const recovery = await this.lockedRecovery(manager, actor, recoveryId, ofAward);
      // An amendment waiting for signatures was written against the payments as they are: they change once it is executed.
      const pending = await manager.existsBy(AgreementVersionEntity, { awardId: recovery.awardId, status: In(['generating', 'awaiting_recipient', 'awaiting_province']) });
      if (pending) throw new ConflictError('AMENDMENT_PENDING', 'An amendment of the agreement waits for signatures: offset once it is executed, or record a repayment');
      // A payment being approved keeps its amount: its approvers approved that amount.
      const unpaid = await manager.find(AwardPaymentEntity, { where: { awardId: recovery.awardId, status: 'scheduled' }, order: { position: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const result = offsetAgainst(
        unpaid.map((payment) => ({ position: payment.position, fiscalYear: payment.fiscalYear, amountCents: payment.amountCents - payment.offsetCents, holdback: payment.holdback })),
        { fiscalYear: recovery.fiscalYear, amountCents: recovery.amountCents, offsetCents: recovery.offsetCents, settledBy: recovery.settledBy },
      );
      if (result.offsetCents === 0) throw new ConflictError('NOTHING_TO_OFFSET', 'No payment of this award is left to offset against: record a repayment instead');
      const kept: Array<{ paymentId: string; cents: number }> = [];
      for (const payment of unpaid) {
        const after = result.parts.find((part) => part.position === payment.position)!;
        const cents = payment.amountCents - payment.offsetCents - after.amountCents;
        if (cents === 0) continue;
        payment.offsetCents += cents;
        await manager.save(payment);
        kept.push({ paymentId: payment.id, cents });
      }
      Object.assign(recovery, { offsetCents: result.recovery.offsetCents });
      if (result.recovery.settledBy === 'offset') Object.assign(recovery, { settledBy: 'offset', settledAt: this.clock.now(), settledByUser: actor.userId });
      await manager.save(recovery);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'recovery.offset',
        entityType: 'award',
        entityId: recovery.awardId,
        fromState: 'owed',
        toState: recovery.settledBy === 'offset' ? 'settled' : 'owed',
        details: { recoveryId, fiscalYear: recovery.fiscalYear, offsetCents: result.offsetCents, stillOwedCents: recovery.amountCents - recovery.offsetCents, payments: kept },
      });
      return this.years(manager, recovery.awardId);
    });
  }

  /** The rest of the recovery, what was not offset, came back to the Crown. */
  async repaid(actor: Actor, recoveryId: string, reference: string, ofAward?: string): Promise<YearReconciliationView[]> {
    return this.dataSource.transaction(async (manager) => {
      const recovery = await this.lockedRecovery(manager, actor, recoveryId, ofAward);
      Object.assign(recovery, { settledBy: 'repayment', settledAt: this.clock.now(), settledByUser: actor.userId, repaymentReference: reference });
      await manager.save(recovery);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'recovery.repaid',
        entityType: 'award',
        entityId: recovery.awardId,
        fromState: 'owed',
        toState: 'settled',
        details: { recoveryId, fiscalYear: recovery.fiscalYear, repaidCents: recovery.amountCents - recovery.offsetCents, repaymentReference: reference },
      });
      return this.years(manager, recovery.awardId);
    });
  }

  private async years(manager: EntityManager, awardId: string): Promise<YearReconciliationView[]> {
    const payments = await manager.find(AwardPaymentEntity, { where: { awardId }, order: { position: 'ASC' } });
    const recoveries = await manager.find(AwardRecoveryEntity, { where: { awardId }, order: { fiscalYear: 'ASC' } });
    const accepted = await manager.find(AwardReportEntity, { where: { awardId, status: 'accepted' } });
    const years = reconcile({
      parts: payments.map((payment) => ({ position: payment.position, fiscalYear: payment.fiscalYear, amountCents: payment.amountCents - payment.offsetCents, holdback: payment.holdback })),
      payments: payments.filter((payment) => payment.status === 'paid').map((payment) => ({ fiscalYear: payment.fiscalYear, amountCents: payment.amountCents - payment.offsetCents })),
      spending: accepted.map((report) => ({ fiscalYear: report.period, spentCents: report.spentCents ?? 0 })),
      recoveries: [],
    });
    return years.map((year) => {
      const recorded = recoveries.filter((recovery) => recovery.fiscalYear === year.fiscalYear);
      // Until the year's report is accepted, nothing is known to be unspent.
      const reportAccepted = accepted.some((report) => report.period === year.fiscalYear);
      const outstandingCents = payments.filter((payment) => payment.fiscalYear === year.fiscalYear && payment.status !== 'paid').reduce((sum, payment) => sum + payment.amountCents - payment.offsetCents, 0);
      const surplusCents = reportAccepted ? year.surplusCents : 0;
      return {
        fiscalYear: year.fiscalYear,
        paidCents: year.paidCents,
        spentCents: year.spentCents,
        surplusCents,
        reportAccepted,
        outstandingCents,
        unrecordedCents: recorded.length > 0 || outstandingCents > 0 ? 0 : surplusCents,
        recoveries: recorded.map(({ id, fiscalYear, amountCents, offsetCents, settledBy, settledAt, repaymentReference, recordedAt }) => ({ id, fiscalYear, amountCents, offsetCents, settledBy, settledAt, repaymentReference, recordedAt })),
      };
    });
  }

  private async readable(manager: EntityManager, actor: Actor, awardId: string): Promise<void> {
    if (hasRole(actor, 'approver') && !hasRole(actor, 'officer')) {
      if (!(await manager.existsBy(AwardEntity, { id: awardId }))) throw new NotFoundError('Award');
      return;
    }
    await this.awards.access(manager, actor, awardId);
  }

  private async lockedAward(manager: EntityManager, actor: Actor, awardId: string): Promise<AwardEntity> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers reconcile awards and settle recoveries');
    const award = await manager.findOne(AwardEntity, { where: { id: awardId }, lock: { mode: 'pessimistic_write' } });
    if (!award) throw new NotFoundError('Award');
    if (award.status !== 'accepted') throw new ConflictError('AWARD_NOT_ACCEPTED', `Only an accepted award is reconciled; this one is ${award.status}`);
    await this.independence.assertIndependent(manager, actor, award.organizationId);
    return award;
  }

  private async lockedRecovery(manager: EntityManager, actor: Actor, recoveryId: string, ofAward?: string): Promise<AwardRecoveryEntity> {
    const found = await manager.findOneBy(AwardRecoveryEntity, { id: recoveryId });
    if (!found || (ofAward !== undefined && found.awardId !== ofAward)) throw new NotFoundError('Recovery');
    await this.lockedAward(manager, actor, found.awardId);
    const recovery = await manager.findOneOrFail(AwardRecoveryEntity, { where: { id: recoveryId }, lock: { mode: 'pessimistic_write' } });
    if (recovery.settledBy) throw new ConflictError('RECOVERY_SETTLED', `This recovery was already settled by ${recovery.settledBy}`);
    return recovery;
  }
}
