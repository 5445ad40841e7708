import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SCREENING_OUTCOMES = ['eligible', 'ineligible'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

@Entity('application_screening')
export class ScreeningEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  outcome!: ScreeningOutcome;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @CreateDateColumn({ name: 'screened_at', type: 'timestamptz' })
  screenedAt!: Date;
}
