import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeSequenceCursor, ForbiddenError, NotFoundError, Page, PageRequest, toSequencePage } from '@grants/core';
import { Actor, OrganizationService } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';

export type AccessLogSubject = 'organization' | 'application' | 'award';

/** Who read or changed the organization's data, and when. */
export interface AccessLogEntry {
  occurredAt: Date;
  action: string;
  entityType: AccessLogSubject;
  entityId: string;
  /** The reference number of the application the event is about, when it has one. */
  referenceNumber: string | null;
  /** The name is null for the system; the whole actor is null when nobody was recorded. */
  actor: { name: string | null; role: string | null } | null;
}

interface AccessLogRow {
  seq: string;
  id: string;
  createdAt: Date;
  action: string;
  entityType: AccessLogSubject;
  entityId: string;
  referenceNumber: string | null;
  actorId: string | null;
  actorRole: string | null;
  actorName: string | null;
}

const EXPORT_PAGE_SIZE = 500;

/**
 * The organization's own view of the audit trail, for its owners: the OCAP principles (ownership,
 * control, access, possession) the Indigenous-Led Initiatives Fund follows, offered to every
 * organization.
 */
@Injectable()
export class AccessLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
  ) {}

  async forOwner(actor: Actor, organizationId: string, page: PageRequest): Promise<Page<AccessLogEntry>> {
    await this.assertOwner(actor, organizationId);
    return this.page(this.dataSource.manager, organizationId, page);
  }

  /** Owners only: editors are refused, and to anyone else, staff included, the organization does not exist. */
  async assertOwner(actor: Actor, organizationId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const role = await this.organizations.roleOf(actor, organizationId, manager);
    if (!role) throw new NotFoundError('Organization');
    if (role !== 'owner') throw new ForbiddenError('Only an owner of the organization sees who read or changed its data');
  }

  /** Every entry, newest first, read a page at a time. */
  async *entries(organizationId: string): AsyncGenerator<AccessLogEntry> {
    let cursor: string | undefined;
    do {
      const page = await this.page(this.dataSource.manager, organizationId, { limit: EXPORT_PAGE_SIZE, cursor });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  /**
   * Events on the organization, its applications and their awards, newest first. Decisions stay
   * the office's deliberation until released, so their events appear once the decision is.
   */
  private async page(manager: EntityManager, organizationId: string, page: PageRequest): Promise<Page<AccessLogEntry>> {
    const after = page.cursor ? decodeSequenceCursor(page.cursor) : null;
    const rows = (await manager.query(
      `WITH subject AS (
              SELECT 'organization'::text AS entity_type, $1::uuid::text AS entity_id, NULL::text AS reference_number, NULL::uuid AS application_id
        UNION ALL
              SELECT 'application', a.id::text, a.reference_number, a.id FROM application a WHERE a.organization_id = $1::uuid
        UNION ALL
              SELECT 'award', w.id::text, a.reference_number, a.id FROM award w JOIN application a ON a.id = w.application_id WHERE w.organization_id = $1::uuid
       )
       SELECT e.seq::text AS seq, e.id, e.occurred_at AS "createdAt", e.action, e.entity_type AS "entityType", e.entity_id AS "entityId",
              s.reference_number AS "referenceNumber", e.actor_id AS "actorId", e.actor_role AS "actorRole", u.name AS "actorName"
         FROM subject s
         JOIN audit_event e ON e.entity_id = s.entity_id AND e.entity_type = s.entity_type
         LEFT JOIN user_account u ON u.id = e.actor_id
        WHERE NOT (e.action IN ('application.decided', 'application.decision_changed')
                   AND NOT EXISTS (SELECT 1 FROM application_decision d WHERE d.application_id = s.application_id AND d.released_at IS NOT NULL))
          AND ($2::bigint IS NULL OR e.seq < $2::bigint)
        ORDER BY e.seq DESC
        LIMIT $3`,
      [organizationId, after, page.limit + 1],
    )) as AccessLogRow[];
    return toSequencePage(rows, page.limit, toEntry);
  }
}

function toEntry(row: AccessLogRow): AccessLogEntry {
  return {
    occurredAt: row.createdAt,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    referenceNumber: row.referenceNumber,
    actor: row.actorId === null && row.actorRole === null ? null : { name: row.actorName, role: row.actorRole },
  };
}
