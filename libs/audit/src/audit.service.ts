import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { currentRequestId } from '@grants/core';
import { EntityManager, Repository } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditActor {
  id: string | null;
  role: string | null;
}

/** The system itself, for changes no person made (scheduled work, migrations, seed data). */
export const SYSTEM_ACTOR: AuditActor = { id: null, role: 'system' };

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Records the event in the caller's transaction, so the change and its audit stand or fall together. */
  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEventEntity> {
    return manager.getRepository(AuditEventEntity).save(
      manager.getRepository(AuditEventEntity).create({
        actorId: record.actor.id,
        actorRole: record.actor.role,
        action: record.action,
        entityType: record.entityType,
        entityId: record.entityId,
        fromState: record.fromState ?? null,
        toState: record.toState ?? null,
        requestId: currentRequestId(),
        details: record.details ?? {},
      }),
    );
  }

  /** Events of one entity, oldest first. */
  forEntity(entityId: string): Promise<AuditEventEntity[]> {
    return this.events.find({ where: { entityId }, order: { occurredAt: 'ASC', id: 'ASC' } });
  }
}
