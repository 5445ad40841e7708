import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity } from '@grants/calls';
import { Clock, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
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
  aboveFundingLine: boolean;
  decidedAt: Date;
  released: boolean;
}

/** Officers approve or decline with a rationale; going against the funding line needs a reason. */
@Injectable()
export class DecisionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rankings: RankingService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async decide(actor: Actor, applicationId: string, request: DecisionRequest): Promise<Decision> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers decide');
    const application = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id: applicationId });
    if (!application) throw new NotFoundError('Application');
    // The line is read from the ranking as it stands, before this decision.
    const ranked = (await this.rankings.ranking(actor, application.callId)).items.find((item) => item.applicationId === applicationId);
    if (!ranked) throw new ConflictError('NOT_IN_REVIEW', `Only an application in review can be decided; this one is ${application.status}`);

    return this.dataSource.transaction(async (manager) => {
      // The call's row first, as a release takes it: a decision never changes under a running release.
      await manager.findOne(CallEntity, { where: { id: application.callId }, lock: { mode: 'pessimistic_write' } });
      const locked = await manager.findOne(ApplicationEntity, { where: { id: applicationId }, lock: { mode: 'pessimistic_write' } });
      const previous = await manager.findOneBy(DecisionEntity, { applicationId });
      if (previous?.releasedAt) throw new ConflictError('DECISION_RELEASED', 'This decision was released to the applicant and can no longer change');
      if (!locked || !['in_review', 'approved', 'declined'].includes(locked.status)) {
        throw new ConflictError('NOT_IN_REVIEW', `Only an application in review can be decided; this one is ${locked?.status}`);
      }
      const problems = decisionProblems({ ...request, requestedCents: ranked.requestedCents, aboveFundingLine: ranked.aboveFundingLine });
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
        details: { ...request, aboveFundingLine: ranked.aboveFundingLine },
      });
      return { applicationId, ...request, status: request.outcome, requestedCents: ranked.requestedCents, aboveFundingLine: ranked.aboveFundingLine, decidedAt: now, released: false };
    });
  }
}
