import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, ApplicationStatus, StaffConflictReason, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity, FundEntity, Localized } from '@grants/calls';
import { AppConfig, Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole, UserEntity } from '@grants/identity';
import { NotificationService } from '@grants/notifications';
import { DataSource, EntityManager, In } from 'typeorm';
import { ReviewAssignmentEntity } from './review-assignment.entity';
import { AssignmentApplication, AssignmentReviewer, AssignmentShortfall, planAssignments } from './rules/assignment';

export interface AutoAssignment {
  created: number;
  shortfalls: AssignmentShortfall[];
  /** Applications left alone because the acting officer may not act on their organization's. */
  conflicted: Array<{ applicationId: string; referenceNumber: string | null; reason: StaffConflictReason }>;
}

/** A reviewer an officer may assign by hand, with their open assignments in the call. */
export interface AssignableReviewer {
  id: string;
  name: string;
  email: string;
  currentLoad: number;
}

/** An application of a call with its reviewers, for the officer's view of who reviews what. */
export interface ApplicationReviewers {
  applicationId: string;
  referenceNumber: string | null;
  organizationName: string;
  status: ApplicationStatus;
  /** In the order they were assigned; removed assignments are left out. */
  reviewers: Array<{ id: string; name: string; status: 'assigned' | 'submitted' | 'recused' }>;
}

/** The statuses of applications that have reviewers (the ranking's). */
const REVIEWED_STATUSES: readonly ApplicationStatus[] = ['in_review', 'approved', 'declined', 'awarded'];

export interface ConflictDeclaration {
  id: string;
  status: ReviewAssignmentEntity['status'];
  conflictDeclared: boolean;
}

/**
 * Who reviews what: automatic balanced assignment within the fund's pool, assignment by hand,
 * removal, and the reviewer's conflict declaration (a conflict recuses and reassigns).
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Gives every application in review the call's number of reviewers; running it again adds only what is missing. */
  async autoAssign(actor: Actor, callId: string): Promise<AutoAssignment> {
    assertOfficer(actor);
    return this.dataSource.transaction(async (manager) => {
      // One assignment run per call at a time.
      const call = await manager.findOne(CallEntity, { where: { id: callId }, lock: { mode: 'pessimistic_write' } });
      if (!call || !call.publishedAt) throw new NotFoundError('Call');
      const applications = await manager.find(ApplicationEntity, { where: { callId, status: 'in_review' }, order: { submittedAt: 'ASC' } });
      const conflictedWith = await this.independence.conflictedOrganizations(actor, manager);
      const conflicted = applications.flatMap((application) => {
        const reason = conflictedWith.get(application.organizationId);
        return reason ? [{ applicationId: application.id, referenceNumber: application.referenceNumber, reason }] : [];
      });
      const filled = await this.fill(manager, actor.userId, call, applications.filter((application) => !conflictedWith.has(application.organizationId)));
      return { ...filled, conflicted };
    });
  }

  async assign(actor: Actor, applicationId: string, reviewerId: string): Promise<ReviewAssignmentEntity> {
    assertOfficer(actor);
    return this.dataSource.transaction(async (manager) => {
      // The officer's tie to the organization is told before anything about the application's state.
      await this.independence.assertIndependent(manager, actor, (await this.lockCallOf(manager, applicationId)).organizationId);
      const { application, call } = await this.lockApplication(manager, applicationId);
      const [candidate] = await this.pool(manager, call, [reviewerId]);
      const reason = !candidate
        ? 'is not a reviewer of this fund’s pool'
        : candidate.organizationIds.includes(application.organizationId)
          ? 'belongs or belonged to the applicant organization, or declared a conflict with it'
          : candidate.conflictedApplicationIds.includes(applicationId)
            ? 'declared a conflict with this application'
            : null;
      if (reason) throw new RuleViolationError('REVIEWER_NOT_ELIGIBLE', `This reviewer ${reason}`);
      const live = await manager.findOneBy(ReviewAssignmentEntity, { applicationId, reviewerId, status: 'assigned' });
      if (live || (await manager.findOneBy(ReviewAssignmentEntity, { applicationId, reviewerId, status: 'submitted' }))) {
        throw new ConflictError('ALREADY_ASSIGNED', 'This reviewer is already assigned to this application');
      }
      const [created] = await this.create(manager, actor.userId, call, [{ applicationId, reviewerId }], new Map([[applicationId, application]]));
      return created!;
    });
  }

  /**
   * Whom assign() would accept for this application: the fund's pool (ILIF: its panel), less
   * members of the applicant organization, reviewers who declared a conflict with it and those
   * already on it. Least loaded first.
   */
  async assignableReviewers(actor: Actor, applicationId: string): Promise<AssignableReviewer[]> {
    assertOfficer(actor);
    const manager = this.dataSource.manager;
    const application = await manager.findOneBy(ApplicationEntity, { id: applicationId });
    if (!application) throw new NotFoundError('Application');
    const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
    const onIt = new Set((await manager.findBy(ReviewAssignmentEntity, { applicationId, status: In(['assigned', 'submitted']) })).map((assignment) => assignment.reviewerId));
    const candidates = (await this.pool(manager, call)).filter(
      (reviewer) => !onIt.has(reviewer.id) && !reviewer.organizationIds.includes(application.organizationId) && !reviewer.conflictedApplicationIds.includes(applicationId),
    );
    if (candidates.length === 0) return [];
    const users = new Map((await manager.findBy(UserEntity, { id: In(candidates.map((reviewer) => reviewer.id)) })).map((user) => [user.id, user]));
    return candidates
      .map((reviewer) => ({ id: reviewer.id, name: users.get(reviewer.id)?.name ?? '', email: users.get(reviewer.id)?.email ?? '', currentLoad: reviewer.currentLoad }))
      .sort((a, b) => a.currentLoad - b.currentLoad || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  /** A call's applications in review or decided, each with its reviewers. Officers only. */
  async reviewersOfCall(actor: Actor, callId: string): Promise<ApplicationReviewers[]> {
    assertOfficer(actor);
    if (!(await this.dataSource.getRepository(CallEntity).existsBy({ id: callId }))) throw new NotFoundError('Call');
    const rows = (await this.dataSource.query(
      `SELECT a.id, a.reference_number, a.status, o.legal_name,
              COALESCE(json_agg(json_build_object('id', u.id, 'name', u.name, 'status', r.status) ORDER BY r.assigned_at) FILTER (WHERE r.id IS NOT NULL), '[]') AS reviewers
         FROM application a
         JOIN organization o ON o.id = a.organization_id
         LEFT JOIN review_assignment r ON r.application_id = a.id AND r.status IN ('assigned', 'submitted', 'recused')
         LEFT JOIN user_account u ON u.id = r.reviewer_id
        WHERE a.call_id = $1 AND a.status = ANY ($2::text[])
        GROUP BY a.id, o.legal_name
        ORDER BY a.reference_number NULLS LAST, a.id`,
      [callId, REVIEWED_STATUSES],
    )) as Array<{ id: string; reference_number: string | null; status: ApplicationStatus; legal_name: string; reviewers: ApplicationReviewers['reviewers'] }>;
    return rows.map((row) => ({ applicationId: row.id, referenceNumber: row.reference_number, organizationName: row.legal_name, status: row.status, reviewers: row.reviewers }));
  }

  /** An officer takes an unfinished assignment away (recusal by the office). */
  async remove(actor: Actor, assignmentId: string): Promise<void> {
    assertOfficer(actor);
    await this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOne(ReviewAssignmentEntity, { where: { id: assignmentId }, lock: { mode: 'pessimistic_write' } });
      if (!assignment) throw new NotFoundError('Assignment');
      const application = await manager.findOneByOrFail(ApplicationEntity, { id: assignment.applicationId });
      await this.independence.assertIndependent(manager, actor, application.organizationId);
      if (assignment.status !== 'assigned') throw new ConflictError('ASSIGNMENT_CLOSED', `An assignment that is ${assignment.status} cannot be removed`);
      assignment.status = 'removed';
      await manager.save(assignment);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'officer' }, action: 'assignment.removed', entityType: 'review_assignment', entityId: assignment.id, fromState: 'assigned', toState: 'removed' });
    });
  }

  /**
   * The reviewer says whether they have a conflict before seeing anything of the application.
   * A conflict recuses them, and the application gets another reviewer at once if one is free.
   */
  async declareConflict(actor: Actor, assignmentId: string, conflict: boolean, explanation: string | null): Promise<ConflictDeclaration> {
    return this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOne(ReviewAssignmentEntity, { where: { id: assignmentId, reviewerId: actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (!assignment || assignment.status === 'removed') throw new NotFoundError('Assignment');
      if (assignment.conflictDeclared !== null) throw new ConflictError('ALREADY_DECLARED', 'You already declared for this application');
      assignment.conflictDeclared = conflict;
      assignment.conflictExplanation = explanation;
      assignment.declaredAt = this.clock.now();
      if (conflict) assignment.status = 'recused';
      await manager.save(assignment);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'reviewer' },
        action: conflict ? 'assignment.conflict_declared' : 'assignment.no_conflict_declared',
        entityType: 'review_assignment',
        entityId: assignment.id,
        fromState: 'assigned',
        toState: assignment.status,
      });
      if (conflict) {
        await this.lockCallOf(manager, assignment.applicationId);
        const application = await manager.findOneByOrFail(ApplicationEntity, { id: assignment.applicationId });
        // Recusal is always recorded; a replacement only while the application is still in review.
        if (application.status === 'in_review') {
          const { call } = await this.lockApplication(manager, assignment.applicationId);
          await this.fill(manager, null, call, [application]);
        }
      }
      return { id: assignment.id, status: assignment.status, conflictDeclared: conflict };
    });
  }

  /**
   * A reviewer's access narrowed (account disabled, reviewer role or review panel taken away), in the
   * administrator's transaction. Each open assignment they no longer fit is taken from them and, while
   * the application is in review, goes to another reviewer by the automatic rules; when nobody fits,
   * the application stays short of reviewers, which the officer's assignments page shows. Answers how
   * many assignments were taken.
   */
  async handOnOpenReviews(manager: EntityManager, reviewerId: string, actorId: string): Promise<number> {
    const open = await manager.find(ReviewAssignmentEntity, { where: { reviewerId, status: 'assigned' }, order: { assignedAt: 'ASC', id: 'ASC' } });
    let handedOn = 0;
    for (const { id, applicationId } of open) {
      await this.lockCallOf(manager, applicationId);
      const application = await manager.findOneByOrFail(ApplicationEntity, { id: applicationId });
      const call = await manager.findOneByOrFail(CallEntity, { id: application.callId });
      if ((await this.pool(manager, call, [reviewerId])).length > 0) continue;
      const assignment = await manager.findOne(ReviewAssignmentEntity, { where: { id, status: 'assigned' }, lock: { mode: 'pessimistic_write' } });
      if (!assignment) continue;
      assignment.status = 'removed';
      await manager.save(assignment);
      handedOn++;
      let replacement: ReviewAssignmentEntity | null = null;
      if (application.status === 'in_review') {
        const before = await manager.findBy(ReviewAssignmentEntity, { applicationId, status: 'assigned' });
        const locked = await this.lockApplication(manager, applicationId);
        await this.fill(manager, null, locked.call, [locked.application]);
        const after = await manager.findBy(ReviewAssignmentEntity, { applicationId, status: 'assigned' });
        replacement = after.find((candidate) => !before.some((earlier) => earlier.id === candidate.id)) ?? null;
      }
      await this.audit.record(manager, {
        actor: { id: actorId, role: 'admin' },
        action: 'assignment.reassigned',
        entityType: 'review_assignment',
        entityId: assignment.id,
        fromState: 'assigned',
        toState: 'removed',
        details: { applicationId, fromReviewerId: reviewerId, toReviewerId: replacement?.reviewerId ?? null, needsReviewer: application.status === 'in_review' && !replacement },
      });
    }
    return handedOn;
  }

  private async fill(manager: EntityManager, assignedBy: string | null, call: CallEntity, applications: ApplicationEntity[]): Promise<Omit<AutoAssignment, 'conflicted'>> {
    const applicationIds = applications.map((application) => application.id);
    const live = applicationIds.length
      ? await manager
          .createQueryBuilder(ReviewAssignmentEntity, 'assignment')
          .where('assignment.applicationId IN (:...applicationIds) AND assignment.status IN (:...statuses)', { applicationIds, statuses: ['assigned', 'submitted'] })
          .getMany()
      : [];
    // A reviewer the office removed from an application is not given it back automatically.
    const removed = applicationIds.length
      ? await manager
          .createQueryBuilder(ReviewAssignmentEntity, 'assignment')
          .where('assignment.applicationId IN (:...applicationIds) AND assignment.status = :removed', { applicationIds, removed: 'removed' })
          .getMany()
      : [];
    const pool = (await this.pool(manager, call)).map((reviewer) => ({
      ...reviewer,
      conflictedApplicationIds: [
        ...reviewer.conflictedApplicationIds,
        ...removed.filter((assignment) => assignment.reviewerId === reviewer.id).map((assignment) => assignment.applicationId),
      ],
    }));
    const planned = planAssignments(
      applications.map((application): AssignmentApplication => ({
        id: application.id,
        organizationId: application.organizationId,
        existingReviewerIds: live.filter((assignment) => assignment.applicationId === application.id).map((assignment) => assignment.reviewerId),
      })),
      pool,
      call.reviewersPerApplication ?? 1,
    );
    const created = await this.create(manager, assignedBy, call, planned.assignments, new Map(applications.map((application) => [application.id, application])));
    return { created: created.length, shortfalls: planned.shortfalls };
  }

  /**
   * The fund's reviewers (ILIF: its panel only) with their conflicts and load in this call. Their
   * organizations are those they may not review for: they belong or belonged to it, or declared a
   * staff conflict with it.
   */
  private async pool(manager: EntityManager, call: CallEntity, only?: string[]): Promise<AssignmentReviewer[]> {
    const fund = await manager.findOneByOrFail(FundEntity, { id: call.fundId });
    const rows = (await manager.query(
      `SELECT u.id,
              COALESCE(array_agg(DISTINCT m.organization_id) FILTER (WHERE m.organization_id IS NOT NULL), '{}') AS organization_ids,
              COALESCE(array_agg(DISTINCT r.application_id) FILTER (WHERE r.conflict_declared), '{}') AS conflicted,
              count(DISTINCT l.id)::int AS load
         FROM user_account u
         LEFT JOIN (SELECT user_id, organization_id FROM organization_member
                    UNION SELECT user_id, organization_id FROM staff_conflict) m ON m.user_id = u.id
         LEFT JOIN review_assignment r ON r.reviewer_id = u.id
         LEFT JOIN review_assignment l ON l.reviewer_id = u.id AND l.status IN ('assigned', 'submitted')
                                        AND l.application_id IN (SELECT id FROM application WHERE call_id = $1)
        WHERE 'reviewer' = ANY (u.roles) AND u.disabled_at IS NULL
          AND ($2::text IS NULL OR $2 = ANY (u.panels))
          AND ($3::uuid[] IS NULL OR u.id = ANY ($3))
        GROUP BY u.id`,
      [call.id, fund.reviewPanel, only ?? null],
    )) as Array<{ id: string; organization_ids: string[]; conflicted: string[]; load: number }>;
    return rows.map((row) => ({ id: row.id, currentLoad: row.load, organizationIds: row.organization_ids, conflictedApplicationIds: row.conflicted }));
  }

  private async create(
    manager: EntityManager,
    assignedBy: string | null,
    call: CallEntity,
    planned: Array<{ applicationId: string; reviewerId: string }>,
    applications: Map<string, ApplicationEntity>,
  ): Promise<ReviewAssignmentEntity[]> {
    const created: ReviewAssignmentEntity[] = [];
    for (const { applicationId, reviewerId } of planned) {
      const assignment = await manager.save(
        manager.create(ReviewAssignmentEntity, { applicationId, reviewerId, status: 'assigned', scores: [], overallComment: '', assignedBy, assignedAt: this.clock.now() }),
      );
      created.push(assignment);
      await this.audit.record(manager, {
        actor: assignedBy ? { id: assignedBy, role: 'officer' } : { id: null, role: 'system' },
        action: 'assignment.created',
        entityType: 'review_assignment',
        entityId: assignment.id,
        toState: 'assigned',
        details: { applicationId, reviewerId },
      });
      const reviewer = await manager.findOneByOrFail(UserEntity, { id: reviewerId });
      await this.notifications.sendEmail(manager, {
        key: `review-assigned/${assignment.id}`,
        to: [reviewer.email],
        locale: reviewer.locale,
        template: 'review-assigned',
        data: {
          name: reviewer.name,
          referenceNumber: applications.get(applicationId)?.referenceNumber ?? '',
          callTitle: call.title as Localized,
          assignmentsUrl: new URL('/reviews', this.config.appUrl).toString(),
        },
      });
    }
    return created;
  }

  /** Every path that plans assignments queues on the call's row, so no two plan from the same state. Answers the application (not locked). */
  private async lockCallOf(manager: EntityManager, applicationId: string): Promise<ApplicationEntity> {
    const application = await manager.findOneBy(ApplicationEntity, { id: applicationId });
    if (!application) throw new NotFoundError('Application');
    await manager.findOne(CallEntity, { where: { id: application.callId }, lock: { mode: 'pessimistic_write' } });
    return application;
  }

  private async lockApplication(manager: EntityManager, applicationId: string): Promise<{ application: ApplicationEntity; call: CallEntity }> {
    const application = await manager.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
    if (!application) throw new NotFoundError('Application');
    if (application.status !== 'in_review') throw new ConflictError('NOT_IN_REVIEW', `Only an application in review gets reviewers; this one is ${application.status}`);
    return { application, call: await manager.findOneByOrFail(CallEntity, { id: application.callId }) };
  }
}

function assertOfficer(actor: Actor): void {
  if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers assign reviewers');
}
