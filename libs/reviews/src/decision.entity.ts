import { bigintNumber } from '@grants/core';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('application_decision')
export class DecisionEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  outcome!: 'approved' | 'declined';

  @Column({ name: 'approved_cents', type: 'bigint', nullable: true, transformer: bigintNumber })
  approvedCents!: number | null;

  @Column({ type: 'text' })
  conditions!: string;

  @Column({ type: 'text' })
  rationale!: string;

  @Column({ name: 'override_reason', type: 'text', nullable: true })
  overrideReason!: string | null;

  @Column({ type: 'text', nullable: true })
  feedback!: string | null;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'release_id', type: 'uuid', nullable: true })
  releaseId!: string | null;
}
