import { bigintNumber } from '@grants/core';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApplicationForm, Eligibility, Localized, OutcomeMeasure, RequiredAttachment, Rubric } from './call-terms';

@Entity('call')
export class CallEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'fund_id', type: 'uuid' })
  fundId!: string;

  @Column({ type: 'jsonb' })
  title!: Partial<Localized>;

  @Column({ type: 'jsonb' })
  description!: Partial<Localized>;

  @Column({ name: 'opens_at', type: 'timestamptz', nullable: true })
  opensAt!: Date | null;

  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true })
  closesAt!: Date | null;

  @Column({ name: 'budget_envelope_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  budgetEnvelopeCents!: number | null;

  @Column({ name: 'min_request_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  minRequestCents!: number | null;

  @Column({ name: 'max_request_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  maxRequestCents!: number | null;

  @Column({ name: 'max_duration_months', type: 'integer', nullable: true })
  maxDurationMonths!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  eligibility!: Eligibility | null;

  @Column({ type: 'jsonb', nullable: true })
  form!: ApplicationForm | null;

  @Column({ name: 'required_attachments', type: 'jsonb' })
  requiredAttachments!: RequiredAttachment[];

  @Column({ type: 'jsonb', nullable: true })
  rubric!: Rubric | null;

  @Column({ name: 'reviewers_per_application', type: 'integer', nullable: true })
  reviewersPerApplication!: number | null;

  @Column({ name: 'disagreement_threshold', type: 'numeric', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  disagreementThreshold!: number;

  @Column({ name: 'outcome_measures', type: 'jsonb' })
  outcomeMeasures!: OutcomeMeasure[];

  /** The percent of an award's total kept from its last instalment until the final report is accepted. */
  @Column({ name: 'holdback_percent', type: 'integer' })
  holdbackPercent!: number;

  @Column({ name: 'review_due_at', type: 'timestamptz', nullable: true })
  reviewDueAt!: Date | null;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
