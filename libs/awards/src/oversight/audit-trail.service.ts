import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { StaffIndependenceService } from '@grants/applications';
import { AUDIT_TRAIL_VIEWED, AuditEventView, AuditService, AuditTrailReads } from '@grants/audit';
import { ForbiddenError, Page, PageRequest } from '@grants/core';
import { Actor, ADMIN_NO_CONTENT, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';

/** An application found for the audit trail, with its award if it has one: both trails are shown together. */
export interface AuditApplication {
  applicationId: string;
  referenceNumber: string | null;
  awardId: string | null;
}

/** A reference number as submission writes them: fund code, year, number (CBSF-2027-0042); any case. */
export const REFERENCE_NUMBER_PATTERN = /^[A-Z]{2,10}-\d{4}-\d{1,8}$/i;

/** An application's reference number (any case), or the identifier of the application or of its award. */
export type AuditApplicationSearch = { reference: string } | { id: string };

/** One page of a trail, with how often the trail was read before (each read is an event the page leaves out). */
export interface AuditTrailPage extends Page<AuditEventView> {
  reads: AuditTrailReads;
}

/** The words of a deliberation kept beside one event of a trail. */
export interface AuditDeliberation {
  eventId: string;
  occurredAt: Date;
  action: string;
  actor: { id: string | null; name: string | null; role: string | null } | null;
  texts: Record<string, string>;
}

/** Trails an administrator reads: those of accounts (a user, a session), never of what an organization sent. */
const ACCOUNT_TRAILS: ReadonlySet<string> = new Set(['user', 'session']);

/**
 * Every read of an audit trail goes through here. Fund officers read every trail; administrators
 * read the trails of accounts only, as they manage accounts and not applications (ADMIN_NO_CONTENT);
 * nobody else reads a trail. Each read is itself an `audit_trail.viewed` event on the entity.
 */
@Injectable()
export class AuditTrailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly independence: StaffIndependenceService,
  ) {}

  /**
   * The trail reads what was done to an entity and by whom; for an organization's data (the
   * organization, an application, an award) its owners see the read in their access log (OCAP).
   * The reads of the trail are summed up in `reads` rather than listed, unless withReads: the page
   * does not fill with its own readings. Recorded before the trail is returned.
   */
  async eventsOf(actor: Actor, entityId: string, page: PageRequest, options: { withReads?: boolean } = {}): Promise<AuditTrailPage> {
    const subject = await this.subjectOf(entityId);
    assertTrailReader(actor, subject);
    await this.assertIndependentOf(actor, entityId);
    const reads = await this.audit.readsOf(entityId);
    const events = await this.audit.eventsOf(entityId, page, options);
    // An identifier nothing was recorded under reveals nothing: there is no read to record.
    if (subject) await this.recordRead(actor, subject, entityId, {});
    return { ...events, reads };
  }

  /**
   * The words of the deliberations recorded with the entity's events (rationales, reasons,
   * comments), oldest first, including those a later decision replaced. Fund officers only.
   */
  async deliberationsOf(actor: Actor, entityId: string): Promise<AuditDeliberation[]> {
    assertOfficer(actor);
    await this.assertIndependentOf(actor, entityId);
    const rows = (await this.dataSource.query(
      `SELECT e.id AS "eventId", e.occurred_at AS "occurredAt", e.action, e.actor_id AS "actorId", e.actor_role AS "actorRole", u.name AS "actorName", d.texts
         FROM audit_event e
         JOIN audit_event_deliberation d ON d.event_id = e.id
         LEFT JOIN user_account u ON u.id = e.actor_id
        WHERE e.entity_id = $1
        ORDER BY e.seq`,
      [entityId],
    )) as Array<{ eventId: string; occurredAt: Date; action: string; actorId: string | null; actorRole: string | null; actorName: string | null; texts: Record<string, string> }>;
    const subject = await this.subjectOf(entityId);
    if (subject) await this.recordRead(actor, subject, entityId, { what: 'deliberations' });
    return rows.map(({ actorId, actorRole, actorName, ...row }) => ({ ...row, actor: actorId === null && actorRole === null ? null : { id: actorId, name: actorName, role: actorRole } }));
  }

  /** The application to show the trails of, or null when none matches. An administrator is refused one that exists. */
  async findApplication(actor: Actor, search: AuditApplicationSearch): Promise<AuditApplication | null> {
    assertTrailReader(actor, null);
    const rows = (await this.dataSource.query(
      `SELECT a.id AS "applicationId", a.reference_number AS "referenceNumber", w.id AS "awardId"
         FROM application a LEFT JOIN award w ON w.application_id = a.id
        WHERE ${'reference' in search ? 'upper(a.reference_number) = upper($1)' : '(a.id = $1::uuid OR w.id = $1::uuid)'}`,
      ['reference' in search ? search.reference : search.id],
    )) as AuditApplication[];
    const found = rows[0] ?? null;
    if (found) assertTrailReader(actor, 'application');
    return found;
  }

  /**
   * The trails of an organization's application (its award, its reviews) hold the deliberation on it:
   * 403 STAFF_CONFLICT for staff tied to the organization, as for the reviews and the decision themselves.
   */
  private async assertIndependentOf(actor: Actor, entityId: string): Promise<void> {
    if (!hasRole(actor, 'officer')) return;
    const [owner] = (await this.dataSource.query(
      `SELECT organization_id FROM application WHERE id = $1::uuid
       UNION ALL SELECT organization_id FROM award WHERE id = $1::uuid
       UNION ALL SELECT a.organization_id FROM review_assignment r JOIN application a ON a.id = r.application_id WHERE r.id = $1::uuid
       LIMIT 1`,
      [entityId],
    )) as Array<{ organization_id: string }>;
    if (owner) await this.independence.assertIndependent(this.dataSource.manager, actor, owner.organization_id);
  }

  private async recordRead(actor: Actor, entityType: string, entityId: string, details: Record<string, unknown>): Promise<void> {
    const role = hasRole(actor, 'officer') ? 'officer' : 'admin';
    await this.audit.record(this.dataSource.manager, { actor: { id: actor.userId, role }, action: AUDIT_TRAIL_VIEWED, entityType, entityId, details });
  }

  /**
   * What the entity is: an organization's data (the organization, an application, an award), an
   * account (a user, a session), or else what its events say it is; null when nothing is known of it.
   */
  private async subjectOf(entityId: string): Promise<string | null> {
    const rows = (await this.dataSource.query(
      `SELECT 'application' AS type FROM application WHERE id = $1::uuid
       UNION ALL SELECT 'award' FROM award WHERE id = $1::uuid
       UNION ALL SELECT 'organization' FROM organization WHERE id = $1::uuid
       UNION ALL SELECT 'user' FROM user_account WHERE id = $1::uuid
       UNION ALL SELECT 'session' FROM session WHERE id = $1::uuid
       UNION ALL (SELECT entity_type FROM audit_event WHERE entity_id = $1::uuid::text ORDER BY seq LIMIT 1)
       LIMIT 1`,
      [entityId],
    )) as Array<{ type: string }>;
    return rows[0]?.type ?? null;
  }
}

/** Officers read every trail; administrators those of accounts, and nothing yet known to be content. */
function assertTrailReader(actor: Actor, subject: string | null): void {
  if (hasRole(actor, 'officer')) return;
  if (!hasRole(actor, 'admin')) throw new ForbiddenError('Only fund officers and administrators read the audit trail');
  if (subject !== null && !ACCOUNT_TRAILS.has(subject)) throw ADMIN_NO_CONTENT();
}

function assertOfficer(actor: Actor): void {
  if (hasRole(actor, 'officer')) return;
  if (hasRole(actor, 'admin')) throw ADMIN_NO_CONTENT();
  throw new ForbiddenError('Only fund officers read the deliberations kept with the audit trail');
}
