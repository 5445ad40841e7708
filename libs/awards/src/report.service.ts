import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, MemberNotifier, StaffIndependenceService } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity } from '@grants/calls';
import { AppConfig, Clock, ConflictError, DomainError, ForbiddenError, NotFoundError, RuleViolationError } from '@grants/core';
import { Actor, hasRole, OrganizationEntity } from '@grants/identity';
import { DataSource } from 'typeorm';
import { AwardEntity, AwardReportEntity, SpendingLine } from './award.entity';
import { Award, AwardService, budgetInForce, ReportView, toReportView } from './award.service';
import { REPORT_SPENT_CENTS } from './field-rules';
import { ReportKind } from './rules/award-plan';
import { outcomeProblems, SpendingInput, spendingProblems } from './rules/report-rules';

export interface ReportFiling {
  period: string;
  kind: ReportKind;
  /** Spending by budget line of the period. */
  spending: SpendingInput[];
  outcomes: Record<string, unknown>;
  narrative: string;
}

export interface ReportReview {
  outcome: 'accepted' | 'returned';
  comment: string | null;
  /** Why spending beyond schedule D's flexibility is accepted without an amendment; required then. */
  varianceJustification?: string | null;
}

/** Interim and final reports: filed by the organization, accepted or sent back by an officer. */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly awards: AwardService,
    private readonly members: MemberNotifier,
    private readonly independence: StaffIndependenceService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** A report of an award with the award, for a member of its organization to file: officers review reports, they do not file them. */
  async forFiling(actor: Actor, awardId: string, reportId: string): Promise<{ award: Award; report: ReportView }> {
    const { award, memberRole } = await this.awards.access(this.dataSource.manager, actor, awardId);
    if (!memberRole) throw new ForbiddenError('Only members of the organization file its reports');
    const view = await this.awards.view(this.dataSource.manager, award, false);
    const report = view.reports.find((candidate) => candidate.id === reportId);
    if (!report) throw new NotFoundError('Report');
    return { award: view, report };
  }

  async file(actor: Actor, awardId: string, filing: ReportFiling): Promise<ReportView> {
    return this.dataSource.transaction(async (manager) => {
      const { award, memberRole } = await this.awards.access(manager, actor, awardId);
      if (!memberRole) throw new ForbiddenError('Only members of the organization file its reports');
      if (award.status !== 'accepted') throw new ConflictError('AWARD_NOT_ACCEPTED', `Reports are filed on an accepted award; this one is ${award.status}`);
      const report = await manager.findOne(AwardReportEntity, { where: { awardId, kind: filing.kind, period: filing.period }, lock: { mode: 'pessimistic_write' } });
      if (!report) {
        const owed = await manager.find(AwardReportEntity, { where: { awardId }, order: { dueOn: 'ASC' } });
        throw new RuleViolationError('REPORT_NOT_OWED', `This award owes no ${filing.kind} report for ${filing.period}; it owes ${owed.map((r) => `${r.kind} ${r.period}`).join(', ')}`);
      }
      if (report.status === 'submitted' || report.status === 'accepted') {
        throw new ConflictError('REPORT_ALREADY_FILED', `This report was already filed and is ${report.status}`);
      }
      const call = await manager.findOneByOrFail(CallEntity, { id: award.callId });
      const problems = outcomeProblems(call.outcomeMeasures, filing.outcomes);
      if (problems.length > 0) {
        throw new DomainError('invalid', 'OUTCOMES_INVALID', problems.map((problem) => `${problem.field} ${problem.message}`).join('; '), { problems });
      }
      const spendingErrors = spendingProblems(report.period, filing.spending, REPORT_SPENT_CENTS.max);
      if (spendingErrors.length > 0) {
        throw new DomainError('invalid', 'SPENDING_INVALID', spendingErrors.map((problem) => `${problem.field} ${problem.message}`).join('; '), { problems: spendingErrors });
      }
      const spending = filing.spending as SpendingLine[];
      const spentCents = spending.reduce((sum, line) => sum + line.spentCents, 0);
      const from = report.status;
      Object.assign(report, {
        status: 'submitted',
        spentCents,
        spending: spending.map(({ fiscalYear, category, spentCents: cents }) => ({ fiscalYear, category, spentCents: cents })),
        outcomes: filing.outcomes as Record<string, number>,
        narrative: filing.narrative,
        submittedBy: actor.userId,
        submittedAt: this.clock.now(),
        version: report.version + 1,
      });
      const saved = await manager.save(report);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: memberRole },
        action: 'report.submitted',
        entityType: 'award',
        entityId: awardId,
        fromState: from,
        toState: 'submitted',
        details: { reportId: report.id, kind: report.kind, period: report.period, spentCents },
      });
      return toReportView(saved, await budgetInForce(manager, awardId));
    });
  }

  /**
   * An officer accepts a filed report or sends it back. Spending beyond schedule D's flexibility is
   * accepted only once an amendment covers it (the variances are read against the schedule D in
   * force) or with a justification, which is kept with the report and the audit event.
   */
  async review(actor: Actor, awardId: string, reportId: string, { outcome, comment, varianceJustification }: ReportReview): Promise<ReportView> {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers review reports');
    if (outcome === 'returned' && !comment?.trim()) throw new RuleViolationError('COMMENT_REQUIRED', 'Say what to change when sending a report back');
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(AwardReportEntity, { where: { id: reportId, awardId }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw new NotFoundError('Report');
      await this.independence.assertIndependent(manager, actor, (await manager.findOneByOrFail(AwardEntity, { id: awardId })).organizationId);
      if (report.status !== 'submitted') throw new ConflictError('REPORT_NOT_SUBMITTED', `Only a submitted report can be reviewed; this one is ${report.status}`);
      const budget = await budgetInForce(manager, awardId);
      const beyond = toReportView(report, budget).variances.filter((variance) => !variance.withinFlexibility);
      const justification = varianceJustification?.trim() || null;
      if (outcome === 'accepted' && beyond.length > 0 && !justification) {
        throw new RuleViolationError(
          'VARIANCE_NOT_COVERED',
          `Spending on ${beyond.map((variance) => variance.category).join(', ')} is beyond schedule D’s flexibility: accept it with an amendment that covers it, or record a justification`,
          { variances: beyond },
        );
      }
      Object.assign(report, {
        status: outcome,
        reviewedBy: actor.userId,
        reviewedAt: this.clock.now(),
        reviewComment: comment,
        varianceJustification: outcome === 'accepted' && beyond.length > 0 ? justification : null,
        version: report.version + 1,
      });
      const saved = await manager.save(report);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: `report.${outcome}`,
        entityType: 'award',
        entityId: awardId,
        fromState: 'submitted',
        toState: outcome,
        // A later review replaces the report's comment; the comment as it stood is kept beside the event.
        details: { reportId, kind: report.kind, period: report.period, hasComment: Boolean(comment), ...(report.varianceJustification ? { variancesJustified: beyond.map((variance) => variance.category) } : {}) },
        deliberation: { comment, varianceJustification: report.varianceJustification },
      });
      // An accepted report lets the payment that waits for it be requested (PaymentService reads it then).
      if (outcome === 'returned') {
        const award = await manager.findOneByOrFail(AwardEntity, { id: awardId });
        const application = await manager.findOneByOrFail(ApplicationEntity, { id: award.applicationId });
        const organization = await manager.findOneByOrFail(OrganizationEntity, { id: award.organizationId });
        await this.members.emailMembers(manager, organization, `report-returned/${reportId}/${saved.version}`, 'report-returned', {
          organizationName: organization.legalName,
          referenceNumber: application.referenceNumber ?? '',
          kind: report.kind,
          period: report.period,
          comment: comment ?? '',
          awardUrl: new URL(`/awards/${awardId}`, this.config.appUrl).toString(),
        });
      }
      return toReportView(saved, budget);
    });
  }
}
