import { Injectable } from '@nestjs/common';
import { AuditEventView, AuditService } from '@grants/audit';
import { ForbiddenError, Page, PageRequest } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';

/** The audit trail of one entity, for the office's oversight. */
@Injectable()
export class AuditTrailService {
  constructor(private readonly audit: AuditService) {}

  async eventsOf(actor: Actor, entityId: string, page: PageRequest): Promise<Page<AuditEventView>> {
    if (!hasRole(actor, 'officer', 'admin')) throw new ForbiddenError('Only fund officers and administrators read the audit trail');
    return this.audit.eventsOf(entityId, page);
  }
}
