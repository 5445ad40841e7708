import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, BudgetLineEntity, StaffConflictError, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity } from '@grants/calls';
import { Clock, ForbiddenError, JobRequeueService, NotFoundError, OutboxService, QueueRegistry } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { sendEmailJob } from '@grants/notifications';
import { DecisionEntity } from '@grants/reviews';
import { DataSource, EntityManager, In } from 'typeorm';
import { AwardEntity, AwardReportEntity } from './award.entity';
import { LETTER_JOB_PREFIXES, letterJobIds, renderLetterJob } from './letter-jobs';
import { DecisionReleaseEntity } from './release.entity';
import { ontarioDate, planAward } from './rules/award-plan';
import { scheduledPayment } from './payments/payment-plan-sync';
import { splitHoldback } from './rules/payment-ledger';

/** How long an organization has to accept an offered award. */
export const ACCEPTANCE_WINDOW_DAYS = 30;
const DAY_MS = 24 * 3600_000;

export interface LetterFailure {
  applicationId: string;
  referenceNumber: string | null;
  stage: 'letter' | 'email';
  error: string;
  failedAt: Date;
}

/** A letter whose last try failed and that will be tried again on its own. */
export interface LetterRetry {
  applicationId: string;
  referenceNumber: string | null;
  stage: 'letter' | 'email';
  /** Why the last try failed. */
  error: string;
  attempts: number;
  nextAttemptAt: Date | null;
}

export interface ReleaseProgress {
  id: string;
  callId: string;
  total: number;
  lettersGenerated: number;
  emailsSent: number;
  failed: number;
  /** Letters whose last try failed and that are tried again by themselves. */
  retrying: number;
  /** Letters neither done nor failed that the queue does not hold (Redis lost them, or is away): the worker's reconciler puts them back. */
  stalled: number;
  /**
   * `running` while work is in flight; `stalled` when some is left and none is in the queue (Redis
   * away, or lost its data); then `completed` or `completed_with_failures` once every letter is
   * emailed or has failed for good.
   */
  status: 'running' | 'stalled' | 'completed' | 'completed_with_failures';
  createdAt: Date;
  failures: LetterFailure[];
  retries: LetterRetry[];
}

interface LetterRow {
  application_id: string;
  reference_number: string | null;
  generated: boolean;
  emailed: boolean;
  failed_job: string | null;
  error: string | null;
  failed_at: Date | null;
  gave_up: boolean | null;
  attempts: number | null;
  next_attempt_at: Date | null;
}

/**
 * Releasing a call's decisions: every decided, unreleased application gets its letter and its
 * email queued, and each approval becomes an award offer with its payment schedule and reports
 * (in the background, by the letter's job).
 */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly jobs: JobRequeueService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly independence: StaffIndependenceService,
    private readonly queues: QueueRegistry,
  ) {}

  /**
   * Records the release in one short transaction and returns: the call's decided, unreleased
   * applications are marked released, each gets its letter row and its letter job, and the audit
   * events are written in bulk. Offering the awards (payment schedules, reports) and rendering the
   * letters happen in the background, one job per application, whose progress `progress` reads.
   * 403 STAFF_CONFLICT, naming the applications, when any decision to release is of an organization
   * the officer may not act on: another officer releases.
   */
  async release(actor: Actor, callId: string): Promise<ReleaseProgress> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers release decisions');
    const releaseId = await this.dataSource.transaction(async (manager) => {
      // One release at a time per call: a second request waits, then finds nothing left to release.
      const call = await manager.findOne(CallEntity, { where: { id: callId }, lock: { mode: 'pessimistic_write' } });
      if (!call) throw new NotFoundError('Call');
      const decisions: Array<{ application_id: string; outcome: string; status: string; locale: string }> = await manager.query(
        `SELECT d.application_id, d.outcome, a.status, o.preferred_language AS locale
           FROM application_decision d
           JOIN application a ON a.id = d.application_id
           JOIN organization o ON o.id = a.organization_id
          WHERE a.call_id = $1 AND d.released_at IS NULL
          ORDER BY a.reference_number
            FOR UPDATE OF d`,
        [callId],
      );
      const applicationIds = decisions.map((decision) => decision.application_id);
      await this.assertIndependentOf(manager, actor, applicationIds);
      const release = await manager.save(manager.create(DecisionReleaseEntity, { callId, releasedBy: actor.userId, total: decisions.length }));
      await manager.query(`UPDATE application_decision SET released_at = $2, release_id = $3 WHERE application_id = ANY($1)`, [applicationIds, this.clock.now(), release.id]);
      await manager.query(
        `INSERT INTO decision_letter (application_id, release_id, kind, locale)
         SELECT application_id, $2, kind, locale FROM unnest($1::uuid[], $3::text[], $4::text[]) AS letter (application_id, kind, locale)`,
        [applicationIds, release.id, decisions.map((decision) => (decision.outcome === 'approved' ? 'award' : 'decline')), decisions.map((decision) => decision.locale)],
      );
      await this.outbox.enqueueMany(manager, renderLetterJob, applicationIds.map((applicationId) => ({ key: applicationId, payload: { applicationId } })));
      const officer = { id: actor.userId, role: 'officer' as const };
      await this.audit.recordMany(manager, [
        ...decisions.map((decision) => ({
          actor: officer,
          action: 'application.decision_released',
          entityType: 'application',
          entityId: decision.application_id,
          toState: decision.status,
          details: { releaseId: release.id },
        })),
        { actor: officer, action: 'call.decisions_released', entityType: 'call', entityId: callId, details: { releaseId: release.id, total: decisions.length } },
      ]);
      return release.id;
    });
    return this.progress(actor, callId, releaseId);
  }

  /**
   * The award offer of a released approval, with its payment schedule and reports, made by the
   * letter's job before the letter that states them is rendered. Made once: a retried job finds it.
   */
  async offerAward(applicationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const decision = await manager.findOne(DecisionEntity, { where: { applicationId }, lock: { mode: 'pessimistic_write' } });
      if (!decision?.releaseId || decision.outcome !== 'approved') return;
      if (await manager.existsBy(AwardEntity, { applicationId })) return;
      const release = await manager.findOneByOrFail(DecisionReleaseEntity, { id: decision.releaseId });
      const application = await manager.findOneByOrFail(ApplicationEntity, { id: applicationId });
      await this.createAward(manager, release.releasedBy, application, decision, decision.releasedAt ?? this.clock.now());
    });
  }

  async progress(actor: Actor, callId: string, releaseId: string): Promise<ReleaseProgress> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers follow releases');
    const release = await this.dataSource.getRepository(DecisionReleaseEntity).findOneBy({ id: releaseId, callId });
    if (!release) throw new NotFoundError('Release');
    const rows: LetterRow[] = await this.dataSource.query(
      `SELECT l.application_id, a.reference_number, l.generated_at IS NOT NULL AS generated, d.job_id IS NOT NULL AS emailed,
              f.job_id AS failed_job, f.error, f.failed_at, f.gave_up, f.attempts, f.next_attempt_at
         FROM decision_letter l
         JOIN application a ON a.id = l.application_id
         LEFT JOIN email_delivery d ON d.job_id = $2 || l.application_id
         LEFT JOIN job_failure f ON f.job_id IN ($3 || l.application_id, $2 || l.application_id)
        WHERE l.release_id = $1
        ORDER BY a.reference_number`,
      [releaseId, LETTER_JOB_PREFIXES.email, LETTER_JOB_PREFIXES.render],
    );
    const stageOf = (jobId: string): 'letter' | 'email' => (jobId.startsWith(LETTER_JOB_PREFIXES.render) ? 'letter' : 'email');
    const open = rows.filter((row) => row.failed_job !== null && !row.emailed);
    const failures = open
      .filter((row) => row.gave_up)
      .map((row) => ({ applicationId: row.application_id, referenceNumber: row.reference_number, stage: stageOf(row.failed_job!), error: row.error ?? '', failedAt: row.failed_at! }));
    const failedIds = new Set(failures.map((failure) => failure.applicationId));
    const retries = open
      .filter((row) => !row.gave_up && !failedIds.has(row.application_id))
      .map((row) => ({
        applicationId: row.application_id,
        referenceNumber: row.reference_number,
        stage: stageOf(row.failed_job!),
        error: row.error ?? '',
        attempts: row.attempts ?? 0,
        nextAttemptAt: row.next_attempt_at,
      }));
    const emailed = new Set(rows.filter((row) => row.emailed).map((row) => row.application_id));
    const pending = [...new Set(rows.map((row) => row.application_id))].filter((id) => !emailed.has(id) && !failedIds.has(id));
    const generated = new Set(rows.filter((row) => row.generated).map((row) => row.application_id));
    const stalled = await this.stalledOf(pending, generated);
    const emailsSent = emailed.size;
    const failed = failedIds.size;
    const finished = emailsSent + failed >= release.total;
    return {
      id: release.id,
      callId,
      total: release.total,
      lettersGenerated: generated.size,
      emailsSent,
      failed,
      retrying: new Set(retries.map((retry) => retry.applicationId)).size,
      stalled,
      status: finished ? (failed > 0 ? 'completed_with_failures' : 'completed') : stalled === pending.length ? 'stalled' : 'running',
      createdAt: release.createdAt,
      failures,
      retries,
    };
  }

  /** How many of these unfinished letters have no job waiting, running or retrying: the job of their current step is neither queued nor still in the outbox. */
  private async stalledOf(applicationIds: string[], generated: ReadonlySet<string>): Promise<number> {
    if (applicationIds.length === 0) return 0;
    const steps = applicationIds.map((id) => {
      const ids = letterJobIds(id);
      return generated.has(id) ? { jobId: ids.email, queue: sendEmailJob.queue } : { jobId: ids.render, queue: renderLetterJob.queue };
    });
    const inOutbox: Array<{ job_id: string }> = await this.dataSource.query(`SELECT job_id FROM outbox_message WHERE job_id = ANY($1) AND dispatched_at IS NULL`, [steps.map((step) => step.jobId)]);
    const waitingToBeQueued = new Set(inOutbox.map((row) => row.job_id));
    const toLookUp = steps.filter((step) => !waitingToBeQueued.has(step.jobId));
    // Redis away: nothing is in flight, and the relay is holding the rest in the outbox.
    if (!(await this.queues.reachable())) return applicationIds.length;
    const states = await Promise.all(toLookUp.map((step) => this.queues.get(step.queue).getJobState(step.jobId)));
    return states.filter((state) => state === 'unknown' || state === 'completed').length;
  }

  /** The call's releases, the latest first, so an officer can go back to one (to see it done, or retry its failures). */
  async releasesOf(actor: Actor, callId: string): Promise<Array<Pick<ReleaseProgress, 'id' | 'callId' | 'total' | 'createdAt'>>> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers follow releases');
    const releases = await this.dataSource.getRepository(DecisionReleaseEntity).find({ where: { callId }, order: { createdAt: 'DESC' } });
    return releases.map(({ id, total, createdAt }) => ({ id, callId, total, createdAt }));
  }

  /** Tries failed letters again (after the cause was fixed: a mail server down, a full disk...). */
  async retryFailed(actor: Actor, callId: string, releaseId: string): Promise<ReleaseProgress> {
    const { failures } = await this.progress(actor, callId, releaseId);
    await this.assertIndependentOf(this.dataSource.manager, actor, failures.map((failure) => failure.applicationId));
    for (const failure of failures) {
      const ids = letterJobIds(failure.applicationId);
      const [jobId, queue] = failure.stage === 'letter' ? [ids.render, renderLetterJob.queue] : [ids.email, sendEmailJob.queue];
      if (!(await this.jobs.requeue(queue, jobId, ['failed']))) continue;
      await this.audit.record(this.dataSource.manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'application.letter_retried',
        entityType: 'application',
        entityId: failure.applicationId,
        details: { releaseId, stage: failure.stage, error: failure.error },
      });
    }
    return this.progress(actor, callId, releaseId);
  }

  /** Refuses the whole of it when the officer may not act on the organization of any of these applications, naming them. */
  private async assertIndependentOf(manager: EntityManager, actor: Actor, applicationIds: string[]): Promise<void> {
    if (applicationIds.length === 0) return;
    const conflicted = await this.independence.conflictedOrganizations(actor, manager);
    if (conflicted.size === 0) return;
    const applications = await manager.find(ApplicationEntity, { where: { id: In([...new Set(applicationIds)]) }, order: { referenceNumber: 'ASC' } });
    const concerned = applications.filter((application) => conflicted.has(application.organizationId));
    if (concerned.length === 0) return;
    throw new StaffConflictError(conflicted.get(concerned[0]!.organizationId)!, { referenceNumbers: concerned.map((application) => application.referenceNumber) });
  }

  private async createAward(manager: EntityManager, releasedBy: string, application: ApplicationEntity, decision: DecisionEntity, now: Date): Promise<void> {
    const budget = await manager.find(BudgetLineEntity, { where: { applicationId: application.id } });
    const plan = planAward(decision.approvedCents!, budget, ontarioDate(now));
    const award = await manager.save(
      manager.create(AwardEntity, {
        applicationId: application.id,
        organizationId: application.organizationId,
        callId: application.callId,
        approvedCents: decision.approvedCents!,
        conditions: decision.conditions,
        status: 'offered',
        acceptBy: new Date(now.getTime() + ACCEPTANCE_WINDOW_DAYS * DAY_MS),
        respondedAt: null,
        respondedBy: null,
        version: 1,
      }),
    );
    const reports = await manager.save(plan.reports.map((report) => manager.create(AwardReportEntity, { awardId: award.id, ...report, status: 'due', version: 1 })));
    const reportId = (dependsOn: { kind: string; period: string } | null): string | null =>
      dependsOn ? reports.find((report) => report.kind === dependsOn.kind && report.period === dependsOn.period)!.id : null;
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const instalments = plan.payments.map((payment, position) => ({ ...payment, position }));
    // The holdback is a payment of its own, released by the final report.
    const parts = splitHoldback(instalments, call.holdbackPercent).filter((part) => part.amountCents > 0);
    await manager.save(
      parts.map((part) => {
        const instalment = instalments.find((candidate) => candidate.position === (part.holdback ? part.position - 1 : part.position))!;
        return scheduledPayment(manager, award.id, part, instalment.dueOn, part.holdback ? reportId({ kind: 'final', period: plan.reports.at(-1)!.period }) : reportId(instalment.dependsOn));
      }),
    );
    await this.audit.record(manager, {
      actor: { id: releasedBy, role: 'officer' },
      action: 'award.offered',
      entityType: 'award',
      entityId: award.id,
      toState: 'offered',
      details: { applicationId: application.id, approvedCents: award.approvedCents, payments: parts.length },
    });
  }
}
