import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { allowedFiscalYears, formatReferenceNumber, nextReferenceSequence } from '@grants/applications';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { CallEntity, DEMO_CBSF_CALL_ID } from '@grants/calls';
import { AppConfig, Clock } from '@grants/core';
import { DEMO_ORGANIZATION_ID, UserEntity } from '@grants/identity';
import { weightedScore } from '@grants/reviews';
import { DataSource, EntityManager } from 'typeorm';

/** A CBSF call that has closed and whose decisions are made but not yet released. */
export const DEMO_DECIDED_CALL_ID = '4f3c9d7e-6a5b-4c8d-9e0f-5a6b7c8d9e02';

const DAY = 24 * 3600_000;

export interface DemoDecision {
  organizationId: string;
  title: string;
  summary: string;
  requestedPerYearCents: number;
  outcome: 'approved' | 'declined';
  approvedCents: number | null;
  conditions: string;
  rationale: string;
  feedback: string | null;
  /** Each criterion's score (in the rubric's order) by the two demo reviewers, who reviewed all three. */
  reviews: [number[], number[]];
}

const DECISIONS: DemoDecision[] = [
  {
    organizationId: DEMO_ORGANIZATION_ID,
    title: 'Accompagnement juridique des personnes survivantes',
    summary: 'Une avocate et une intervenante accompagnent les personnes survivantes dans leurs démarches juridiques, en français, à Ottawa et dans l’Est ontarien.',
    requestedPerYearCents: 4_250_000,
    outcome: 'approved',
    approvedCents: 8_500_000,
    conditions: 'Rencontre trimestrielle avec le bureau du programme; mention du financement provincial dans les communications publiques.',
    rationale: 'Highest need in the region and a strong partnership with legal clinics.',
    feedback: null,
    reviews: [
      [5, 5, 4, 5],
      [5, 4, 4, 4],
    ],
  },
  {
    organizationId: '3e9a1c2b-0d4f-4a6e-8b7c-1a2b3c4d5e01',
    title: 'Horizon peer mentors',
    summary: 'Survivors trained as peer mentors support people leaving trafficking through their first year of housing.',
    requestedPerYearCents: 6_000_000,
    outcome: 'approved',
    approvedCents: 10_000_000,
    conditions: 'The second year is subject to an interim report showing the mentor training completed.',
    rationale: 'Good fit; reduced to match the envelope.',
    feedback: null,
    reviews: [
      [4, 4, 4, 4],
      [4, 4, 3, 4],
    ],
  },
  {
    organizationId: '3e9a1c2b-0d4f-4a6e-8b7c-1a2b3c4d5e02',
    title: 'Highway 11 awareness tour',
    summary: 'Workshops in truck stops, schools and band offices along Highway 11 on recognizing and reporting trafficking.',
    requestedPerYearCents: 3_000_000,
    outcome: 'declined',
    approvedCents: null,
    conditions: '',
    rationale: 'Below the funding line; overlaps with an existing federal project.',
    feedback: 'The panel valued your reach into northern communities. Partnering with a local shelter would strengthen the delivery plan in a future call.',
    reviews: [
      [3, 3, 3, 3],
      [3, 2, 3, 3],
    ],
  },
];

/**
 * A decided call, so a new user can release decisions at once: the demo applicant's organization
 * (French) and two others have decisions waiting to be released by officer@example.org.
 */
@Injectable()
export class AwardsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async seed(): Promise<number> {
    if (this.config.isProduction) throw new Error('Demo data is never loaded when NODE_ENV=production');
    return this.dataSource.transaction(async (manager) => {
      if (await manager.existsBy(CallEntity, { id: DEMO_DECIDED_CALL_ID })) return 0;
      const template = await manager.findOneBy(CallEntity, { id: DEMO_CBSF_CALL_ID });
      const officer = await manager.findOneBy(UserEntity, { email: 'officer@example.org' });
      const reviewers = await Promise.all(['reviewer1@example.org', 'reviewer2@example.org'].map((email) => manager.findOneBy(UserEntity, { email })));
      if (!template || !officer || reviewers.some((reviewer) => !reviewer)) return 0;
      const now = this.clock.now();
      const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...terms } = template;
      const call = await manager.save(
        manager.create(CallEntity, {
          ...terms,
          id: DEMO_DECIDED_CALL_ID,
          title: { en: 'Community-Based Supports Fund: spring intake (decided)', fr: 'Fonds de soutien communautaire : appel du printemps (décisions prises)' },
          // A small intake: the first two requests fit ($205,000), the third draws the funding line.
          budgetEnvelopeCents: 25_000_000,
          opensAt: new Date(now.getTime() - 120 * DAY),
          closesAt: new Date(now.getTime() - 60 * DAY),
          reviewDueAt: new Date(now.getTime() - 20 * DAY),
          publishedAt: new Date(now.getTime() - 121 * DAY),
          closedAt: null,
          version: 2,
          createdBy: officer.id,
        }),
      );
      const years = allowedFiscalYears(call.closesAt!, call.maxDurationMonths ?? 24).slice(1, 3);
      let seeded = 0;
      for (const decision of DECISIONS) {
        if (await this.seedDecision(manager, call, decision, years, officer.id, reviewers.map((reviewer) => reviewer!.id), now)) seeded++;
      }
      return seeded;
    });
  }

  /** One application of the call, submitted, screened, reviewed by the two demo reviewers and decided (not released). */
  async seedDecision(manager: EntityManager, call: CallEntity, demo: DemoDecision, years: string[], officerId: string, reviewerIds: string[], now: Date): Promise<boolean> {
    const [owner] = (await manager.query(`SELECT user_id FROM organization_member WHERE organization_id = $1 AND role = 'owner' LIMIT 1`, [demo.organizationId])) as Array<{ user_id: string }>;
    if (!owner) return false;
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric' }).format(now));
    const sequence = await nextReferenceSequence(manager, 'CBSF', year);
    const referenceNumber = formatReferenceNumber('CBSF', year, sequence);
    const submittedAt = new Date(call.closesAt!.getTime() - 2 * DAY);
    const answers = {
      need: 'Survivors in our area wait months for legal and housing help after leaving.',
      activities: 'Navigators, a drop-in space two evenings a week, and training for partner agencies.',
      people_served: 80,
      delivery: ['in_person'],
      start_date: '2027-04-01',
      trauma_informed: true,
    };
    const [application] = (await manager.query(
      `INSERT INTO application (call_id, organization_id, status, title, summary, answers, reference_number, submitted_at, created_by, version)
       VALUES ($1, $2, $3, $4, $9, $5, $6, $7, $8, 4) RETURNING id`,
      [call.id, demo.organizationId, demo.outcome, demo.title, JSON.stringify(answers), referenceNumber, submittedAt, owner.user_id, demo.summary],
    )) as Array<{ id: string }>;
    const applicationId = application!.id;
    for (const [position, fiscalYear] of years.entries()) {
      await manager.query(
        `INSERT INTO application_budget_line (application_id, position, fiscal_year, category, description, amount_cents) VALUES ($1, $2, $3, 'personnel', 'Survivor navigators', $4)`,
        [applicationId, position, fiscalYear, demo.requestedPerYearCents],
      );
    }
    await manager.query(`INSERT INTO application_snapshot (application_id, version, submitted_at, submitted_by, content) VALUES ($1, 1, $2, $3, $4)`, [
      applicationId,
      submittedAt,
      owner.user_id,
      JSON.stringify({ title: demo.title, summary: demo.summary, answers, budget: years.map((fiscalYear) => ({ fiscalYear, amountCents: demo.requestedPerYearCents })), requestedCents: demo.requestedPerYearCents * years.length, attachments: [] }),
    ]);
    await manager.query(`INSERT INTO application_screening (application_id, outcome, reason, officer_id) VALUES ($1, 'eligible', 'Complete and eligible (demo data)', $2)`, [applicationId, officerId]);
    // Reviewed before it was decided, so that the call's ranking explains the decisions.
    const criteria = call.rubric?.criteria ?? [];
    for (const [index, reviewerId] of reviewerIds.entries()) {
      const scores = criteria.map((criterion, position) => ({ criterionKey: criterion.key, score: Math.min(demo.reviews[index]![position] ?? 0, criterion.maxScore), comment: '' }));
      await manager.query(
        `INSERT INTO review_assignment (application_id, reviewer_id, status, conflict_declared, scores, overall_comment, weighted_score, declared_at, submitted_at)
         VALUES ($1, $2, 'submitted', false, $3, 'Demo review', $4, $5, $5)`,
        [applicationId, reviewerId, JSON.stringify(scores), weightedScore(criteria, Object.fromEntries(scores.map((score) => [score.criterionKey, score.score]))), new Date(now.getTime() - 10 * DAY)],
      );
    }
    await manager.query(
      `INSERT INTO application_decision (application_id, outcome, approved_cents, conditions, rationale, feedback, decided_by, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [applicationId, demo.outcome, demo.approvedCents, demo.conditions, demo.rationale, demo.feedback, officerId, new Date(now.getTime() - 2 * DAY)],
    );
    await this.audit.record(manager, { actor: SYSTEM_ACTOR, action: 'application.seeded', entityType: 'application', entityId: applicationId, toState: demo.outcome, details: { referenceNumber } });
    return true;
  }
}
