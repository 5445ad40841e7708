import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'information_requested', 'withdrawn', 'ineligible', 'in_review', 'approved', 'declined', 'awarded'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** The organization may change its application: while drafting, and when asked for more information. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'information_requested';
}

@Entity('application')
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text' })
  status!: ApplicationStatus;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  answers!: Record<string, unknown>;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'reference_number', type: 'text', nullable: true })
  referenceNumber!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true })
  withdrawnAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
