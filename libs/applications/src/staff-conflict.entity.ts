import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** declared: the staff member said so; former_member: they belonged to the organization (written when they left or were removed). */
export type StaffConflictKind = 'declared' | 'former_member';

/** What keeps a staff member from acting on an organization's applications, besides a current membership. */
@Entity('staff_conflict')
export class StaffConflictEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  kind!: StaffConflictKind;

  /** The application a declaration was made on; null for a former membership, or once that application was deleted. */
  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;
}
