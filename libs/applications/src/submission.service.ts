import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { CallEntity, FundEntity, Localized, callPhase, eligibilityProblems, missingAnswers } from '@grants/calls';
import { AppConfig, Clock, ConflictError, NotFoundError, OutboxService, RuleViolationError } from '@grants/core';
import { Actor, DATA_SHARING_VERSION, describeProfileProblem, hasAcceptedDataSharing, OrganizationEntity, OrganizationService } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { ApplicationEntity } from './application.entity';
import { Application, ApplicationService } from './application.service';
import { MemberNotifier } from './member-notifier';
import { ScreeningEntity } from './screening.entity';
import { SnapshotEntity } from './snapshot.entity';
import { renderSubmissionJob, submissionJobKey } from './submission-pdf-jobs';
import { formatReferenceNumber } from './rules/budget-rules';

/** One reason an application cannot be submitted yet, with submit()'s refusal code. */
export interface SubmissionProblem {
  code: 'DEADLINE_PASSED' | 'CALL_NOT_OPEN' | 'INELIGIBLE' | 'ORGANIZATION_PROFILE_INCOMPLETE' | 'DATA_SHARING_AGREEMENT_NOT_ACCEPTED' | 'MISSING_ANSWERS' | 'MISSING_ATTACHMENTS' | 'REQUEST_OUT_OF_RANGE';
  message: string;
  details: Record<string, unknown>;
}

export interface Submission {
  status: Application['status'];
  referenceNumber: string;
  submittedAt: Date;
}

/** The project part's fields, which every application must fill in before it is submitted. */
const PROJECT_FIELDS = ['title', 'summary'] as const;

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
    private readonly organizations: OrganizationService,
    private readonly outbox: OutboxService,
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
        return { status: await this.applications.statusSeenBy(actor, application, manager), referenceNumber: application.referenceNumber, submittedAt: application.submittedAt };
      }

      const now = this.clock.now();
      const { call, organization, view, problems } = await this.problemsOf(manager, application, now);
      const [first] = problems;
      if (first) throw new RuleViolationError(first.code, first.message, first.details);

      const fund = await manager.findOneByOrFail(FundEntity, { id: call.fundId });
      const year = Number(ONTARIO_YEAR.format(now));
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
            businessNumber: organization.businessNumber,
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
      // Its PDF is made in the background, with the snapshot or not at all.
      await this.outbox.enqueue(manager, renderSubmissionJob, submissionJobKey(id, next), { applicationId: id, version: next });
      const members = await this.members.members(manager, organization.id);
      // A resubmission keeps its number; a first submission takes the next one. Taken last: the
      // fund's counter row stays locked until commit, so every submission of the fund waits for it.
      const referenceNumber = application.referenceNumber ?? formatReferenceNumber(fund.code, year, await nextReferenceSequence(manager, fund.code, year));
      application.status = 'submitted';
      application.referenceNumber = referenceNumber;
      // The first submission's moment stays: it breaks ties in the ranking.
      application.submittedAt = application.submittedAt ?? now;
      application.version += 1;
      // update, not save: save would read the row again first, while the counter row is locked.
      await manager.update(ApplicationEntity, { id }, { status: application.status, referenceNumber, submittedAt: application.submittedAt, version: application.version });
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'applicant' },
        action: resubmission ? 'application.resubmitted' : 'application.submitted',
        entityType: 'application',
        entityId: id,
        fromState: resubmission ? 'information_requested' : 'draft',
        toState: 'submitted',
        details: { referenceNumber, requestedCents: view.requestedCents, snapshotVersion: next },
      });
      await this.members.emailEach(manager, members, organization, `application-submitted/${id}/v${next}`, 'application-submitted', {
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

  /**
   * Everything that stops the application being submitted now, in the order submit() checks it
   * (submit refuses with the first): the same rules, for a page listing what is still missing.
   */
  async problems(actor: Actor, id: string): Promise<SubmissionProblem[]> {
    const access = await this.applications.readAccess(actor, id);
    // The organization's checklist, and the office's; a reviewer has nothing to submit.
    if (access.asReviewer) throw new NotFoundError('Application');
    return (await this.problemsOf(this.dataSource.manager, access.application, this.clock.now())).problems;
  }

  private async problemsOf(
    manager: EntityManager,
    application: ApplicationEntity,
    now: Date,
  ): Promise<{ call: CallEntity; organization: OrganizationEntity; view: Application; problems: SubmissionProblem[] }> {
    const problems: SubmissionProblem[] = [];
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    if (application.status === 'information_requested') {
      // Answering a request for more information: the officer's date counts, not the call's.
      const request = await manager.findOneOrFail(ScreeningEntity, { where: { applicationId: application.id, outcome: 'information_requested' }, order: { screenedAt: 'DESC' } });
      if (request.respondBy && now >= request.respondBy) {
        problems.push({ code: 'DEADLINE_PASSED', message: `The information was due by ${request.respondBy.toISOString()}`, details: { respondBy: request.respondBy } });
      }
    } else {
      const phase = callPhase(call, now);
      if (phase === 'closed' && !call.closedAt) {
        problems.push({ code: 'DEADLINE_PASSED', message: `The call closed at ${call.closesAt?.toISOString()}; applications can no longer be submitted`, details: { closesAt: call.closesAt } });
      } else if (phase !== 'open') {
        problems.push({ code: 'CALL_NOT_OPEN', message: `This call is ${phase}: applications can be submitted only while it is open`, details: { phase } });
      }
    }

    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId });
    const reasons = eligibilityProblems(call.eligibility!, organization);
    if (reasons.length > 0) problems.push({ code: 'INELIGIBLE', message: `Your organization is not eligible for this call: ${reasons.join('; ')}`, details: { reasons } });
    const missingFromProfile = await this.organizations.profileProblems(manager, organization.id);
    if (missingFromProfile.length > 0) {
      problems.push({
        code: 'ORGANIZATION_PROFILE_INCOMPLETE',
        message: `Complete your organization’s profile first: ${missingFromProfile.map(describeProfileProblem).join('; ')}`,
        details: { missing: missingFromProfile },
      });
    }
    // OCAP®: the Indigenous-Led Initiatives Fund holds an organization's data only under the agreement it accepted.
    const fund = await manager.findOneByOrFail(FundEntity, { id: call.fundId });
    if (fund.code === 'ILIF' && !(await hasAcceptedDataSharing(manager, organization.id))) {
      problems.push({
        code: 'DATA_SHARING_AGREEMENT_NOT_ACCEPTED',
        message: `Your organization’s signing authority accepts the data-sharing agreement (version ${DATA_SHARING_VERSION}) before it submits to the Indigenous-Led Initiatives Fund`,
        details: { organizationId: organization.id, version: DATA_SHARING_VERSION },
      });
    }

    // The title and summary are required like any required answer, under their PATCH names; `project`
    // and `questions` tell them apart from a question that happens to be keyed "title".
    const project = PROJECT_FIELDS.filter((field) => application[field].trim() === '');
    const questions = missingAnswers(call.form!, application.answers);
    const missing = [...project, ...questions];
    if (missing.length > 0) {
      problems.push({ code: 'MISSING_ANSWERS', message: `Answer every required question first: ${missing.join(', ')}`, details: { keys: missing, project, questions } });
    }

    const view = await this.applications.view(manager, application);
    const attached = new Set(view.attachments.map((attachment) => attachment.key));
    const missingAttachments = call.requiredAttachments.filter((required) => !attached.has(required.key)).map((required) => required.key);
    if (missingAttachments.length > 0) {
      problems.push({ code: 'MISSING_ATTACHMENTS', message: `Attach every required document first: ${missingAttachments.join(', ')}`, details: { keys: missingAttachments } });
    }
    if (view.requestedCents < call.minRequestCents! || view.requestedCents > call.maxRequestCents!) {
      problems.push({
        code: 'REQUEST_OUT_OF_RANGE',
        message: 'The budget total must be within the amounts this call funds',
        details: { requestedCents: view.requestedCents, minRequestCents: call.minRequestCents, maxRequestCents: call.maxRequestCents },
      });
    }
    return { call, organization, view, problems };
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
