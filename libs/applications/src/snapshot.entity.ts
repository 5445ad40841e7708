import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What was submitted, frozen; the database refuses to change it. */
@Entity('application_snapshot')
export class SnapshotEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;

  @Column({ name: 'submitted_by', type: 'uuid' })
  submittedBy!: string;

  @Column({ type: 'jsonb' })
  content!: Record<string, unknown>;
}
