import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { CallEntity, FundEntity, Localized, callPhase, eligibilityProblems, missingAnswers } from '@grants/calls';
import { AppConfig, Clock, ConflictError, RuleViolationError } from '@grants/core';
import { Actor, OrganizationEntity } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { Application, ApplicationService } from './application.service';
import { MemberNotifier } from './member-notifier';
import { ScreeningEntity } from './screening.entity';
import { SnapshotEntity } from './snapshot.entity';
import { formatReferenceNumber } from './rules/budget-rules';

export interface Submission {
  status: Application['status'];
  referenceNumber: string;
  submittedAt: Date;
}

const ONTARIO_YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric' });

/**
 * Submission: every rule checked against the server's clock, then a frozen snapshot and a
 * reference number, gap-free per fund and year, and a confirmation to every member.
 */
@Injectable()
export class SubmissionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly members: MemberNotifier,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Submits the draft; submitting what is already submitted answers the same result again. */
  async submit(actor: Actor, id: string): Promise<Submission> {
    return this.dataSource.transaction(async (manager) => {
      // The row lock makes parallel submits of one application queue up behind the first.
      const application = await this.applications.lockForMember(manager, actor, id);
      if (application.status === 'withdrawn') throw new ConflictError('APPLICATION_WITHDRAWN', 'This application was withdrawn');
      const resubmission = application.status === 'information_requested';
      if (!resubmission && application.status !== 'draft' && application.referenceNumber && application.submittedAt) {
        return { status: await this.applications.asOrganizationSees(application, manager), referenceNumber: application.referenceNumber, submittedAt: application.submittedAt };
      }

      const now = this.clock.now();
      const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
      if (resubmission) {
        // Answering a request for more information: the officer's date counts, not the call's.
        const request = await manager.findOneOrFail(ScreeningEntity, { where: { applicationId: id, outcome: 'information_requested' }, order: { screenedAt: 'DESC' } });
        if (request.respondBy && now >= request.respondBy) {
          throw new RuleViolationError('DEADLINE_PASSED', `The information was due by ${request.respondBy.toISOString()}`, { respondBy: request.respondBy });
        }
      } else {
        const phase = callPhase(call, now);
        if (phase === 'closed' && !call.closedAt) {
          throw new RuleViolationError('DEADLINE_PASSED', `The call closed at ${call.closesAt?.toISOString()}; applications can no longer be submitted`, { closesAt: call.closesAt });
        }
        if (phase !== 'open') throw new RuleViolationError('CALL_NOT_OPEN', `This call is ${phase}: applications can be submitted only while it is open`);
      }

      const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
      const reasons = eligibilityProblems(call.eligibility!, organization);
      if (reasons.length > 0) throw new RuleViolationError('INELIGIBLE', `Your organization is not eligible for this call: ${reasons.join('; ')}`, { reasons });

      const missing = missingAnswers(call.form!, application.answers);
      if (missing.length > 0) throw new RuleViolationError('MISSING_ANSWERS', `Answer every required question first: ${missing.join(', ')}`, { keys: missing });

      const view = await this.applications.view(manager, application);
      const attached = new Set(view.attachments.map((attachment) => attachment.key));
      const missingAttachments = call.requiredAttachments.filter((required) => !attached.has(required.key)).map((required) => required.key);
      if (missingAttachments.length > 0) {
        throw new RuleViolationError('MISSING_ATTACHMENTS', `Attach every required document first: ${missingAttachments.join(', ')}`, { keys: missingAttachments });
      }
      if (view.requestedCents < call.minRequestCents! || view.requestedCents > call.maxRequestCents!) {
        throw new RuleViolationError('REQUEST_OUT_OF_RANGE', 'The budget total must be within the amounts this call funds', {
          requestedCents: view.requestedCents,
          minRequestCents: call.minRequestCents,
          maxRequestCents: call.maxRequestCents,
        });
      }

      const fund = await manager.findOneByOrFail(FundEntity, { id: call.fundId });
      const year = Number(ONTARIO_YEAR.format(now));
      // A resubmission keeps its number; a first submission takes the next one.
      const referenceNumber = application.referenceNumber ?? formatReferenceNumber(fund.code, year, await nextReferenceSequence(manager, fund.code, year));
      const [{ next }] = (await manager.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM application_snapshot WHERE application_id = $1`, [id])) as Array<{ next: number }>;
      await manager.insert(SnapshotEntity, {
        applicationId: id,
        version: next,
        submittedAt: now,
        submittedBy: actor.userId,
        content: {
          call: { id: call.id, fund: fund.code, title: call.title },
          organization: {
            id: organization.id,
            legalName: organization.legalName,
            operatingName: organization.operatingName,
            type: organization.type,
            registrationNumber: organization.registrationNumber,
            region: organization.region,
            address: { line1: organization.addressLine1, city: organization.addressCity, postalCode: organization.addressPostalCode },
            indigenousLed: organization.indigenousLed,
            preferredLanguage: organization.preferredLanguage,
          },
          title: view.title,
          summary: view.summary,
          answers: view.answers,
          budget: view.budget,
          requestedCents: view.requestedCents,
          attachments: view.attachments.map(({ id: attachmentId, key, filename, sha256, sizeBytes, contentType }) => ({ id: attachmentId, key, filename, sha256, sizeBytes, contentType })),
        },
      });
      application.status = 'submitted';
      application.referenceNumber = referenceNumber;
      // The first submission's moment stays: it breaks ties in the ranking.
      application.submittedAt = application.submittedAt ?? now;
      application.version += 1;
      await manager.save(application);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: resubmission ? 'application.resubmitted' : 'application.submitted',
        entityType: 'application',
        entityId: id,
        fromState: resubmission ? 'information_requested' : 'draft',
        toState: 'submitted',
        details: { referenceNumber, requestedCents: view.requestedCents, snapshotVersion: next },
      });
      await this.members.emailMembers(manager, organization, `application-submitted/${id}/v${next}`, 'application-submitted', {
        organizationName: organization.legalName,
        callTitle: call.title as Localized,
        referenceNumber,
        submittedAt: now.toISOString(),
        requestedCents: view.requestedCents,
        applicationUrl: new URL(`/applications/${id}`, this.config.appUrl).toString(),
      });
      return { status: 'submitted', referenceNumber, submittedAt: application.submittedAt };
    });
  }

}

/** The next number for the fund and year. The row stays locked until the caller's transaction ends. */
export async function nextReferenceSequence(manager: EntityManager, fundCode: string, year: number): Promise<number> {
  const [row] = (await manager.query(
    `INSERT INTO reference_sequence (fund_code, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (fund_code, year) DO UPDATE SET last_number = reference_sequence.last_number + 1
     RETURNING last_number`,
    [fundCode, year],
  )) as Array<{ last_number: number }>;
  return row!.last_number;
}
