import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, decodeCursor, DomainError, encodeCursor, ForbiddenError, NotFoundError, Page, RuleViolationError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { stringify } from 'csv-stringify';
import { pipeline, Readable } from 'node:stream';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgreementVersionEntity } from '../agreements/agreement-version.entity';
import { AwardEntity, AwardPaymentEntity, PaymentStatus } from '../award.entity';
import { ontarioDate } from '../rules/award-plan';
import { spreadsheetText } from '../oversight/funds-report.service';
import { approvalsNeeded, approve, RequestCondition } from '../rules/payment-approval';
import { splitHoldback } from '../rules/payment-ledger';
import { PAYMENT_ROWS_SQL, paymentRow, PaymentRow, QueuedPayment, REQUESTABLE_SQL, toPaymentView } from './payment-rows';

export interface PaymentQuery {
  status?: PaymentStatus;
  /** Only scheduled payments whose conditions are met: the officers' "to request" queue. */
  requestable?: boolean;
  limit: number;
  cursor?: string;
}

export interface BulkApproval {
  approved: QueuedPayment[];
  refused: Array<{ paymentId: string; code: string; message: string; details?: Record<string, unknown> }>;
}

export interface FinanceFile {
  filename: string;
  content: Readable;
}

const CONDITION_MESSAGES: Record<RequestCondition, string> = {
  AWARD_ON_HOLD: 'The award is on hold: no payment of it can be requested or approved until the hold is lifted',
  AGREEMENT_NOT_EXECUTED: 'The agreement is not executed yet: payments start once both parties have signed it',
  PRIOR_REPORT_NOT_ACCEPTED: 'This instalment waits for the report of the period before it to be accepted',
  FINAL_REPORT_NOT_ACCEPTED: 'The holdback is paid once the final report is accepted',
};

export const FINANCE_FILE_COLUMNS = [
  'paymentId',
  'referenceNumber',
  'organizationLegalName',
  'businessNumber',
  'fundCode',
  'fiscalYear',
  'holdback',
  'amountCents',
  'dueOn',
  'requestedBy',
  'requestedAt',
  'approvedBy',
  'approvedAt',
] as const;

/**
 * A payment's way out of the Province (../shared/TRANSFER-PAYMENTS.md, "Payments"): an officer
 * requests it once its conditions are met, one approver (two, above the fund's threshold) other than
 * the requester approves it, and an officer records it paid with the finance system's reference.
 */
@Injectable()
export class PaymentService {
  private readonly logger = new Logger(PaymentService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** `ofAward`: the award a page acts from; a payment of another award is not found. */
  async request(actor: Actor, paymentId: string, ofAward?: string): Promise<QueuedPayment> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers request payments');
    return this.dataSource.transaction(async (manager) => {
      const { payment, row } = await this.locked(manager, actor, paymentId, ofAward);
      if (payment.status !== 'scheduled') throw new ConflictError('PAYMENT_NOT_SCHEDULED', `This payment was already ${payment.status}`, { status: payment.status });
      const view = toPaymentView(row, true);
      const [unmet] = view.waitingFor;
      if (unmet) throw new RuleViolationError(unmet, CONDITION_MESSAGES[unmet], { unmet: view.waitingFor });
      if (view.amountCents === 0) throw new ConflictError('NOTHING_TO_PAY', 'This payment was wholly kept against a recovery: there is nothing left to pay');
      if (await this.changedByPendingAmendment(manager, payment)) {
        throw new ConflictError('AMENDMENT_PENDING', 'An amendment that changes this payment waits for signatures: it can be requested once the amendment is executed');
      }
      const threshold = await this.thresholdOf(manager, payment.awardId);
      Object.assign(payment, { status: 'requested', requestedBy: actor.userId, requestedAt: this.clock.now(), approvalsNeeded: approvalsNeeded(view.amountCents, threshold) });
      await manager.save(payment);
      await this.record(manager, actor, 'officer', 'payment.requested', payment, 'scheduled', { approvalsNeeded: payment.approvalsNeeded });
      return this.queued(manager, actor, paymentId);
    });
  }

  /** One approval; the payment is `approved` once it has as many as it needs. */
  async approve(actor: Actor, paymentId: string): Promise<QueuedPayment> {
    if (!hasRole(actor, 'approver')) throw new ForbiddenError('Only staff with the approver role approve payments');
    return this.dataSource.transaction(async (manager) => {
      const { payment, row } = await this.locked(manager, actor, paymentId);
      if (payment.status !== 'requested') {
        throw new ConflictError('PAYMENT_NOT_REQUESTED', payment.status === 'scheduled' ? 'This payment has not been requested yet' : `This payment is already ${payment.status}`, { status: payment.status });
      }
      if (row.on_hold) throw new RuleViolationError('AWARD_ON_HOLD', CONDITION_MESSAGES.AWARD_ON_HOLD);
      const approvedBy = [payment.firstApprovedBy, payment.secondApprovedBy].filter((id): id is string => id !== null);
      const outcome = approve({ status: 'requested', requestedBy: payment.requestedBy!, approvalsNeeded: payment.approvalsNeeded!, approvedBy }, actor.userId);
      if ('refused' in outcome) {
        const because = outcome.refused === 'SEPARATION_OF_DUTIES' ? outcome.because : 'repeat';
        throw new DomainError(
          'forbidden',
          'SEPARATION_OF_DUTIES',
          because === 'requester' ? 'You requested this payment: someone else approves it' : 'You already approved this payment: its second approval is someone else’s',
          { because },
        );
      }
      const now = this.clock.now();
      if (outcome.chain.approvedBy.length === 1) Object.assign(payment, { firstApprovedBy: actor.userId, firstApprovedAt: now });
      else Object.assign(payment, { secondApprovedBy: actor.userId, secondApprovedAt: now });
      payment.status = outcome.chain.status;
      await manager.save(payment);
      await this.record(manager, actor, 'approver', 'payment.approved', payment, 'requested', { approval: outcome.chain.approvedBy.length, approvalsNeeded: outcome.chain.approvalsNeeded });
      return this.queued(manager, actor, paymentId);
    });
  }

  /** Each payment in its own transaction: one refused leaves the others approved. */
  async approveMany(actor: Actor, paymentIds: readonly string[]): Promise<BulkApproval> {
    if (!hasRole(actor, 'approver')) throw new ForbiddenError('Only staff with the approver role approve payments');
    const result: BulkApproval = { approved: [], refused: [] };
    for (const paymentId of new Set(paymentIds)) {
      try {
        result.approved.push(await this.approve(actor, paymentId));
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        result.refused.push({ paymentId, code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
      }
    }
    return result;
  }

  async recordPaid(actor: Actor, paymentId: string, reference: string, ofAward?: string): Promise<QueuedPayment> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers record payments');
    return this.dataSource.transaction(async (manager) => {
      const { payment } = await this.locked(manager, actor, paymentId, ofAward);
      if (payment.status !== 'approved') {
        throw new ConflictError('PAYMENT_NOT_APPROVED', payment.status === 'paid' ? 'This payment is already recorded as paid' : 'A payment is recorded as paid once it is approved', { status: payment.status });
      }
      Object.assign(payment, { status: 'paid', paidAt: this.clock.now(), paidBy: actor.userId, paymentReference: reference });
      await manager.save(payment);
      await this.record(manager, actor, 'officer', 'payment.recorded', payment, 'approved', { paymentReference: reference });
      return this.queued(manager, actor, paymentId);
    });
  }

  /** Staff queues: by status, soonest due first. */
  async list(actor: Actor, query: PaymentQuery): Promise<Page<QueuedPayment>> {
    if (!hasRole(actor, 'officer', 'approver')) throw new ForbiddenError('Only fund officers and approvers see the payments');
    const where: string[] = [`award.status = 'accepted'`];
    const parameters: unknown[] = [];
    if (query.status) where.push(`p.status = $${parameters.push(query.status)}`);
    if (query.requestable) where.push(REQUESTABLE_SQL);
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      where.push(`(p.due_on, p.id) > ($${parameters.push(ontarioDate(after.createdAt))}::date, $${parameters.push(after.id)}::uuid)`);
    }
    const rows = (await this.dataSource.query(`${PAYMENT_ROWS_SQL} WHERE ${where.join(' AND ')} ORDER BY p.due_on, p.id LIMIT $${parameters.push(query.limit + 1)}`, parameters)) as PaymentRow[];
    const items = rows.slice(0, query.limit);
    const last = items.at(-1);
    return {
      items: items.map((row) => this.toQueued(actor, row)),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ createdAt: new Date(`${last.due_on}T12:00:00Z`), id: last.id }) : null,
    };
  }

  /** The approved payments not yet recorded as paid, for the finance system. */
  async financeFile(actor: Actor): Promise<FinanceFile> {
    if (!hasRole(actor, 'officer', 'approver')) throw new ForbiddenError('Only fund officers and approvers export the finance file');
    const rows = (await this.dataSource.query(
      `SELECT q.*, organization.business_number FROM (${PAYMENT_ROWS_SQL} WHERE p.status = 'approved') q
         JOIN organization ON organization.id = q.organization_id
        ORDER BY q.due_on, q.id`,
    )) as Array<PaymentRow & { business_number: string | null }>;
    await this.audit.record(this.dataSource.manager, {
      actor: { id: actor.userId, role: hasRole(actor, 'officer') ? 'officer' : 'approver' },
      action: 'payments.finance_exported',
      entityType: 'user',
      entityId: actor.userId,
      details: { payments: rows.length, paymentIds: rows.map((row) => row.id) },
    });
    const csv = stringify({ bom: true, header: true, columns: [...FINANCE_FILE_COLUMNS] });
    const lines = rows.map((row) => {
      const view = toPaymentView(row, true);
      const approval = view.approvals.at(-1);
      return [
        row.id,
        row.reference_number ?? '',
        spreadsheetText(row.organization_name),
        row.business_number ?? '',
        row.fund_code,
        row.fiscal_year,
        row.holdback ? 'yes' : 'no',
        view.amountCents,
        row.due_on,
        spreadsheetText(view.requested?.by?.name ?? ''),
        view.requested?.at.toISOString() ?? '',
        spreadsheetText(view.approvals.map((step) => step.by?.name ?? '').join('; ')),
        approval?.at.toISOString() ?? '',
      ];
    });
    pipeline(Readable.from(lines), csv, (error) => {
      if (error) this.logger.warn({ err: error }, 'finance file stopped');
    });
    return { filename: `payments-approved-${ontarioDate(this.clock.now())}.csv`, content: csv };
  }

  /** The payment locked for the change, its award's facts, and the staff member's independence from the organization. */
  private async locked(manager: EntityManager, actor: Actor, paymentId: string, ofAward?: string): Promise<{ payment: AwardPaymentEntity; row: PaymentRow }> {
    const found = await manager.findOneBy(AwardPaymentEntity, { id: paymentId });
    if (!found || (ofAward !== undefined && found.awardId !== ofAward)) throw new NotFoundError('Payment');
    // The award first, shared: a hold or an amendment (which lock it for update) and this payment's change come one after the other.
    const award = await manager.findOneOrFail(AwardEntity, { where: { id: found.awardId }, lock: { mode: 'pessimistic_read' } });
    const payment = await manager.findOneOrFail(AwardPaymentEntity, { where: { id: paymentId }, lock: { mode: 'pessimistic_write' } });
    if (award.status !== 'accepted') throw new NotFoundError('Payment');
    await this.independence.assertIndependent(manager, actor, award.organizationId);
    const row = await paymentRow(manager, paymentId);
    return { payment, row: row! };
  }

  /** Whether the amendment waiting for signatures gives this payment another amount than the version in force. */
  private async changedByPendingAmendment(manager: EntityManager, payment: AwardPaymentEntity): Promise<boolean> {
    const versions = await manager.find(AgreementVersionEntity, { where: { awardId: payment.awardId, status: In(['generating', 'awaiting_recipient', 'awaiting_province', 'executed']) } });
    const pending = versions.find((version) => version.status !== 'executed');
    const inForce = versions.find((version) => version.status === 'executed');
    if (!pending || !inForce) return false;
    const partOf = (version: AgreementVersionEntity) => splitHoldback(version.schedules.e.instalments, version.schedules.e.holdbackPercent).find((part) => part.position === payment.position)?.amountCents;
    return partOf(pending) !== partOf(inForce);
  }

  private async thresholdOf(manager: EntityManager, awardId: string): Promise<number> {
    const [fund] = (await manager.query(
      `SELECT fund.second_approval_threshold_cents::text AS threshold FROM award JOIN call ON call.id = award.call_id JOIN fund ON fund.id = call.fund_id WHERE award.id = $1`,
      [awardId],
    )) as Array<{ threshold: string }>;
    return Number(fund!.threshold);
  }

  private async queued(manager: EntityManager, actor: Actor, paymentId: string): Promise<QueuedPayment> {
    return this.toQueued(actor, (await paymentRow(manager, paymentId))!);
  }

  private toQueued(actor: Actor, row: PaymentRow): QueuedPayment {
    const view = toPaymentView(row, true);
    return {
      ...view,
      award: { id: row.award_id, referenceNumber: row.reference_number, organizationId: row.organization_id, organizationName: row.organization_name, fundCode: row.fund_code, callId: row.call_id },
      onHold: row.on_hold,
      canRequest: view.status === 'scheduled' && view.waitingFor.length === 0 && view.amountCents > 0 && hasRole(actor, 'officer'),
      canApprove: view.status === 'requested' && !row.on_hold && hasRole(actor, 'approver') && ![row.requested_by, row.first_approved_by].includes(actor.userId),
    };
  }

  private async record(manager: EntityManager, actor: Actor, role: 'officer' | 'approver', action: string, payment: AwardPaymentEntity, fromState: PaymentStatus, details: Record<string, unknown>): Promise<void> {
    await this.audit.record(manager, {
      actor: { id: actor.userId, role },
      action,
      entityType: 'award',
      entityId: payment.awardId,
      fromState,
      toState: payment.status,
      details: { paymentId: payment.id, fiscalYear: payment.fiscalYear, holdback: payment.holdback, amountCents: payment.amountCents - payment.offsetCents, ...details },
    });
  }
}
