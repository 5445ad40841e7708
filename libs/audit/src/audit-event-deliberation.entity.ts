import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The words of a deliberation (a decision's rationale, conditions, override reason and feedback,
 * a screening reason, a report review's comment) as they stood at one audit event. The event says
 * what changed and who did it; the text is kept beside it, for fund officers, never in the trail.
 * Never updated.
 */
@Entity('audit_event_deliberation')
export class AuditEventDeliberationEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'jsonb' })
  texts!: Record<string, string | null>;
}
