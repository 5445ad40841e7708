import { Injectable } from '@nestjs/common';
import { BudgetCategory } from '@grants/applications';
import { AuditService } from '@grants/audit';
import { FundCode, OutcomeMeasure } from '@grants/calls';
import { OutboxService } from '@grants/core';
import { AgreementSchedules } from '@grants/documents';
import { Actor, Locale } from '@grants/identity';
import { EntityManager } from 'typeorm';
import { AwardEntity } from '../award.entity';
import { ontarioDate } from '../rules/award-plan';
import { AgreementVersionEntity } from './agreement-version.entity';
import { renderAgreementJob } from './agreement-jobs';
import { instalmentsOf } from '../rules/payment-ledger';
import { firstSchedules } from './rules/agreement-schedules';
import { STANDARD_TERMS } from './standard-terms';

/**
 * Writes a new version of an award's agreement (status `generating`) and queues its PDF, in the
 * caller's transaction: the version exists with its rendering or not at all.
 */
@Injectable()
export class AgreementDrafter {
  constructor(
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
  ) {}

  /** Version 1, from the award as its owner accepted it. */
  async draftFirst(manager: EntityManager, award: AwardEntity, actor: Actor, acceptedAt: Date): Promise<AgreementVersionEntity> {
    const [facts] = (await manager.query(
      `SELECT a.title, a.summary, f.code AS fund_code, c.outcome_measures, c.holdback_percent, o.preferred_language,
              (SELECT coalesce(json_agg(json_build_object('fiscalYear', b.fiscal_year, 'category', b.category, 'amountCents', b.amount_cents) ORDER BY b.position), '[]')
                 FROM application_budget_line b WHERE b.application_id = a.id) AS budget,
              (SELECT coalesce(json_agg(json_build_object('position', p.position, 'fiscalYear', p.fiscal_year, 'dueOn', p.due_on, 'amountCents', p.amount_cents, 'holdback', p.holdback) ORDER BY p.position), '[]')
                 FROM award_payment p WHERE p.award_id = $2) AS payments,
              (SELECT coalesce(json_agg(json_build_object('kind', r.kind, 'period', r.period, 'dueOn', r.due_on) ORDER BY r.due_on, r.kind DESC), '[]')
                 FROM award_report r WHERE r.award_id = $2) AS reports
         FROM application a
         JOIN call c ON c.id = a.call_id
         JOIN fund f ON f.id = c.fund_id
         JOIN organization o ON o.id = a.organization_id
        WHERE a.id = $1`,
      [award.applicationId, award.id],
    )) as Array<DraftFacts>;
    if (!facts) throw new Error(`no application ${award.applicationId} for the agreement of award ${award.id}`);
    const schedules = firstSchedules({
      terms: STANDARD_TERMS[facts.fund_code],
      approvedCents: award.approvedCents,
      conditions: award.conditions,
      project: { title: facts.title, summary: facts.summary },
      startsOn: ontarioDate(acceptedAt),
      budget: facts.budget.map((line) => ({ ...line, amountCents: Number(line.amountCents) })),
      // Schedule E shows whole instalments; the holdback is named as the part kept from the last one.
      payments: instalmentsOf(facts.payments.map((payment) => ({ ...payment, amountCents: Number(payment.amountCents) }))),
      reports: facts.reports,
      outcomeMeasures: facts.outcome_measures.map(({ key, label }) => ({ key, label: { en: label.en ?? '', fr: label.fr ?? '' } })),
      holdbackPercent: facts.holdback_percent,
    });
    return this.draft(manager, { award, version: 1, schedules, locale: facts.preferred_language, reason: null, actor, actorRole: 'owner' });
  }

  /** The next version, as an officer amends the one in force. */
  draftAmendment(manager: EntityManager, award: AwardEntity, inForce: AgreementVersionEntity, schedules: AgreementSchedules, reason: string, actor: Actor): Promise<AgreementVersionEntity> {
    return this.draft(manager, { award, version: inForce.version + 1, schedules, locale: inForce.locale, reason, actor, actorRole: 'officer' });
  }

  private async draft(
    manager: EntityManager,
    next: { award: AwardEntity; version: number; schedules: AgreementSchedules; locale: Locale; reason: string | null; actor: Actor; actorRole: 'owner' | 'officer' },
  ): Promise<AgreementVersionEntity> {
    const saved = await manager.save(
      manager.create(AgreementVersionEntity, {
        awardId: next.award.id,
        version: next.version,
        status: 'generating',
        schedules: next.schedules,
        totalCents: next.schedules.d.totalCents,
        locale: next.locale,
        reason: next.reason,
        proposedBy: next.actor.userId,
      }),
    );
    await this.outbox.enqueue(manager, renderAgreementJob, saved.id, { agreementVersionId: saved.id });
    await this.audit.record(manager, {
      actor: { id: next.actor.userId, role: next.actorRole },
      action: next.version === 1 ? 'agreement.drafted' : 'agreement.amendment_proposed',
      entityType: 'award',
      entityId: next.award.id,
      toState: 'generating',
      details: { agreementVersionId: saved.id, version: next.version, ...(next.reason ? { reason: next.reason } : {}) },
    });
    return saved;
  }
}

interface DraftFacts {
  title: string;
  summary: string;
  fund_code: FundCode;
  outcome_measures: OutcomeMeasure[];
  preferred_language: Locale;
  budget: Array<{ fiscalYear: string; category: BudgetCategory; amountCents: number | string }>;
  holdback_percent: number;
  payments: Array<{ position: number; fiscalYear: string; dueOn: string; amountCents: number | string; holdback: boolean }>;
  reports: AgreementSchedules['f']['reports'];
}
