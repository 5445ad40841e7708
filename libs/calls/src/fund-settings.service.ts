import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { DomainError, ForbiddenError, formatMoney, NotFoundError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { FundCode, Localized } from './call-terms';
import { FundEntity } from './fund.entity';

/** Whole cents, from $1.00 to $100,000,000.00: the API's DTO and the admin page both check against it. */
export const SECOND_APPROVAL_THRESHOLD_CENTS = { min: 100, max: 10_000_000_000 } as const;

export const FUND_APPROVAL_THRESHOLD_CHANGED = 'fund.approval_threshold_changed';

/** A fund's controls on its payments. */
export interface FundPaymentControls {
  fundId: string;
  code: FundCode;
  name: Localized;
  /** A payment above this amount needs a second approval by a different approver. */
  secondApprovalThresholdCents: number;
}

@Injectable()
export class FundSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Every fund's payment controls, for the staff who set them, request payments or approve them. */
  async paymentControls(actor: Actor): Promise<FundPaymentControls[]> {
    if (!hasRole(actor, 'admin', 'officer', 'approver')) throw new ForbiddenError('Only administrators, fund officers and approvers see the funds’ payment controls');
    const funds = await this.dataSource.getRepository(FundEntity).find({ order: { code: 'ASC' } });
    return funds.map(toControls);
  }

  /**
   * Sets the amount above which a fund's payments need a second approval. It applies to payments
   * requested from then on: a payment already requested keeps the number of approvals fixed when
   * it was requested (PaymentService), so changing the threshold never reopens or completes one.
   * Setting the amount it already has changes nothing and records nothing.
   */
  async setSecondApprovalThreshold(actor: Actor, fundId: string, cents: number): Promise<FundPaymentControls> {
    if (!hasRole(actor, 'admin')) throw new ForbiddenError('Only administrators set a fund’s payment controls');
    const { min, max } = SECOND_APPROVAL_THRESHOLD_CENTS;
    if (!Number.isSafeInteger(cents) || cents < min || cents > max) {
      throw new DomainError('invalid', 'THRESHOLD_OUT_OF_RANGE', `secondApprovalThresholdCents must be whole cents from ${formatMoney('en', min)} to ${formatMoney('en', max)}`, { field: 'secondApprovalThresholdCents', min, max });
    }
    return this.dataSource.transaction(async (manager) => {
      const fund = await manager.findOne(FundEntity, { where: { id: fundId }, lock: { mode: 'pessimistic_write' } });
      if (!fund) throw new NotFoundError('Fund');
      const fromCents = fund.secondApprovalThresholdCents;
      if (fromCents !== cents) {
        await manager.update(FundEntity, { id: fundId }, { secondApprovalThresholdCents: cents });
        await this.audit.record(manager, {
          actor: { id: actor.userId, role: 'admin' },
          action: FUND_APPROVAL_THRESHOLD_CHANGED,
          entityType: 'fund',
          entityId: fundId,
          fromState: String(fromCents),
          toState: String(cents),
          details: { fromCents, toCents: cents },
        });
      }
      return toControls(Object.assign(fund, { secondApprovalThresholdCents: cents }));
    });
  }
}

function toControls(fund: FundEntity): FundPaymentControls {
  return { fundId: fund.id, code: fund.code, name: { en: fund.nameEn, fr: fund.nameFr }, secondApprovalThresholdCents: fund.secondApprovalThresholdCents };
}
