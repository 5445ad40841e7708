import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const SCREENING_OUTCOMES = ['eligible', 'ineligible'] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];
/** What a screening row records: a decision, or a request for more information. */
export type ScreeningStep = ScreeningOutcome | 'information_requested';

@Entity('application_screening')
export class ScreeningEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  outcome!: ScreeningStep;

  @Column({ type: 'text' })
  reason!: string;

  /** Until when the organization may resubmit, for a request for more information. */
  @Column({ name: 'respond_by', type: 'timestamptz', nullable: true })
  respondBy!: Date | null;

  @Column({ name: 'officer_id', type: 'uuid' })
  officerId!: string;

  @CreateDateColumn({ name: 'screened_at', type: 'timestamptz' })
  screenedAt!: Date;
}
