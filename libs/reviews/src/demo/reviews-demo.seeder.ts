import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { allowedFiscalYears, formatReferenceNumber, nextReferenceSequence } from '@grants/applications';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { CallEntity, DEMO_CBSF_CALL_ID } from '@grants/calls';
import { AppConfig, Clock } from '@grants/core';
import { DEMO_PASSWORD, PasswordHasher, UserEntity } from '@grants/identity';
import { DataSource, EntityManager } from 'typeorm';
import { weightedScore } from '../rules/scoring';

interface DemoApplicant {
  organizationId: string;
  ownerEmail: string;
  ownerName: string;
  legalName: string;
  region: 'toronto' | 'north' | 'west';
  city: string;
  postalCode: string;
  title: string;
  summary: string;
  requestedPerYearCents: number;
  /** reviewer1's and reviewer2's scores for need, approach, capacity, value (0–5). */
  scores: [number[], number[]];
}

const DEMO_APPLICANTS: DemoApplicant[] = [
  {
    organizationId: '3e9a1c2b-0d4f-4a6e-8b7c-1a2b3c4d5e01',
    ownerEmail: 'horizon@example.org',
    ownerName: 'Nadia Haddad',
    legalName: 'Maison Horizon Toronto',
    region: 'toronto',
    city: 'Toronto',
    postalCode: 'M4C 1B5',
    title: 'Horizon transitional housing',
    summary: 'Twelve transitional apartments in east Toronto, with a case worker for each survivor for up to two years.',
    requestedPerYearCents: 9_500_000,
    scores: [[5, 5, 4, 4], [4, 5, 4, 5]],
  },
  {
    organizationId: '3e9a1c2b-0d4f-4a6e-8b7c-1a2b3c4d5e02',
    ownerEmail: 'northern@example.org',
    ownerName: 'Joseph Sutherland',
    legalName: 'Northern Lights Outreach',
    region: 'north',
    city: 'Timmins',
    postalCode: 'P4N 1B3',
    title: 'Outreach along Highway 11',
    summary: 'Two outreach workers travel Highway 11 from North Bay to Hearst to meet survivors where they are.',
    requestedPerYearCents: 6_000_000,
    scores: [[3, 3, 4, 3], [4, 3, 3, 3]],
  },
  {
    organizationId: '3e9a1c2b-0d4f-4a6e-8b7c-1a2b3c4d5e03',
    ownerEmail: 'harbour@example.org',
    ownerName: 'Grace Okafor',
    legalName: 'Safe Harbour Windsor',
    region: 'west',
    city: 'Windsor',
    postalCode: 'N9A 1A1',
    title: 'Border-city survivor navigators',
    summary: 'Navigators in Windsor help survivors reach housing, health care and legal aid on both sides of the border.',
    requestedPerYearCents: 11_000_000,
    scores: [[2, 3, 2, 2], [5, 4, 4, 5]],
  },
];

/**
 * Three applications to the demo CBSF call, screened and scored by reviewer1 and reviewer2, so a
 * new user sees a real ranking (with one disagreement). The demo applicant's own organization is
 * left free to apply.
 */
@Injectable()
export class ReviewsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async seed(): Promise<number> {
    if (this.config.isProduction) throw new Error('Demo data is never loaded when NODE_ENV=production');
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      const call = await manager.findOneBy(CallEntity, { id: DEMO_CBSF_CALL_ID });
      if (!call?.rubric || !call.closesAt) return 0;
      const reviewers = await Promise.all(['reviewer1@example.org', 'reviewer2@example.org'].map((email) => manager.findOneByOrFail(UserEntity, { email })));
      const years = allowedFiscalYears(call.closesAt, call.maxDurationMonths ?? 24).slice(1, 3);
      let created = 0;
      for (const demo of DEMO_APPLICANTS) {
        const inserted = (await manager.query(
          `INSERT INTO organization (id, legal_name, type, region, address_line1, address_city, address_postal_code, indigenous_led, preferred_language, business_number)
           VALUES ($1, $2, 'non_profit', $3, '1 Main Street', $4, $5, false, 'en', '876543216RR0001') ON CONFLICT (id) DO NOTHING RETURNING id`,
          [demo.organizationId, demo.legalName, demo.region, demo.city, demo.postalCode],
        )) as unknown[];
        if (inserted.length === 0) continue;
        created++;
        await this.seedApplication(manager, demo, call, reviewers, years, passwordHash);
      }
      return created;
    });
  }

  private async seedApplication(manager: EntityManager, demo: DemoApplicant, call: CallEntity, reviewers: UserEntity[], years: string[], passwordHash: string): Promise<void> {
    const [owner] = (await manager.query(
      `INSERT INTO user_account (email, name, locale, password_hash, email_verified_at) VALUES ($1, $2, 'en', $3, now())
       ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [demo.ownerEmail, demo.ownerName, passwordHash],
    )) as Array<{ id: string }>;
    await manager.query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'owner')`, [demo.organizationId, owner!.id]);
    // A complete recipient profile: the owner signs for the organization.
    await manager.query(
      `INSERT INTO organization_contact (organization_id, position, name, title, email, phone, signing_authority)
       VALUES ($1, 0, $2, 'Executive Director', $3, '416-555-0170', true), ($1, 1, 'Program coordinator', 'Program Coordinator', $4, '416-555-0171', false)`,
      [demo.organizationId, demo.ownerName, demo.ownerEmail, `programs.${demo.ownerEmail}`],
    );

    const now = this.clock.now();
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Toronto', year: 'numeric' }).format(now));
    const sequence = await nextReferenceSequence(manager, 'CBSF', year);
    const referenceNumber = formatReferenceNumber('CBSF', year, sequence);
    const answers = {
      need: `${demo.legalName} sees survivors of trafficking with nowhere safe to go after the first weeks of support.`,
      activities: 'Hire two navigators, open a drop-in space two evenings a week, and train partner agencies.',
      people_served: 60,
      delivery: ['in_person', 'outreach'],
      start_date: '2027-04-01',
      trauma_informed: true,
    };
    const budget = years.map((fiscalYear) => ({ fiscalYear, category: 'personnel', description: 'Survivor navigators', amountCents: demo.requestedPerYearCents }));
    const [application] = (await manager.query(
      `INSERT INTO application (call_id, organization_id, status, title, summary, answers, reference_number, submitted_at, created_by, version)
       VALUES ($1, $2, 'in_review', $3, $8, $4, $5, $6, $7, 3) RETURNING id`,
      [call.id, demo.organizationId, demo.title, JSON.stringify(answers), referenceNumber, now, owner!.id, demo.summary],
    )) as Array<{ id: string }>;
    const applicationId = application!.id;
    for (const [position, line] of budget.entries()) {
      await manager.query(
        `INSERT INTO application_budget_line (application_id, position, fiscal_year, category, description, amount_cents) VALUES ($1, $2, $3, $4, $5, $6)`,
        [applicationId, position, line.fiscalYear, line.category, line.description, line.amountCents],
      );
    }
    await manager.query(`INSERT INTO application_snapshot (application_id, version, submitted_at, submitted_by, content) VALUES ($1, 1, $2, $3, $4)`, [
      applicationId,
      now,
      owner!.id,
      JSON.stringify({ title: demo.title, summary: demo.summary, answers, budget, requestedCents: demo.requestedPerYearCents * budget.length, organization: { legalName: demo.legalName }, attachments: [] }),
    ]);
    await manager.query(`INSERT INTO application_screening (application_id, outcome, reason, officer_id) SELECT $1, 'eligible', 'Complete and eligible (demo data)', id FROM user_account WHERE email = 'officer@example.org'`, [applicationId]);

    const criteria = call.rubric!.criteria;
    for (const [index, reviewer] of reviewers.entries()) {
      const given = demo.scores[index]!;
      const scores = criteria.map((criterion, position) => ({ criterionKey: criterion.key, score: Math.min(given[position] ?? 0, criterion.maxScore), comment: '' }));
      const weighted = weightedScore(criteria, Object.fromEntries(scores.map((score) => [score.criterionKey, score.score])));
      await manager.query(
        `INSERT INTO review_assignment (application_id, reviewer_id, status, conflict_declared, scores, overall_comment, weighted_score, declared_at, submitted_at)
         VALUES ($1, $2, 'submitted', false, $3, 'Demo review', $4, $5, $5)`,
        [applicationId, reviewer.id, JSON.stringify(scores), weighted, now],
      );
    }
    await this.audit.record(manager, { actor: SYSTEM_ACTOR, action: 'application.seeded', entityType: 'application', entityId: applicationId, toState: 'in_review', details: { referenceNumber } });
  }
}
