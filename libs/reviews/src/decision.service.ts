import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity } from '@grants/calls';
import { Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole, UserEntity } from '@grants/identity';
import { DataSource } from 'typeorm';
import { DecisionEntity } from './decision.entity';
import { RankingService } from './ranking.service';
import { decisionProblems } from './rules/decision';

export interface DecisionRequest {
  outcome: 'approved' | 'declined';
  approvedCents: number | null;
  conditions: string;
  rationale: string;
  overrideReason: string | null;
  /** For the organization, in a decline letter. The rationale stays with the office. */
  feedback: string | null;
}

export interface Decision extends DecisionRequest {
  applicationId: string;
  status: 'approved' | 'declined';
  requestedCents: number;
  /** Null when it was decided while awaiting reviews, outside the ranking. */
  aboveFundingLine: boolean | null;
  decidedAt: Date;
  released: boolean;
}

/** The decision recorded for an application, with who made it and when it was released. */
export interface DecisionRecord extends DecisionRequest {
  applicationId: string;
  decidedAt: Date;
  decidedBy: { id: string; name: string };
  /** When the organization was told (its letter); null until the call's decisions are released. */
  releasedAt: Date | null;
}

/** A decision of a call, as its ranking shows it. */
export interface CallDecision {
  applicationId: string;
  outcome: 'approved' | 'declined';
  approvedCents: number | null;
  decidedAt: Date;
  released: boolean;
}

/** Officers approve or decline with a rationale; going against the funding line needs a reason. */
@Injectable()
export class DecisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The decision of an application, or null while there is none. Officers only, and not those tied to its organization (STAFF_CONFLICT): the rationale stays with the office. */
  async decisionOf(actor: Actor, applicationId: string): Promise<DecisionRecord | null> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see the decision record');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw new NotFoundError('Application');
    // The rationale is the office's deliberation: not for staff tied to the organization.
    await this.independence.assertIndependent(this.dataSource.manager, actor, application.organizationId);
    const decision = await this.dataSource.getRepository(DecisionEntity).findOneBy({ applicationId });
    if (!decision) return null;
    const officer = await this.dataSource.getRepository(UserEntity).findOneBy({ id: decision.decidedBy });
    const { outcome, approvedCents, conditions, rationale, overrideReason, feedback, decidedAt, releasedAt } = decision;
    return { applicationId, outcome, approvedCents, conditions, rationale, overrideReason, feedback, decidedAt, decidedBy: { id: decision.decidedBy, name: officer?.name ?? '' }, releasedAt };
  }

  /** Every decision recorded in a call, released or not. Officers only. */
  async decisionsOf(actor: Actor, callId: string): Promise<CallDecision[]> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers see the decisions of a call');
    if (!(await this.dataSource.getRepository(CallEntity).existsBy({ id: callId }))) throw new NotFoundError('Call');
    const rows = (await this.dataSource.query(
      `SELECT d.application_id, d.outcome, d.approved_cents, d.decided_at, d.released_at IS NOT NULL AS released
         FROM application_decision d JOIN application a ON a.id = d.application_id
        WHERE a.call_id = $1 ORDER BY d.decided_at, d.application_id`,
      [callId],
    )) as Array<{ application_id: string; outcome: 'approved' | 'declined'; approved_cents: string | null; decided_at: Date; released: boolean }>;
    return rows.map((row) => ({ applicationId: row.application_id, outcome: row.outcome, approvedCents: row.approved_cents === null ? null : Number(row.approved_cents), decidedAt: row.decided_at, released: row.released }));
  }

  async decide(actor: Actor, applicationId: string, request: DecisionRequest): Promise<Decision> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers decide');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw new NotFoundError('Application');
    // The line is read from the ranking as it stands, before this decision.
    const place = await this.rankings.placeOf(actor, application.callId, applicationId);
    if (!place) throw new ConflictError('NOT_IN_REVIEW', `Only an application in review can be decided; this one is ${application.status}`);

    return this.dataSource.transaction(async (manager) => {
      // The call's row first, as a release takes it: a decision never changes under a running release.
      await manager.findOne(CallEntity, { where: { id: application.callId }, lock: { mode: 'pessimistic_write' } });
      const locked = await manager.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      await this.independence.assertIndependent(manager, actor, application.organizationId);
      const previous = await manager.findOneBy(DecisionEntity, { applicationId });
      if (previous?.releasedAt) throw new ConflictError('DECISION_RELEASED', 'This decision was released to the applicant and can no longer change');
      if (!locked || !['in_review', 'approved', 'declined'].includes(locked.status)) {
        throw new ConflictError('NOT_IN_REVIEW', `Only an application in review can be decided; this one is ${locked?.status}`);
      }
      const ranked = { requestedCents: (place.ranked ?? place.awaiting).requestedCents, aboveFundingLine: place.ranked?.aboveFundingLine ?? null };
      const problems = decisionProblems({ ...request, ...ranked });
      if (problems.length > 0) {
        throw new RuleViolationError(problems[0]!.code, problems.map((problem) => problem.message).join('; '), { problems, requestedCents: ranked.requestedCents, aboveFundingLine: ranked.aboveFundingLine });
      }
      const now = this.clock.now();
      await manager.save(
        manager.create(DecisionEntity, { applicationId, ...request, decidedBy: actor.userId, decidedAt: now, releasedAt: null }),
      );
      const from = locked.status;
      locked.status = request.outcome;
      locked.version += 1;
      await manager.save(locked);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: previous ? 'application.decision_changed' : 'application.decided',
        entityType: 'application',
        entityId: applicationId,
        fromState: from,
        toState: request.outcome,
        details: decisionEventDetails(request, ranked.aboveFundingLine),
        deliberation: { rationale: request.rationale, conditions: request.conditions, overrideReason: request.overrideReason, feedback: request.feedback },
      });
      return { applicationId, ...request, status: request.outcome, requestedCents: ranked.requestedCents, aboveFundingLine: ranked.aboveFundingLine, decidedAt: now, released: false };
    });
  }
}

/**
 * What a decision event keeps: what changed, not the words of the deliberation, which stay with
 * the decision (and, as they stood at each event, in audit_event_deliberation for fund officers).
 */
export function decisionEventDetails(request: DecisionRequest, aboveFundingLine: boolean | null): Record<string, unknown> {
  return {
    outcome: request.outcome,
    approvedCents: request.approvedCents,
    aboveFundingLine,
    hasConditions: request.conditions.trim() !== '',
    overridden: Boolean(request.overrideReason?.trim()),
    hasFeedback: Boolean(request.feedback?.trim()),
  };
}
