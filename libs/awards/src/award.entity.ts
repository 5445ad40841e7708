import { bigintNumber } from '@grants/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReportKind } from './rules/award-plan';

export const AWARD_STATUSES = ['offered', 'accepted', 'declined'] as const;
export type AwardStatus = (typeof AWARD_STATUSES)[number];
export const PAYMENT_STATUSES = ['scheduled', 'payable', 'paid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
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

  @Column({ type: 'integer' })
  version!: number;
}
