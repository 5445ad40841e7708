import { bigintNumber } from '@grants/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BudgetCategory } from '@grants/applications';
import { ReportKind } from './rules/award-plan';
import { Settlement } from './rules/payment-ledger';

export const AWARD_STATUSES = ['offered', 'accepted', 'declined'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export const PAYMENT_STATUSES = ['scheduled', 'requested', 'approved', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export interface SpendingLine {
  fiscalYear: string;
  category: BudgetCategory;
  spentCents: number;
}

export const REPORT_STATUSES = ['due', 'submitted', 'accepted', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

@Entity('award')
export class AwardEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'approved_cents', type: 'bigint', transformer: bigintNumber })
  approvedCents!: number;

  @Column({ type: 'text' })
  conditions!: string;

  @Column({ type: 'text' })
  status!: AwardStatus;

  @Column({ name: 'accept_by', type: 'timestamptz' })
  acceptBy!: Date;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  @Column({ name: 'responded_by', type: 'uuid', nullable: true })
  respondedBy!: string | null;

  @Column({ type: 'integer' })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity('award_payment')
export class AwardPaymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'fiscal_year', type: 'text' })
  fiscalYear!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  /** `YYYY-MM-DD` */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'depends_on_report_id', type: 'uuid', nullable: true })
  dependsOnReportId!: string | null;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  @Column({ name: 'paid_by', type: 'uuid', nullable: true })
  paidBy!: string | null;

  @Column({ name: 'payment_reference', type: 'text', nullable: true })
  paymentReference!: string | null;

  /** The part of the last instalment kept until the final report is accepted. */
  @Column({ type: 'boolean' })
  holdback!: boolean;

  /** Kept by the Province against a recovery: what is paid is amountCents − offsetCents. */
  @Column({ name: 'offset_cents', type: 'bigint', transformer: bigintNumber })
  offsetCents!: number;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt!: Date | null;

  /** Fixed when requested, from the fund's threshold then. */
  @Column({ name: 'approvals_needed', type: 'integer', nullable: true })
  approvalsNeeded!: 1 | 2 | null;

  @Column({ name: 'first_approved_by', type: 'uuid', nullable: true })
  firstApprovedBy!: string | null;

  @Column({ name: 'first_approved_at', type: 'timestamptz', nullable: true })
  firstApprovedAt!: Date | null;

  @Column({ name: 'second_approved_by', type: 'uuid', nullable: true })
  secondApprovedBy!: string | null;

  @Column({ name: 'second_approved_at', type: 'timestamptz', nullable: true })
  secondApprovedAt!: Date | null;
}

@Entity('award_hold')
export class AwardHoldEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'placed_by', type: 'uuid' })
  placedBy!: string;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt!: Date;

  @Column({ name: 'lifted_by', type: 'uuid', nullable: true })
  liftedBy!: string | null;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt!: Date | null;
}

@Entity('award_report')
export class AwardReportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId!: string;

  @Column({ type: 'text' })
  kind!: ReportKind;

  @Column({ type: 'text' })
  period!: string;

  /** `YYYY-MM-DD` */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ type: 'text' })
  status!: ReportStatus;

  @Column({ name: 'spent_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  spentCents!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  outcomes!: Record<string, number> | null;

  @Column({ type: 'text', nullable: true })
  narrative!: string | null;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment!: string | null;

  /** Spending by budget line of the period; null on reports filed before reports gave lines. */
  @Column({ type: 'jsonb', nullable: true })
  spending!: SpendingLine[] | null;

  /** Why the office accepted spending beyond schedule D's flexibility without an amendment. */
  @Column({ name: 'variance_justification', type: 'text', nullable: true })
  varianceJustification!: string | null;

  @Column({ type: 'integer' })
  version!: number;
}

/** A year's surplus owed back to the Crown: kept from later payments (offset) or repaid. */
@Entity('award_recovery')
export class AwardRecoveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId!: string;

  @Column({ name: 'fiscal_year', type: 'text' })
  fiscalYear!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: bigintNumber })
  amountCents!: number;

  @Column({ name: 'offset_cents', type: 'bigint', transformer: bigintNumber })
  offsetCents!: number;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'settled_by', type: 'text', nullable: true })
  settledBy!: Settlement | null;

  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true })
  settledAt!: Date | null;

  @Column({ name: 'settled_by_user', type: 'uuid', nullable: true })
  settledByUser!: string | null;

  @Column({ name: 'repayment_reference', type: 'text', nullable: true })
  repaymentReference!: string | null;
}
