import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** Proof that the email of one job went out, so a retried job never sends it again. */
@Entity('email_delivery')
export class EmailDeliveryEntity {
  @PrimaryColumn({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ type: 'text' })
  template!: string;

  @Column({ type: 'text', array: true })
  recipients!: string[];

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId!: string | null;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
