import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Application, ApplicationEntity, ApplicationService, DECLARE_CONFLICT_FIRST, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity, Localized } from '@grants/calls';
import { Clock, ConflictError, DomainError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole, OrganizationEntity } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewAssignmentEntity, StoredScore } from './review-assignment.entity';
import { scoreProblems, weightedScore } from './rules/scoring';

export interface AssignmentView {
  id: string;
  applicationId: string;
  referenceNumber: string | null;
  organizationName: string;
  callId: string;
  callTitle: Localized;
  status: ReviewAssignmentEntity['status'];
  conflictDeclared: boolean | null;
  /** Only the reviewer's own scores, ever. */
  scores: StoredScore[];
  overallComment: string;
  weightedScore: number | null;
  submittedAt: Date | null;
}

/** An assignment the reviewer stepped back from by declaring a conflict: a record of the declaration, with no content. */
export interface RecusalView {
  id: string;
  applicationId: string;
  referenceNumber: string | null;
  organizationName: string;
  callId: string;
  callTitle: Localized;
  declaredAt: Date | null;
}

export interface OfficerReviewView {
  id: string;
  reviewerId: string;
  reviewerName: string;
  status: ReviewAssignmentEntity['status'];
  conflictDeclared: boolean | null;
  conflictExplanation: string | null;
  scores: StoredScore[];
  overallComment: string;
  weightedScore: number | null;
  submittedAt: Date | null;
}

export interface ScoreInput {
  scores: StoredScore[];
  overallComment: string;
}

/** The reviewer's side: their assignments, the content once they declared, and their scores. */
@Injectable()
export class ReviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly applications: ApplicationService,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async assignments(actor: Actor): Promise<AssignmentView[]> {
    if (!hasRole(actor, 'reviewer')) throw new ForbiddenError('Only reviewers have assignments');
    // One query for the whole list: a reviewer may hold dozens of assignments.
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.application_id, a.reference_number, o.legal_name, c.id AS call_id, c.title, r.status, r.conflict_declared,
              r.scores, r.overall_comment, r.weighted_score::float AS weighted_score, r.submitted_at
         FROM review_assignment r
         JOIN application a ON a.id = r.application_id
         JOIN organization o ON o.id = a.organization_id
         JOIN call c ON c.id = a.call_id
         JOIN fund f ON f.id = c.fund_id
        WHERE r.reviewer_id = $1 AND r.status IN ('assigned', 'submitted')
          -- Off a fund's panel, its reviews (even submitted ones) are no longer the reviewer's to see.
          AND (f.review_panel IS NULL OR f.review_panel = ANY ($2::text[]))
        ORDER BY r.assigned_at`,
      [actor.userId, actor.panels],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: row.id as string,
      applicationId: row.application_id as string,
      referenceNumber: row.reference_number as string | null,
      organizationName: row.legal_name as string,
      callId: row.call_id as string,
      callTitle: row.title as Localized,
      status: row.status as ReviewAssignmentEntity['status'],
      conflictDeclared: row.conflict_declared as boolean | null,
      scores: row.scores as StoredScore[],
      overallComment: row.overall_comment as string,
      weightedScore: row.weighted_score as number | null,
      submittedAt: row.submitted_at as Date | null,
    }));
  }

  /** The reviewer's own recusals, in the order they were declared. */
  async recusals(actor: Actor): Promise<RecusalView[]> {
    if (!hasRole(actor, 'reviewer')) throw new ForbiddenError('Only reviewers have assignments');
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.application_id, a.reference_number, o.legal_name, c.id AS call_id, c.title, r.declared_at
         FROM review_assignment r
         JOIN application a ON a.id = r.application_id
         JOIN organization o ON o.id = a.organization_id
         JOIN call c ON c.id = a.call_id
        WHERE r.reviewer_id = $1 AND r.status = 'recused'
        ORDER BY r.declared_at, r.id`,
      [actor.userId],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: row.id as string,
      applicationId: row.application_id as string,
      referenceNumber: row.reference_number as string | null,
      organizationName: row.legal_name as string,
      callId: row.call_id as string,
      callTitle: row.title as Localized,
      declaredAt: row.declared_at as Date | null,
    }));
  }

  /**
   * Members and officers read as usual; an assigned reviewer reads only after declaring no
   * conflict. Anyone else is told the application does not exist.
   */
  async readApplication(actor: Actor, applicationId: string): Promise<Application> {
    return this.applications.get(actor, applicationId);
  }

  /** Officers see every review of an application, scores and comments included; not those tied to its organization (STAFF_CONFLICT). */
  async reviewsOf(actor: Actor, applicationId: string): Promise<OfficerReviewView[]> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see all the reviews of an application');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw new NotFoundError('Application');
    // The deliberation on an organization's application is not for staff tied to it.
    await this.independence.assertIndependent(this.dataSource.manager, actor, application.organizationId);
    const rows = (await this.dataSource.query(
      `SELECT r.id, r.reviewer_id, u.name AS reviewer_name, r.status, r.conflict_declared, r.conflict_explanation, r.scores, r.overall_comment,
              r.weighted_score::float AS weighted_score, r.submitted_at
         FROM review_assignment r JOIN user_account u ON u.id = r.reviewer_id
        WHERE r.application_id = $1 ORDER BY r.assigned_at`,
      [applicationId],
    )) as Array<Record<string, unknown>>;
    return rows.map((row) => ({
      id: row.id as string,
      reviewerId: row.reviewer_id as string,
      reviewerName: row.reviewer_name as string,
      status: row.status as ReviewAssignmentEntity['status'],
      conflictDeclared: row.conflict_declared as boolean | null,
      conflictExplanation: row.conflict_explanation as string | null,
      scores: row.scores as StoredScore[],
      overallComment: row.overall_comment as string,
      weightedScore: row.weighted_score as number | null,
      submittedAt: row.submitted_at as Date | null,
    }));
  }

  /** Saves draft scores; every score is checked against the rubric, completeness waits for submission. */
  async saveScores(actor: Actor, assignmentId: string, input: ScoreInput): Promise<AssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      const { assignment, call } = await this.lockOwn(manager, actor, assignmentId);
      const problems = scoreProblems(call.rubric?.criteria ?? [], input.scores, { complete: false });
      if (problems.length > 0) throw new DomainError('invalid', 'INVALID_SCORES', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), { problems });
      assignment.scores = input.scores;
      assignment.overallComment = input.overallComment;
      await manager.save(assignment);
      return this.view(manager, assignment);
    });
  }

  async submit(actor: Actor, assignmentId: string): Promise<AssignmentView> {
    return this.dataSource.transaction(async (manager) => {
      const { assignment, call } = await this.lockOwn(manager, actor, assignmentId);
      const criteria = call.rubric?.criteria ?? [];
      const problems = scoreProblems(criteria, assignment.scores, { complete: true });
      if (problems.length > 0) {
        throw new RuleViolationError('INCOMPLETE_REVIEW', `Score every criterion within its range first: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}`, { problems });
      }
      assignment.weightedScore = weightedScore(criteria, Object.fromEntries(assignment.scores.map((score) => [score.criterionKey, score.score])));
      assignment.status = 'submitted';
      assignment.submittedAt = this.clock.now();
      await manager.save(assignment);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'reviewer' },
        action: 'review.submitted',
        entityType: 'review_assignment',
        entityId: assignment.id,
        fromState: 'assigned',
        toState: 'submitted',
        details: { weightedScore: assignment.weightedScore },
      });
      return this.view(manager, assignment);
    });
  }

  private async lockOwn(manager: EntityManager, actor: Actor, assignmentId: string): Promise<{ assignment: ReviewAssignmentEntity; call: CallEntity }> {
    const assignment = await manager.findOne(ReviewAssignmentEntity, { where: { id: assignmentId, reviewerId: actor.userId }, lock: { mode: 'pessimistic_write' } });
    if (!assignment || assignment.status === 'removed' || assignment.status === 'recused') throw new NotFoundError('Assignment');
    if (assignment.conflictDeclared !== false) throw DECLARE_CONFLICT_FIRST();
    if (assignment.status === 'submitted') throw new ConflictError('REVIEW_SUBMITTED', 'This review is submitted and can no longer change');
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: assignment.applicationId });
    // A withdrawn or decided application takes no more scores: they would move the ranking under decisions.
    if (application.status !== 'in_review') throw new ConflictError('NOT_IN_REVIEW', `This application is ${application.status}; its review is closed`);
    return { assignment, call: await manager.findOneByOrFail(CallEntity, { id: application.callId }) };
  }

  private async view(manager: EntityManager, assignment: ReviewAssignmentEntity): Promise<AssignmentView> {
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: assignment.applicationId });
    const [organization, call] = await Promise.all([
      manager.findOneByOrFail(OrganizationEntity, { id: application.organizationId }),
      manager.findOneByOrFail(CallEntity, { id: application.callId }),
    ]);
    return {
      id: assignment.id,
      applicationId: application.id,
      referenceNumber: application.referenceNumber,
      organizationName: organization.legalName,
      callId: call.id,
      callTitle: call.title as Localized,
      status: assignment.status,
      conflictDeclared: assignment.conflictDeclared,
      scores: assignment.scores,
      overallComment: assignment.overallComment,
      weightedScore: assignment.weightedScore,
      submittedAt: assignment.submittedAt,
    };
  }
}
