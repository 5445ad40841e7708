import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ASSIGNMENT_STATUSES = ['assigned', 'recused', 'removed', 'submitted'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface StoredScore {
  criterionKey: string;
  score: number;
  comment: string;
}

/** One reviewer's work on one application: conflict declaration, then scores. */
@Entity('review_assignment')
export class ReviewAssignmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'reviewer_id', type: 'uuid' })
  reviewerId!: string;

  @Column({ type: 'text' })
  status!: AssignmentStatus;

  @Column({ name: 'conflict_declared', type: 'boolean', nullable: true })
  conflictDeclared!: boolean | null;

  @Column({ name: 'conflict_explanation', type: 'text', nullable: true })
  conflictExplanation!: string | null;

  @Column({ type: 'jsonb' })
  scores!: StoredScore[];

  @Column({ name: 'overall_comment', type: 'text' })
  overallComment!: string;

  @Column({ name: 'weighted_score', type: 'numeric', nullable: true, transformer: { to: (value: number | null) => value, from: (value: string | null) => (value === null ? null : Number(value)) } })
  weightedScore!: number | null;

  @Column({ name: 'assigned_by', type: 'uuid', nullable: true })
  assignedBy!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;

  @Column({ name: 'declared_at', type: 'timestamptz', nullable: true })
  declaredAt!: Date | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;
}
