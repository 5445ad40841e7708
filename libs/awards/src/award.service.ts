import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApplicationEntity, MemberNotifier } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { CallEntity, Localized, OutcomeMeasure } from '@grants/calls';
import { AppConfig, Clock, ConflictError, decodeCursor, ForbiddenError, NotFoundError, Page, RuleViolationError, toPage } from '@grants/core';
import { Actor, ADMIN_NO_CONTENT, hasRole, isAdministratorOnly, MemberRole, OrganizationEntity, OrganizationService } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { AgreementDrafter } from './agreements/agreement-drafter';
import { AwardEntity, AwardReportEntity, AwardStatus, PaymentStatus, ReportStatus, SpendingLine } from './award.entity';
import { AwardHoldView, holdsOf } from './payments/award-hold.service';
import { paymentRowsOf, PaymentView, toPaymentView } from './payments/payment-rows';
import { ReportKind } from './rules/award-plan';
import { BudgetLineAmount, Variance, variances } from './rules/budget-flexibility';

export interface ReportView {
  id: string;
  kind: ReportKind;
  period: string;
  dueOn: string;
  status: ReportStatus;
  /** The total of the spending lines. */
  spentCents: number | null;
  /** Spending by budget line of the period; null on reports filed before reports gave lines. */
  spending: SpendingLine[] | null;
  /** Each budget line of the period beside what was spent on it, against schedule D in force. */
  variances: Variance[];
  /** No line beyond schedule D's flexibility (−10%, +20%, nothing moved into administration or other). */
  withinFlexibility: boolean;
  varianceJustification: string | null;
  outcomes: Record<string, number> | null;
  narrative: string | null;
  submittedAt: Date | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  version: number;
}

export interface Award {
  id: string;
  applicationId: string;
  referenceNumber: string | null;
  organizationId: string;
  organizationName: string;
  callId: string;
  callTitle: Partial<Localized>;
  approvedCents: number;
  conditions: string;
  status: AwardStatus;
  acceptBy: Date;
  respondedAt: Date | null;
  version: number;
  payments: PaymentView[];
  /** The hold in force, if any: no payment can be requested or approved while it stands. */
  hold: AwardHoldView | null;
  /** Every hold, the latest first. */
  holds: AwardHoldView[];
  reports: ReportView[];
  /** Schedule D in force (or proposed, before execution): the budget reports' spending is compared with. */
  budget: BudgetLineAmount[];
  /** What the reports count, as the call defines it. */
  outcomeMeasures: OutcomeMeasure[];
}

export interface AwardSummary {
  id: string;
  applicationId: string;
  referenceNumber: string | null;
  organizationId: string;
  organizationName: string;
  callId: string;
  approvedCents: number;
  paidCents: number;
  status: AwardStatus;
  acceptBy: Date;
  /** Reports filed and waiting for an officer. */
  reportsToReview: number;
  /** The first payment not made yet: the next one due. Null once all are paid, or when the award was declined. */
  nextPayment: NextPayment | null;
}

export interface NextPayment {
  /** `YYYY-MM-DD` */
  dueOn: string;
  amountCents: number;
  status: Exclude<PaymentStatus, 'paid'>;
}

export interface AwardQuery {
  callId?: string;
  status?: AwardStatus;
  limit: number;
  cursor?: string;
}

/** Who may see or act on an award: its organization's members, and officers. */
export interface AwardAccess {
  award: AwardEntity;
  memberRole: MemberRole | null;
  isOfficer: boolean;
}

/** The award offered when an approval is released: accepted or declined by an owner; its payments are PaymentService's. */
@Injectable()
export class AwardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationService,
    private readonly members: MemberNotifier,
    private readonly agreements: AgreementDrafter,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, id: string): Promise<Award> {
    const { award, memberRole, isOfficer } = await this.access(this.dataSource.manager, actor, id);
    const view = await this.view(this.dataSource.manager, award, isOfficer);
    // Staff reading an award (its reports' narratives included) show in the organization's access log.
    if (!memberRole) {
      await this.audit.record(this.dataSource.manager, { actor: { id: actor.userId, role: 'officer' }, action: 'award.viewed', entityType: 'award', entityId: id });
    }
    return view;
  }

  /** Officers see every award; members see their organizations'. Newest first. */
  async list(actor: Actor, query: AwardQuery): Promise<Page<AwardSummary>> {
    const builder = this.dataSource
      .getRepository(AwardEntity)
      .createQueryBuilder('award')
      .innerJoin('application', 'application', 'application.id = award.application_id')
      .innerJoin('organization', 'organization', 'organization.id = award.organization_id')
      .select([
        'award.id AS id',
        'award.application_id AS "applicationId"',
        'application.reference_number AS "referenceNumber"',
        'award.organization_id AS "organizationId"',
        'organization.legal_name AS "organizationName"',
        'award.call_id AS "callId"',
        'award.approved_cents::text AS "approvedCents"',
        `(SELECT coalesce(sum(p.amount_cents - p.offset_cents), 0)::text FROM award_payment p WHERE p.award_id = award.id AND p.status = 'paid') AS "paidCents"`,
        'award.status AS status',
        'award.accept_by AS "acceptBy"',
        `(SELECT count(*)::int FROM award_report r WHERE r.award_id = award.id AND r.status = 'submitted') AS "reportsToReview"`,
        `(SELECT json_build_object('dueOn', to_char(p.due_on, 'YYYY-MM-DD'), 'amountCents', p.amount_cents - p.offset_cents, 'status', p.status)
            FROM award_payment p WHERE p.award_id = award.id AND p.status <> 'paid' AND award.status <> 'declined'
           ORDER BY p.position LIMIT 1) AS "nextPayment"`,
        'award.created_at AS "createdAt"',
      ])
      .orderBy(`date_trunc('milliseconds', award.created_at)`, 'DESC')
      .addOrderBy('award.id', 'DESC')
      .limit(query.limit + 1);
    if (!hasRole(actor, 'officer')) {
      builder.andWhere('award.organization_id IN (SELECT organization_id FROM organization_member WHERE user_id = :userId)', { userId: actor.userId });
    }
    if (query.callId) builder.andWhere('award.call_id = :callId', { callId: query.callId });
    if (query.status) builder.andWhere('award.status = :status', { status: query.status });
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      builder.andWhere(`(date_trunc('milliseconds', award.created_at), award.id) < (:afterAt, :afterId)`, { afterAt: after.createdAt, afterId: after.id });
    }
    const rows = await builder.getRawMany<Omit<AwardSummary, 'approvedCents' | 'paidCents'> & { approvedCents: string; paidCents: string; createdAt: Date }>();
    return toPage(rows, query.limit, ({ createdAt: _createdAt, approvedCents, paidCents, ...summary }) => ({ ...summary, approvedCents: Number(approvedCents), paidCents: Number(paidCents) }));
  }

  async accept(actor: Actor, id: string): Promise<Award> {
    return this.respond(actor, id, 'accepted');
  }

  async decline(actor: Actor, id: string): Promise<Award> {
    return this.respond(actor, id, 'declined');
  }

  /** Members of the award's organization and officers; anyone else is told it does not exist. */
  async access(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<AwardAccess> {
    const award = await manager.findOne(AwardEntity, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!award) throw new NotFoundError('Award');
    const memberRole = await this.organizations.roleOf(actor, award.organizationId, manager);
    const isOfficer = hasRole(actor, 'officer');
    if (!memberRole && !isOfficer && isAdministratorOnly(actor)) throw ADMIN_NO_CONTENT();
    if (!memberRole && !isOfficer) throw new NotFoundError('Award');
    return { award, memberRole, isOfficer };
  }

  /** `showStaff`: with the names of the staff who acted on payments and holds (for staff, not for the organization). */
  async view(manager: EntityManager, award: AwardEntity, showStaff: boolean): Promise<Award> {
    const application = await manager.findOneByOrFail(ApplicationEntity, { id: award.applicationId });
    const call = await manager.findOneByOrFail(CallEntity, { id: award.callId });
    const organization = await manager.findOneByOrFail(OrganizationEntity, { id: award.organizationId });
    const payments = await paymentRowsOf(manager, award.id);
    const budget = await budgetInForce(manager, award.id);
    const holds = await holdsOf(manager, award.id, showStaff);
    const reports = await manager.find(AwardReportEntity, { where: { awardId: award.id }, order: { dueOn: 'ASC', kind: 'DESC' } });
    return {
      id: award.id,
      applicationId: award.applicationId,
      referenceNumber: application.referenceNumber,
      organizationId: award.organizationId,
      organizationName: organization.legalName,
      callId: award.callId,
      callTitle: call.title,
      approvedCents: award.approvedCents,
      conditions: award.conditions,
      status: award.status,
      acceptBy: award.acceptBy,
      respondedAt: award.respondedAt,
      version: award.version,
      payments: payments.map((row) => toPaymentView(row, showStaff)),
      hold: holds.find((hold) => hold.liftedAt === null) ?? null,
      holds,
      reports: reports.map((report) => toReportView(report, budget)),
      budget,
      outcomeMeasures: call.outcomeMeasures,
    };
  }

  private async respond(actor: Actor, id: string, answer: 'accepted' | 'declined'): Promise<Award> {
    return this.dataSource.transaction(async (manager) => {
      const { award, memberRole } = await this.access(manager, actor, id, true);
      if (memberRole !== 'owner') throw new ForbiddenError('Only an owner of the organization can accept or decline its award');
      if (award.status !== 'offered') throw new ConflictError('AWARD_NOT_OFFERED', `This award was already ${award.status}`);
      const now = this.clock.now();
      if (answer === 'accepted' && now > award.acceptBy) {
        throw new RuleViolationError('ACCEPTANCE_DEADLINE_PASSED', `The offer could be accepted until ${award.acceptBy.toISOString()}; contact the program office`);
      }
      award.status = answer;
      award.respondedAt = now;
      award.respondedBy = actor.userId;
      award.version += 1;
      await manager.save(award);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'owner' }, action: `award.${answer}`, entityType: 'award', entityId: id, fromState: 'offered', toState: answer });
      const application = await manager.findOneByOrFail(ApplicationEntity, { id: award.applicationId });
      const organization = await manager.findOneByOrFail(OrganizationEntity, { id: award.organizationId });
      await this.members.emailMembers(manager, organization, `award-response/${id}`, 'award-response', {
        organizationName: organization.legalName,
        referenceNumber: application.referenceNumber ?? '',
        answer,
        respondedBy: actor.name,
        approvedCents: award.approvedCents,
        awardUrl: new URL(`/awards/${id}`, this.config.appUrl).toString(),
      });
      if (answer === 'accepted') {
        // Payments wait for the agreement: version 1 now, executed once both parties sign it.
        await this.agreements.draftFirst(manager, award, actor, now);
        const from = application.status;
        application.status = 'awarded';
        application.version += 1;
        await manager.save(application);
        await this.audit.record(manager, { actor: { id: actor.userId, role: 'owner' }, action: 'application.awarded', entityType: 'application', entityId: application.id, fromState: from, toState: 'awarded' });
      }
      return this.view(manager, award, false);
    });
  }
}

/** `budget`: schedule D's lines in force, which the spending is compared with. */
export function toReportView(report: AwardReportEntity, budget: readonly BudgetLineAmount[]): ReportView {
  const reported = report.spending ? variances(budget.filter((line) => line.fiscalYear === report.period), report.spending.map(({ fiscalYear, category, spentCents }) => ({ fiscalYear, category, amountCents: spentCents }))) : [];
  return {
    id: report.id,
    kind: report.kind,
    period: report.period,
    dueOn: report.dueOn,
    status: report.status,
    spentCents: report.spentCents,
    spending: report.spending,
    variances: reported,
    withinFlexibility: reported.every((variance) => variance.withinFlexibility),
    varianceJustification: report.varianceJustification,
    outcomes: report.outcomes,
    narrative: report.narrative,
    submittedAt: report.submittedAt,
    reviewedAt: report.reviewedAt,
    reviewComment: report.reviewComment,
    version: report.version,
  };
}

/** Schedule D's lines of the agreement in force (or of the latest version, before one is executed, its PDF ready or not); none before there is an agreement. */
export async function budgetInForce(manager: EntityManager, awardId: string): Promise<BudgetLineAmount[]> {
  const [version] = (await manager.query(
    `SELECT schedules->'d'->'lines' AS lines FROM agreement_version WHERE award_id = $1 ORDER BY (status = 'executed') DESC, version DESC LIMIT 1`,
    [awardId],
  )) as Array<{ lines: BudgetLineAmount[] }>;
  return version?.lines ?? [];
}
