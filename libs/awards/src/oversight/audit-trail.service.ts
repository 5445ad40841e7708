import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEventView, AuditService } from '@grants/audit';
import { ForbiddenError, Page, PageRequest } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource } from 'typeorm';
import { AccessLogSubject } from './access-log.service';

/** The action recorded when staff read the audit trail of an organization, an application or an award. */
export const AUDIT_TRAIL_VIEWED = 'audit_trail.viewed';

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

/** The audit trail of one entity, for the office's oversight. */
@Injectable()
export class AuditTrailService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * The trail reads what was done to an organization's data and by whom: the organization's owners
   * see that staff read it in their access log (OCAP). Recorded once read, before it is returned,
   * so a page of the trail does not show its own reading.
   */
  async eventsOf(actor: Actor, entityId: string, page: PageRequest): Promise<Page<AuditEventView>> {
    assertAuditReader(actor);
    const events = await this.audit.eventsOf(entityId, page);
    const subject = await this.organizationSubjectOf(entityId);
    if (subject) {
      await this.audit.record(this.dataSource.manager, { actor: { id: actor.userId, role: hasRole(actor, 'officer') ? 'officer' : 'admin' }, action: AUDIT_TRAIL_VIEWED, entityType: subject, entityId });
    }
    return events;
  }

  /** The application to show the trails of, or null when none matches. */
  async findApplication(actor: Actor, search: AuditApplicationSearch): Promise<AuditApplication | null> {
    assertAuditReader(actor);
    const rows = (await this.dataSource.query(
      `SELECT a.id AS "applicationId", a.reference_number AS "referenceNumber", w.id AS "awardId"
         FROM application a LEFT JOIN award w ON w.application_id = a.id
        WHERE ${'reference' in search ? 'upper(a.reference_number) = upper($1)' : '(a.id = $1::uuid OR w.id = $1::uuid)'}`,
      ['reference' in search ? search.reference : search.id],
    )) as AuditApplication[];
    return rows[0] ?? null;
  }

  /** Whether the entity is an organization's data, as its access log sees it: the organization, an application or an award. */
  private async organizationSubjectOf(entityId: string): Promise<AccessLogSubject | null> {
    const rows = (await this.dataSource.query(
      `SELECT 'application' AS type FROM application WHERE id = $1::uuid
       UNION ALL SELECT 'award' FROM award WHERE id = $1::uuid
       UNION ALL SELECT 'organization' FROM organization WHERE id = $1::uuid
       LIMIT 1`,
      [entityId],
    )) as Array<{ type: AccessLogSubject }>;
    return rows[0]?.type ?? null;
  }
}

function assertAuditReader(actor: Actor): void {
  if (!hasRole(actor, 'officer', 'admin')) throw new ForbiddenError('Only fund officers and administrators read the audit trail');
}
