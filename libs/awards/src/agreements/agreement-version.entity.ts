import { bigintNumber } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { Locale } from '@grants/identity';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const AGREEMENT_STATUSES = ['generating', 'awaiting_recipient', 'awaiting_province', 'executed', 'superseded'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** One version of an award's Transfer Payment Agreement (see the agreement_version table). */
@Entity('agreement_version')
export class AgreementVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'award_id', type: 'uuid' })
  awardId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  status!: AgreementStatus;

  @Column({ type: 'jsonb' })
  schedules!: AgreementSchedules;

  @Column({ name: 'total_cents', type: 'bigint', transformer: bigintNumber })
  totalCents!: number;

  @Column({ type: 'text' })
  locale!: Locale;

  /** Why the officer amended it; null for version 1. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'proposed_by', type: 'uuid' })
  proposedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ name: 'pdf_sha256', type: 'text', nullable: true })
  pdfSha256!: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true, transformer: bigintNumber })
  sizeBytes!: number | null;

  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true })
  generatedAt!: Date | null;

  @Column({ name: 'recipient_signed_by', type: 'uuid', nullable: true })
  recipientSignedBy!: string | null;

  @Column({ name: 'recipient_signer_name', type: 'text', nullable: true })
  recipientSignerName!: string | null;

  @Column({ name: 'recipient_signer_title', type: 'text', nullable: true })
  recipientSignerTitle!: string | null;

  @Column({ name: 'recipient_signed_at', type: 'timestamptz', nullable: true })
  recipientSignedAt!: Date | null;

  @Column({ name: 'province_signed_by', type: 'uuid', nullable: true })
  provinceSignedBy!: string | null;

  @Column({ name: 'province_signer_name', type: 'text', nullable: true })
  provinceSignerName!: string | null;

  @Column({ name: 'province_signer_title', type: 'text', nullable: true })
  provinceSignerTitle!: string | null;

  @Column({ name: 'province_signed_at', type: 'timestamptz', nullable: true })
  provinceSignedAt!: Date | null;
}
