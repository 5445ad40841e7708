import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { CallEntity, Localized } from '@grants/calls';
import { AppConfig, Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole, OrganizationEntity } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity, ApplicationStatus } from './application.entity';
import { MemberNotifier } from './member-notifier';
import { ScreeningEntity, ScreeningOutcome, ScreeningStep } from './screening.entity';
import { StaffIndependenceService } from './staff-independence.service';

export interface Screening {
  applicationId: string;
  status: ApplicationStatus;
  outcome: ScreeningStep;
  reason: string;
  screenedAt: Date;
}

/** One step of an application's screening, with the officer who took it. */
export interface ScreeningRecord {
  outcome: ScreeningStep;
  /** The reason, or the message of a request for information. */
  reason: string;
  respondBy: Date | null;
  screenedAt: Date;
  officer: { id: string; name: string };
}

const STATUS_AFTER: Record<ScreeningStep, ApplicationStatus> = { eligible: 'in_review', ineligible: 'ineligible', information_requested: 'information_requested' };

/** Officers check each submitted application's eligibility before it goes to review. */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly members: MemberNotifier,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Returns a submitted application to its organization with the officer's message; the
   * organization may change and resubmit it until respondBy, and a new snapshot is kept.
   */
  async requestInformation(actor: Actor, applicationId: string, message: string, respondBy: Date): Promise<Screening> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers screen applications');
    if (respondBy <= this.clock.now()) throw new RuleViolationError('RESPOND_BY_IN_PAST', 'respondBy must be in the future');
    return this.dataSource.transaction(async (manager) => {
      const { application, screening } = await this.recordStep(manager, actor, applicationId, 'information_requested', message, respondBy, 'application.information_requested');
      const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
      await this.members.emailMembers(manager, organization, `information-requested/${screening.id}`, 'information-requested', {
        organizationName: organization.legalName,
        referenceNumber: application.referenceNumber ?? '',
        message,
        respondBy: respondBy.toISOString(),
        applicationUrl: new URL(`/applications/${applicationId}`, this.config.appUrl).toString(),
      });
      return { applicationId, status: application.status, outcome: 'information_requested', reason: message, screenedAt: screening.screenedAt };
    });
  }

  async screen(actor: Actor, applicationId: string, outcome: ScreeningOutcome, reason: string): Promise<Screening> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers screen applications');
    return this.dataSource.transaction(async (manager) => {
      const { application, screening } = await this.recordStep(manager, actor, applicationId, outcome, reason, null, 'application.screened');
      if (outcome === 'ineligible') {
        const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
        const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
        await this.members.emailMembers(manager, organization, `application-ineligible/${screening.id}`, 'application-ineligible', {
          organizationName: organization.legalName,
          callTitle: call.title as Localized,
          referenceNumber: application.referenceNumber ?? '',
          reason,
          applicationUrl: new URL(`/applications/${applicationId}`, this.config.appUrl).toString(),
        });
      }
      return { applicationId, status: application.status, outcome, reason, screenedAt: screening.screenedAt };
    });
  }

  /** Every screening step of an application, oldest first, with who took it. Officers only. */
  async history(actor: Actor, applicationId: string): Promise<ScreeningRecord[]> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see the screening history of an application');
    if (!(await this.dataSource.getRepository(ApplicationEntity).existsBy({ id: applicationId }))) throw new NotFoundError('Application');
    const rows = (await this.dataSource.query(
      `SELECT s.outcome, s.reason, s.respond_by, s.screened_at, s.officer_id, u.name AS officer_name
         FROM application_screening s JOIN user_account u ON u.id = s.officer_id
        WHERE s.application_id = $1 ORDER BY s.screened_at`,
      [applicationId],
    )) as Array<{ outcome: ScreeningStep; reason: string; respond_by: Date | null; screened_at: Date; officer_id: string; officer_name: string }>;
    return rows.map((row) => ({ outcome: row.outcome, reason: row.reason, respondBy: row.respond_by, screenedAt: row.screened_at, officer: { id: row.officer_id, name: row.officer_name } }));
  }

  /** Locks a submitted application, refuses a conflicted officer, records the screening step, moves its status and audits it. */
  private async recordStep(
    manager: EntityManager,
    actor: Actor,
    applicationId: string,
    outcome: ScreeningStep,
    reason: string,
    respondBy: Date | null,
    action: string,
  ): Promise<{ application: ApplicationEntity; screening: ScreeningEntity }> {
    const application = await manager.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new NotFoundError('Application');
    await this.independence.assertIndependent(manager, actor, application.organizationId);
    if (application.status !== 'submitted') {
      throw new ConflictError('NOT_AWAITING_SCREENING', `Only a submitted application can be screened; this one is ${application.status}`);
    }
    const screening = await manager.save(manager.create(ScreeningEntity, { applicationId, outcome, reason, respondBy, officerId: actor.userId }));
    application.status = STATUS_AFTER[outcome];
    application.version += 1;
    await manager.save(application);
    await this.audit.record(manager, {
      actor: { id: actor.userId, role: 'officer' },
      action,
      entityType: 'application',
      entityId: applicationId,
      fromState: 'submitted',
      toState: application.status,
      // The reason (or the request's message) stays in the screening step and beside the event, not in it.
      details: { outcome, ...(respondBy ? { respondBy } : {}) },
      deliberation: { reason },
    });
    return { application, screening };
  }
}
