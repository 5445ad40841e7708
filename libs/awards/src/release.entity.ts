import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One run of "release decisions" for a call. */
@Entity('decision_release')
export class DecisionReleaseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'call_id', type: 'uuid' })
  callId!: string;

  @Column({ name: 'released_by', type: 'uuid' })
  releasedBy!: string;

  @Column({ type: 'integer' })
  total!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The letter of one released decision; stored once the worker has rendered it. */
@Entity('decision_letter')
export class DecisionLetterEntity {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'release_id', type: 'uuid' })
  releaseId!: string;

  @Column({ type: 'text' })
  kind!: 'award' | 'decline';

  @Column({ type: 'text' })
  locale!: 'en' | 'fr';

  @Column({ name: 'storage_key', type: 'text', nullable: true })
  storageKey!: string | null;

  @Column({ name: 'size_bytes', type: 'integer', nullable: true })
  sizeBytes!: number | null;

  @Column({ name: 'generated_at', type: 'timestamptz', nullable: true })
  generatedAt!: Date | null;
}
