import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A staff member's declared conflict of interest with the organization of an application. */
@Entity('staff_conflict')
export class StaffConflictEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'declared_at', type: 'timestamptz' })
  declaredAt!: Date;
}
