import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { allowedFiscalYears } from '@grants/applications';
import { CallEntity, DEMO_CBSF_CALL_ID } from '@grants/calls';
import { AppConfig, Clock } from '@grants/core';
import { Actor, DEMO_ORGANIZATION_ID, OrganizationService, UserEntity } from '@grants/identity';
import { DataSource } from 'typeorm';
import { AgreementVersionEntity } from '../agreements/agreement-version.entity';
import { AgreementService } from '../agreements/agreement.service';
import { RenderAgreementHandler } from '../agreements/render-agreement.handler';
import { AwardEntity, AwardPaymentEntity } from '../award.entity';
import { AwardService } from '../award.service';
import { PaymentService } from '../payments/payment.service';
import { ReleaseService } from '../release.service';
import { AwardsDemoSeeder, DemoDecision } from './awards-demo.seeder';

/** A CBSF call whose awards were released and accepted: one agreement awaits the organization's signature, one is executed. */
export const DEMO_AWARDED_CALL_ID = '4f3c9d7e-6a5b-4c8d-9e0f-5a6b7c8d9e03';

const DAY = 24 * 3600_000;
const HORIZON_ID = '3e9a1c2b-0d4f-4a6e-8b7c-1a2b3c4d5e01';

const AWARDED: DemoDecision[] = [
  {
    organizationId: DEMO_ORGANIZATION_ID,
    title: 'Hébergement de transition pour les personnes survivantes',
    summary: 'Six places d’hébergement de transition à Ottawa, avec une intervenante de soutien et un accompagnement vers un logement permanent.',
    requestedPerYearCents: 3_000_000,
    outcome: 'approved',
    approvedCents: 6_000_000,
    conditions: 'Rapport trimestriel sur le taux d’occupation; mention du financement provincial dans les communications publiques.',
    rationale: 'Strong need for French-language transitional housing in the east region.',
    feedback: null,
    reviews: [
      [5, 4, 4, 5],
      [4, 4, 4, 4],
    ],
  },
  {
    organizationId: HORIZON_ID,
    title: 'Horizon drop-in evenings',
    summary: 'A drop-in space open three evenings a week, with a survivor navigator and a nurse practitioner.',
    requestedPerYearCents: 4_000_000,
    outcome: 'approved',
    approvedCents: 8_000_000,
    conditions: 'Share the drop-in schedule with the fund officer before the first payment.',
    rationale: 'Fills the evening gap named by every partner agency.',
    feedback: null,
    reviews: [
      [4, 5, 4, 4],
      [4, 4, 4, 5],
    ],
  },
];

/**
 * The agreements a new user can try at once: the demo applicant (applicant@example.org) signs the
 * French agreement of Services communautaires Nouvelle Voie, which approver@example.org then
 * counter-signs; Maison Horizon's is already executed, its first payment requested and waiting for
 * approver@example.org's approval. Made through the services, as people would:
 * released, accepted, rendered as the worker renders, signed and counter-signed.
 */
@Injectable()
export class AgreementsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly decisions: AwardsDemoSeeder,
    private readonly releases: ReleaseService,
    private readonly awards: AwardService,
    private readonly agreements: AgreementService,
    private readonly payments: PaymentService,
    private readonly renderer: RenderAgreementHandler,
    private readonly organizations: OrganizationService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async seed(): Promise<number> {
    if (this.config.isProduction) throw new Error('Demo data is never loaded when NODE_ENV=production');
    const people = await this.people();
    if (!people || (await this.dataSource.getRepository(CallEntity).existsBy({ id: DEMO_AWARDED_CALL_ID }))) return 0;
    // Demo data loaded before organizations had contacts: nobody could sign, so no agreements.
    for (const organizationId of [DEMO_ORGANIZATION_ID, HORIZON_ID]) {
      if ((await this.organizations.profileProblems(this.dataSource.manager, organizationId)).length > 0) return 0;
    }
    const applicationIds = await this.seedDecidedCall(people.officer.userId);
    await this.releases.release(people.officer, DEMO_AWARDED_CALL_ID);
    for (const [index, applicationId] of applicationIds.entries()) {
      await this.releases.offerAward(applicationId);
      const award = await this.dataSource.getRepository(AwardEntity).findOneByOrFail({ applicationId });
      const owner = index === 0 ? people.demoApplicant : people.horizonOwner;
      await this.awards.accept(owner, award.id);
      const version = await this.dataSource.getRepository(AgreementVersionEntity).findOneByOrFail({ awardId: award.id, version: 1 });
      await this.renderer.handle({ agreementVersionId: version.id });
      if (owner === people.horizonOwner) {
        await this.agreements.sign(owner, award.id, { version: 1, name: owner.name, title: 'Executive Director' });
        await this.agreements.countersign(people.approver, award.id, { version: 1, title: 'Director, Community Supports Branch' });
        // The first instalment, asked for by the officer, waits for approver@example.org.
        const first = await this.dataSource.getRepository(AwardPaymentEntity).findOneByOrFail({ awardId: award.id, position: 0 });
        await this.payments.request(people.officer, first.id);
      }
    }
    return applicationIds.length;
  }

  private async seedDecidedCall(officerId: string): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const template = await manager.findOneByOrFail(CallEntity, { id: DEMO_CBSF_CALL_ID });
      const now = this.clock.now();
      const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...terms } = template;
      const call = await manager.save(
        manager.create(CallEntity, {
          ...terms,
          id: DEMO_AWARDED_CALL_ID,
          title: { en: 'Community-Based Supports Fund: winter intake (awarded)', fr: 'Fonds de soutien communautaire : appel d’hiver (subventions accordées)' },
          budgetEnvelopeCents: 25_000_000,
          opensAt: new Date(now.getTime() - 200 * DAY),
          closesAt: new Date(now.getTime() - 150 * DAY),
          reviewDueAt: new Date(now.getTime() - 120 * DAY),
          publishedAt: new Date(now.getTime() - 201 * DAY),
          closedAt: null,
          version: 2,
          createdBy: officerId,
        }),
      );
      const years = allowedFiscalYears(now, call.maxDurationMonths ?? 24).slice(1, 3);
      const reviewers = await Promise.all(['reviewer1@example.org', 'reviewer2@example.org'].map((email) => manager.findOneByOrFail(UserEntity, { email })));
      for (const decision of AWARDED) await this.decisions.seedDecision(manager, call, decision, years, officerId, reviewers.map((reviewer) => reviewer.id), now);
      const rows = (await manager.query(`SELECT id FROM application WHERE call_id = $1 ORDER BY reference_number`, [call.id])) as Array<{ id: string }>;
      return rows.map((row) => row.id);
    });
  }

  /** The accounts that act, as the services see them; null until the other demo data is there. */
  private async people(): Promise<{ officer: Actor; approver: Actor; demoApplicant: Actor; horizonOwner: Actor } | null> {
    const users = this.dataSource.getRepository(UserEntity);
    const [officer, approver, demoApplicant] = await Promise.all(['officer@example.org', 'approver@example.org', 'applicant@example.org'].map((email) => users.findOneBy({ email })));
    const [horizon] = (await this.dataSource.query(`SELECT user_id FROM organization_member WHERE organization_id = $1 AND role = 'owner' LIMIT 1`, [HORIZON_ID])) as Array<{ user_id: string }>;
    const horizonOwner = horizon ? await users.findOneBy({ id: horizon.user_id }) : null;
    if (!officer || !approver || !demoApplicant || !horizonOwner) return null;
    const actor = (user: UserEntity): Actor => ({ userId: user.id, email: user.email, name: user.name, locale: user.locale, roles: user.roles, panels: user.panels, sessionId: 'demo-data' });
    return { officer: actor(officer), approver: actor(approver), demoApplicant: actor(demoApplicant), horizonOwner: actor(horizonOwner) };
  }
}
