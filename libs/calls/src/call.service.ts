import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@grants/audit';
import { Clock, ConflictError, DomainError, ForbiddenError, NotFoundError, Page, RuleViolationError, StaleVersionError, decodeCursor, toPage } from '@grants/core';
import { Actor, hasRole } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { CallEntity } from './call.entity';
import { ApplicantProfile, CallTerms, EMPTY_CALL_TERMS, FundCode, Problem } from './call-terms';
import { eligibilityFaults } from './rules/answer-rules';
import { FundEntity } from './fund.entity';
import { CallPhase, callGaps, callInconsistencies, callPhase } from './rules/call-rules';

export interface Fund {
  id: string;
  code: FundCode;
  name: { en: string; fr: string };
  description: { en: string; fr: string };
  reviewPanel: 'ILIF' | null;
}

export interface Call extends CallTerms {
  id: string;
  fundId: string;
  fundCode: FundCode;
  status: CallPhase;
  version: number;
  publishedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CallQuery {
  status?: CallPhase;
  fund?: FundCode;
  limit: number;
  cursor?: string;
}

function describeProblems(problems: Problem[]): string {
  return problems.map((problem) => `${problem.field} ${problem.message}`).join('; ');
}

@Injectable()
export class CallService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async funds(): Promise<Fund[]> {
    const funds = await this.dataSource.getRepository(FundEntity).find({ order: { code: 'ASC' } });
    return funds.map((fund) => ({
      id: fund.id,
      code: fund.code,
      name: { en: fund.nameEn, fr: fund.nameFr },
      description: { en: fund.descriptionEn, fr: fund.descriptionFr },
      reviewPanel: fund.reviewPanel,
    }));
  }

  async create(actor: Actor, fundId: string, terms: Partial<CallTerms>): Promise<Call> {
    this.assertOfficer(actor);
    return this.dataSource.transaction(async (manager) => {
      const fund = await manager.findOneBy(FundEntity, { id: fundId });
      if (!fund) throw new RuleViolationError('UNKNOWN_FUND', `fundId ${fundId} is not a fund; see GET /funds`);
      const merged = { ...EMPTY_CALL_TERMS, ...terms };
      this.assertConsistent(merged, fund.code);
      const saved = await manager.save(manager.create(CallEntity, { ...toColumns(merged), fundId, version: 1, createdBy: actor.userId }));
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'officer' }, action: 'call.created', entityType: 'call', entityId: saved.id, toState: 'draft' });
      return this.toCall(saved, fund);
    });
  }

  async update(actor: Actor, id: string, version: number, changes: Partial<CallTerms>): Promise<Call> {
    this.assertOfficer(actor);
    return this.dataSource.transaction(async (manager) => {
      const { call, fund } = await this.lockCall(manager, id);
      if (call.publishedAt) throw new ConflictError('CALL_NOT_DRAFT', 'A published call cannot be edited');
      if (call.version !== version) throw new StaleVersionError('The call', call.version);
      const merged = { ...termsOf(call), ...changes };
      this.assertConsistent(merged, fund.code);
      Object.assign(call, toColumns(merged), { version: call.version + 1 });
      const saved = await manager.save(call);
      await this.audit.record(manager, {
        actor: { id: actor.userId, role: 'officer' },
        action: 'call.updated',
        entityType: 'call',
        entityId: id,
        details: { fields: Object.entries(changes).filter(([, value]) => value !== undefined).map(([key]) => key), version: saved.version },
      });
      return this.toCall(saved, fund);
    });
  }

  /** Publishes a complete draft; it opens at opensAt. Refuses, listing every gap, when incomplete. */
  async publish(actor: Actor, id: string): Promise<Call> {
    this.assertOfficer(actor);
    return this.dataSource.transaction(async (manager) => {
      const { call, fund } = await this.lockCall(manager, id);
      if (call.publishedAt) throw new ConflictError('CALL_ALREADY_PUBLISHED', 'This call is already published');
      const terms = termsOf(call);
      const gaps = [...callGaps(terms), ...callInconsistencies(terms, fund.code)];
      if (gaps.length > 0) {
        throw new RuleViolationError('CALL_INCOMPLETE', `The call cannot be published yet: ${describeProblems(gaps)}`, { missing: gaps });
      }
      const now = this.clock.now();
      if (call.closesAt && call.closesAt <= now) throw new RuleViolationError('CLOSING_IN_PAST', 'closesAt is in the past: move it before publishing');
      call.publishedAt = now;
      call.version += 1;
      const saved = await manager.save(call);
      const phase = callPhase(saved, now);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'officer' }, action: 'call.published', entityType: 'call', entityId: id, fromState: 'draft', toState: phase });
      return this.toCall(saved, fund);
    });
  }

  /** Closes a published call before its closing time. */
  async close(actor: Actor, id: string): Promise<Call> {
    this.assertOfficer(actor);
    return this.dataSource.transaction(async (manager) => {
      const { call, fund } = await this.lockCall(manager, id);
      const now = this.clock.now();
      const phase = callPhase(call, now);
      if (phase === 'draft' || phase === 'closed') throw new ConflictError('CALL_NOT_OPEN', `A ${phase} call cannot be closed`);
      call.closedAt = now;
      call.version += 1;
      const saved = await manager.save(call);
      await this.audit.record(manager, { actor: { id: actor.userId, role: 'officer' }, action: 'call.closed', entityType: 'call', entityId: id, fromState: phase, toState: 'closed' });
      return this.toCall(saved, fund);
    });
  }

  /** Anyone reads a published call; drafts exist only for officers. */
  async get(actor: Actor | null, id: string): Promise<Call> {
    const call = await this.dataSource.getRepository(CallEntity).findOneBy({ id });
    if (!call || (!call.publishedAt && !(actor && hasRole(actor, 'officer')))) throw new NotFoundError('Call');
    const fund = await this.dataSource.getRepository(FundEntity).findOneByOrFail({ id: call.fundId });
    return this.toCall(call, fund);
  }

  /** An open call of another fund whose eligibility rules accept the organization: where to point it when a call excludes it. */
  async openCallFor(actor: Actor | null, applicant: ApplicantProfile, exceptFundId: string): Promise<Call | null> {
    const open = (await this.list(actor, { status: 'open', limit: 100 })).items;
    return open.find((call) => call.fundId !== exceptFundId && call.eligibility !== null && eligibilityFaults(call.eligibility, applicant).length === 0) ?? null;
  }

  async list(actor: Actor | null, query: CallQuery): Promise<Page<Call>> {
    const now = this.clock.now();
    const builder = this.dataSource
      .getRepository(CallEntity)
      .createQueryBuilder('call')
      .innerJoinAndMapOne('call.fund', FundEntity, 'fund', 'fund.id = call.fundId')
      .orderBy(`date_trunc('milliseconds', call.created_at)`, 'DESC')
      .addOrderBy('call.id', 'DESC')
      .limit(query.limit + 1);
    if (!(actor && hasRole(actor, 'officer'))) builder.andWhere('call.publishedAt IS NOT NULL');
    if (query.fund) builder.andWhere('fund.code = :fund', { fund: query.fund });
    switch (query.status) {
      case 'draft':
        builder.andWhere('call.publishedAt IS NULL');
        break;
      case 'scheduled':
        builder.andWhere('call.publishedAt IS NOT NULL AND call.closedAt IS NULL AND call.opensAt > :now', { now });
        break;
      case 'open':
        builder.andWhere('call.publishedAt IS NOT NULL AND call.closedAt IS NULL AND call.opensAt <= :now AND call.closesAt > :now', { now });
        break;
      case 'closed':
        builder.andWhere('call.publishedAt IS NOT NULL AND (call.closedAt IS NOT NULL OR call.closesAt <= :now)', { now });
        break;
      case undefined:
        break;
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor);
      // The cursor holds milliseconds; PostgreSQL keeps microseconds, so compare at the cursor's precision.
      builder.andWhere(`(date_trunc('milliseconds', call.created_at), call.id) < (:afterAt, :afterId)`, { afterAt: after.createdAt, afterId: after.id });
    }
    const rows = (await builder.getMany()) as Array<CallEntity & { fund: FundEntity }>;
    return toPage(rows, query.limit, (row) => this.toCall(row, row.fund));
  }

  private assertOfficer(actor: Actor): void {
    if (!hasRole(actor, 'officer')) throw new ForbiddenError('Only fund officers manage calls');
  }

  private assertConsistent(terms: CallTerms, fundCode: FundCode): void {
    const problems = callInconsistencies(terms, fundCode);
    if (problems.length > 0) throw new DomainError('invalid', 'CALL_INVALID', describeProblems(problems), { problems });
  }

  private async lockCall(manager: EntityManager, id: string): Promise<{ call: CallEntity; fund: FundEntity }> {
    const call = await manager.findOne(CallEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!call) throw new NotFoundError('Call');
    return { call, fund: await manager.findOneByOrFail(FundEntity, { id: call.fundId }) };
  }

  private toCall(call: CallEntity, fund: FundEntity): Call {
    return {
      id: call.id,
      fundId: fund.id,
      fundCode: fund.code,
      ...termsOf(call),
      status: callPhase(call, this.clock.now()),
      version: call.version,
      publishedAt: call.publishedAt,
      closedAt: call.closedAt,
      createdAt: call.createdAt,
      updatedAt: call.updatedAt,
    };
  }
}

export function termsOf(call: CallEntity): CallTerms {
  return {
    title: call.title,
    description: call.description,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    budgetEnvelopeCents: call.budgetEnvelopeCents,
    minRequestCents: call.minRequestCents,
    maxRequestCents: call.maxRequestCents,
    maxDurationMonths: call.maxDurationMonths,
    eligibility: call.eligibility,
    form: call.form,
    requiredAttachments: call.requiredAttachments,
    rubric: call.rubric,
    reviewersPerApplication: call.reviewersPerApplication,
    reviewDueAt: call.reviewDueAt,
    disagreementThreshold: call.disagreementThreshold,
    holdbackPercent: call.holdbackPercent,
    outcomeMeasures: call.outcomeMeasures,
  };
}

function toColumns(terms: CallTerms): Partial<CallEntity> {
  return { ...terms, title: terms.title ?? {}, description: terms.description ?? {} };
}
