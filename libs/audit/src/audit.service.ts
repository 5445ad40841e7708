import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { currentRequestId, decodeSequenceCursor, Page, PageRequest, toSequencePage } from '@grants/core';
import { EntityManager, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventDeliberationEntity } from './audit-event-deliberation.entity';
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
  /**
   * Words someone wrote while deliberating (a rationale, a reason, a comment): kept apart from the
   * event in audit_event_deliberation, for fund officers; details say only whether there were any.
   */
  deliberation?: Record<string, string | null>;
}

/** The action recorded when someone reads an entity's audit trail. */
export const AUDIT_TRAIL_VIEWED = 'audit_trail.viewed';

/** How often an entity's trail was read, shown instead of one line per read. */
export interface AuditTrailReads {
  count: number;
  /** The latest read, when there was one. */
  last: { occurredAt: Date; actor: { id: string | null; name: string | null; role: string | null } } | null;
}

/** One event as officers read it, with the name of the person who acted. */
export interface AuditEventView {
  id: string;
  occurredAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  fromState: string | null;
  toState: string | null;
  /** Null when nobody is recorded; `{id: null, name: null, role: 'system'}` for the system. */
  actor: { id: string | null; name: string | null; role: string | null } | null;
  details: Record<string, unknown>;
}

interface AuditEventRow {
  seq: string;
  id: string;
  createdAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  fromState: string | null;
  toState: string | null;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
  details: Record<string, unknown>;
}

function eventFields(record: AuditRecord, requestId: string | null): Omit<AuditEventEntity, 'id' | 'occurredAt'> {
  return {
    actorId: record.actor.id,
    actorRole: record.actor.role,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    fromState: record.fromState ?? null,
    toState: record.toState ?? null,
    requestId,
    details: record.details ?? {},
  };
}

/** Rows per INSERT: 9 parameters each, far below PostgreSQL's 65,535. */
const AUDIT_BATCH = 1000;

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  /** Records the event in the caller's transaction, so the change and its audit stand or fall together. */
  async record(manager: EntityManager, record: AuditRecord): Promise<AuditEventEntity> {
    // Nearly every write records one: plain SQL rather than a repository's save and its read-back.
    const fields = eventFields(record, currentRequestId());
    const [row] = (await manager.query(
      `INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id, from_state, to_state, request_id, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, occurred_at`,
      [fields.actorId, fields.actorRole, fields.action, fields.entityType, fields.entityId, fields.fromState, fields.toState, fields.requestId, JSON.stringify(fields.details)],
    )) as Array<{ id: string; occurred_at: Date }>;
    const event = Object.assign(new AuditEventEntity(), { id: row!.id, occurredAt: row!.occurred_at, ...fields });
    const texts = Object.fromEntries(Object.entries(record.deliberation ?? {}).filter(([, text]) => text !== null && text !== undefined && text !== ''));
    if (Object.keys(texts).length > 0) {
      await manager.getRepository(AuditEventDeliberationEntity).insert({ eventId: event.id, texts });
    }
    return event;
  }

  /**
   * Records many events in one statement (a release of thousands of decisions), in the caller's
   * transaction and in the order given. Not for events with deliberation texts: record those one by one.
   */
  async recordMany(manager: EntityManager, records: AuditRecord[]): Promise<void> {
    const requestId = currentRequestId();
    for (let start = 0; start < records.length; start += AUDIT_BATCH) {
      const batch = records.slice(start, start + AUDIT_BATCH).map((record) => {
        if (record.deliberation && Object.values(record.deliberation).some((text) => text)) throw new Error(`recordMany cannot keep the deliberation of ${record.action}`);
        return eventFields(record, requestId);
      });
      // details is JSON, which TypeORM's partial-entity type does not see through.
      await manager.getRepository(AuditEventEntity).insert(batch as QueryDeepPartialEntity<AuditEventEntity>[]);
    }
  }

  /** Events of one entity, oldest first. */
  forEntity(entityId: string): Promise<AuditEventEntity[]> {
    return this.events.createQueryBuilder('event').where('event.entityId = :entityId', { entityId }).orderBy('event.seq', 'ASC').getMany();
  }

  /**
   * Events of one entity in the order they were written, a page at a time. Reads of the trail
   * itself are left out unless asked for: readsOf sums them up.
   */
  async eventsOf(entityId: string, page: PageRequest, options: { withReads?: boolean } = {}): Promise<Page<AuditEventView>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : null;
    const rows = (await this.events.query(
      `SELECT e.seq::text AS seq, e.id, e.occurred_at AS "createdAt", e.action, e.entity_type AS "entityType", e.entity_id AS "entityId",
              e.from_state AS "fromState", e.to_state AS "toState", e.actor_id AS "actorId", e.actor_role AS "actorRole",
              u.name AS "actorName", e.details
         FROM audit_event e
         -- The identity library builds on this one, so the name is read from its table.
         LEFT JOIN user_account u ON u.id = e.actor_id
        WHERE e.entity_id = $1
          AND ($2::bigint IS NULL OR e.seq > $2::bigint)
          AND ($4::boolean OR e.action <> $5)
        ORDER BY e.seq
        LIMIT $3`,
      [entityId, after, page.limit + 1, options.withReads === true, AUDIT_TRAIL_VIEWED],
    )) as AuditEventRow[];
    return toSequencePage(rows, page.limit, toAuditEventView);
  }

  /** How many times the entity's trail was read, and the latest read. */
  async readsOf(entityId: string): Promise<AuditTrailReads> {
    const [row] = (await this.events.query(
      `SELECT count(*) OVER () AS count, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", e.actor_role AS "actorRole", u.name AS "actorName"
         FROM audit_event e LEFT JOIN user_account u ON u.id = e.actor_id
        WHERE e.entity_id = $1 AND e.action = $2
        ORDER BY e.seq DESC
        LIMIT 1`,
      [entityId, AUDIT_TRAIL_VIEWED],
    )) as Array<{ count: string; occurredAt: Date; actorId: string | null; actorRole: string | null; actorName: string | null }>;
    if (!row) return { count: 0, last: null };
    return { count: Number(row.count), last: { occurredAt: row.occurredAt, actor: { id: row.actorId, name: row.actorName, role: row.actorRole } } };
  }
}

function toAuditEventView(row: AuditEventRow): AuditEventView {
  const actor = row.actorId === null && row.actorRole === null ? null : { id: row.actorId, name: row.actorName, role: row.actorRole };
  return {
    id: row.id,
    occurredAt: row.createdAt,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    fromState: row.fromState,
    toState: row.toState,
    actor,
    details: row.details,
  };
}
