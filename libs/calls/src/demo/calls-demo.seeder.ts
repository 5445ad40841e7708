import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, SYSTEM_ACTOR } from '@grants/audit';
import { AppConfig, Clock } from '@grants/core';
import { UserEntity } from '@grants/identity';
import { DataSource } from 'typeorm';
import { CallEntity } from '../call.entity';
import { ApplicationForm, CallTerms, FundCode, Rubric } from '../call-terms';
import { callGaps, callInconsistencies } from '../rules/call-rules';

const DAY = 24 * 3600_000;
const both = (en: string, fr: string) => ({ en, fr });
export const DEMO_CBSF_CALL_ID = '1c0f6a4e-3b2d-4e8f-9a1b-2c3d4e5f6a70';
export const DEMO_ILIF_CALL_ID = '2d1a7b5f-4c3e-4f9a-8b2c-3d4e5f6a7b81';
const CBSF_FUND_ID = '5f1c2a9e-8d3b-4c1e-9a7f-0c2b3d4e5f60';
const ILIF_FUND_ID = '7a2d3b4c-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

const PROJECT_SECTION = {
  key: 'project',
  title: both('About the project', 'Le projet'),
  questions: [
    { key: 'need', type: 'longtext' as const, label: both('What need in your community will the project meet?', 'À quel besoin de votre communauté le projet répondra-t-il?'), required: true, maxLength: 5000 },
    { key: 'activities', type: 'longtext' as const, label: both('What will you do, and when?', 'Que ferez-vous, et quand?'), required: true, maxLength: 8000 },
    { key: 'people_served', type: 'number' as const, label: both('About how many people will be served each year?', 'Environ combien de personnes seront servies chaque année?'), required: true, min: 0, max: 100000 },
    {
      key: 'delivery',
      type: 'multichoice' as const,
      label: both('How will services be delivered?', 'Comment les services seront-ils offerts?'),
      required: true,
      options: [
        { value: 'in_person', label: both('In person', 'En personne') },
        { value: 'virtual', label: both('Virtually', 'Virtuellement') },
        { value: 'outreach', label: both('Outreach in the community', 'Intervention dans la communauté') },
      ],
    },
    { key: 'start_date', type: 'date' as const, label: both('Planned start date', 'Date de début prévue'), required: true },
  ],
};

const SAFETY_SECTION = {
  key: 'safety',
  title: both('Safety and partnerships', 'Sécurité et partenariats'),
  questions: [
    { key: 'trauma_informed', type: 'yesno' as const, label: both('Are all staff trained in trauma-informed practice?', 'Tout le personnel est-il formé aux pratiques tenant compte des traumatismes?'), required: true },
    { key: 'partners', type: 'text' as const, label: both('Main partner organizations', 'Principaux organismes partenaires'), required: false, maxLength: 500 },
  ],
};

const CBSF_FORM: ApplicationForm = { sections: [PROJECT_SECTION, SAFETY_SECTION] };
const ILIF_FORM: ApplicationForm = {
  sections: [
    PROJECT_SECTION,
    {
      key: 'community',
      title: both('Community leadership', 'Leadership communautaire'),
      questions: [
        { key: 'community_led', type: 'longtext', label: both('How does the community lead the design and delivery of the initiative?', 'Comment la communauté dirige-t-elle la conception et la prestation de l’initiative?'), required: true, maxLength: 5000 },
        { key: 'culture', type: 'longtext', label: both('How are culture, language and traditional knowledge part of it?', 'Quelle place la culture, la langue et le savoir traditionnel y occupent-ils?'), required: false, maxLength: 5000 },
      ],
    },
  ],
};

/** What the scores mean, in three bands of the 0–5 scale, as program officers write them for reviewers. */
const bands = (low: [string, string], middle: [string, string], high: [string, string]) => [
  { minScore: 0, label: both(...low) },
  { minScore: 2, label: both(...middle) },
  { minScore: 4, label: both(...high) },
];

const RUBRIC: Rubric = {
  criteria: [
    {
      key: 'need',
      label: both('Demonstrated need', 'Besoin démontré'),
      weight: 30,
      maxScore: 5,
      descriptors: bands(
        ['Need not shown, or not linked to human trafficking', 'Besoin non démontré, ou sans lien avec la traite des personnes'],
        ['Need described in general terms, with little local evidence', 'Besoin décrit en termes généraux, avec peu de données locales'],
        ['Need shown with local evidence and the voices of survivors', 'Besoin démontré par des données locales et la parole des personnes survivantes'],
      ),
    },
    {
      key: 'approach',
      label: both('Survivor-centred, trauma-informed approach', 'Approche centrée sur les personnes survivantes et tenant compte des traumatismes'),
      weight: 30,
      maxScore: 5,
      descriptors: bands(
        ['Survivors’ safety and choices are not addressed', 'La sécurité et les choix des personnes survivantes ne sont pas abordés'],
        ['Some trauma-informed practices, not throughout the project', 'Quelques pratiques tenant compte des traumatismes, mais pas dans tout le projet'],
        ['Survivors shape the services; safety and consent guide every step', 'Les personnes survivantes façonnent les services; la sécurité et le consentement guident chaque étape'],
      ),
    },
    {
      key: 'capacity',
      label: both('Capacity to deliver', 'Capacité de réalisation'),
      weight: 20,
      maxScore: 5,
      descriptors: bands(
        ['No staff, partners or plan to deliver the project', 'Aucun personnel, partenaire ou plan pour réaliser le projet'],
        ['Staff and partners named; the plan has gaps', 'Personnel et partenaires nommés; le plan comporte des lacunes'],
        ['Experienced staff, committed partners and a realistic work plan', 'Personnel expérimenté, partenaires engagés et plan de travail réaliste'],
      ),
    },
    {
      key: 'value',
      label: both('Value for money', 'Optimisation des ressources'),
      weight: 20,
      maxScore: 5,
      descriptors: bands(
        ['Costs unexplained or out of proportion to the results', 'Coûts non expliqués ou disproportionnés par rapport aux résultats'],
        ['Costs mostly explained; some seem high', 'Coûts en grande partie expliqués; certains semblent élevés'],
        ['Every cost explained and in proportion to the people served', 'Chaque coût est expliqué et proportionné au nombre de personnes servies'],
      ),
    },
  ],
};

/** One open call per fund, for the embedded default. */
/** Counts only: what a program office can add up across organizations without identifying anyone. */
const OUTCOME_MEASURES = [
  { key: 'people_served', label: both('People served', 'Personnes servies') },
  { key: 'staff_trained', label: both('Staff and volunteers trained', 'Membres du personnel et bénévoles formés') },
  { key: 'community_sessions', label: both('Community awareness sessions held', 'Séances de sensibilisation communautaire tenues') },
];

@Injectable()
export class CallsDemoSeeder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async seed(): Promise<number> {
    if (this.config.isProduction) throw new Error('Demo data is never loaded when NODE_ENV=production');
    const now = this.clock.now();
    const opensAt = new Date(now.getTime() - 14 * DAY);
    const closesAt = new Date(Math.ceil((now.getTime() + 45 * DAY) / 3600_000) * 3600_000);
    const calls: Array<{ id: string; fundId: string; fundCode: FundCode; terms: CallTerms }> = [
      {
        id: DEMO_CBSF_CALL_ID,
        fundId: CBSF_FUND_ID,
        fundCode: 'CBSF',
        terms: {
          title: both('Community-Based Supports Fund 2027–2029', 'Fonds de soutien communautaire 2027-2029'),
          description: both(
            'Funding for community organizations that expand and improve services for survivors of human trafficking: housing, counselling, outreach, employment and legal supports.',
            'Financement pour les organismes communautaires qui élargissent et améliorent les services aux personnes survivantes de la traite des personnes : logement, counseling, intervention, emploi et soutien juridique.',
          ),
          opensAt,
          closesAt,
          budgetEnvelopeCents: 1_200_000_000,
          minRequestCents: 5_000_000,
          maxRequestCents: 25_000_000,
          maxDurationMonths: 24,
          eligibility: { organizationTypes: ['non_profit', 'charity', 'indigenous_organization', 'municipality'], regions: null, indigenousLedRequired: false },
          form: CBSF_FORM,
          requiredAttachments: [{ key: 'financial_statements', label: both('Latest financial statements', 'Derniers états financiers') }],
          rubric: RUBRIC,
          reviewersPerApplication: 2,
          reviewDueAt: new Date(closesAt.getTime() + 30 * DAY),
          disagreementThreshold: 20,
          holdbackPercent: 10,
          outcomeMeasures: OUTCOME_MEASURES,
        },
      },
      {
        id: DEMO_ILIF_CALL_ID,
        fundId: ILIF_FUND_ID,
        fundCode: 'ILIF',
        terms: {
          title: both('Indigenous-Led Initiatives Fund 2027–2029', 'Fonds pour les initiatives dirigées par des Autochtones 2027-2029'),
          description: both(
            'For initiatives designed, developed and delivered by Indigenous organizations and communities to prevent human trafficking and support survivors.',
            'Pour des initiatives conçues, élaborées et offertes par des organisations et communautés autochtones afin de prévenir la traite des personnes et de soutenir les personnes survivantes.',
          ),
          opensAt,
          closesAt,
          budgetEnvelopeCents: 800_000_000,
          minRequestCents: 5_000_000,
          maxRequestCents: 30_000_000,
          maxDurationMonths: 36,
          eligibility: {
            organizationTypes: ['indigenous_organization', 'first_nation', 'metis_organization', 'inuit_organization', 'non_profit'],
            regions: null,
            indigenousLedRequired: true,
          },
          form: ILIF_FORM,
          requiredAttachments: [{ key: 'resolution', label: both('Band council resolution or letter of support', 'Résolution du conseil de bande ou lettre d’appui') }],
          rubric: RUBRIC,
          reviewersPerApplication: 2,
          reviewDueAt: new Date(closesAt.getTime() + 30 * DAY),
          disagreementThreshold: 20,
          holdbackPercent: 10,
          outcomeMeasures: OUTCOME_MEASURES,
        },
      },
    ];
    return this.dataSource.transaction(async (manager) => {
      const officer = await manager.findOneByOrFail(UserEntity, { email: 'officer@example.org' });
      let created = 0;
      for (const call of calls) {
        const problems = [...callGaps(call.terms), ...callInconsistencies(call.terms, call.fundCode)];
        if (problems.length > 0) throw new Error(`demo call ${call.fundCode} is incomplete: ${JSON.stringify(problems)}`);
        const result = await manager
          .createQueryBuilder()
          .insert()
          .into(CallEntity)
          .values({ ...call.terms, title: call.terms.title!, description: call.terms.description!, id: call.id, fundId: call.fundId, version: 1, createdBy: officer.id, publishedAt: now })
          .orIgnore()
          .returning('id')
          .execute();
        if ((result.raw as unknown[]).length === 0) continue;
        created++;
        await this.audit.record(manager, { actor: SYSTEM_ACTOR, action: 'call.seeded', entityType: 'call', entityId: call.id, toState: 'open' });
      }
      return created;
    });
  }
}
