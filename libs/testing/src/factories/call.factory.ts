import { Call, CallService, CallTerms, FundCode } from '@grants/calls';
import { Clock } from '@grants/core';
import { Actor } from '@grants/identity';
import { ServiceTestContext } from '../service-context';
import { createOfficer } from './user.factory';

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
const both = (en: string, fr: string) => ({ en, fr });

export interface TestCall {
  call: Call;
  /** The officer who set it up, who also screens and decides in the factories below. */
  officer: Actor;
}

export interface CallOptions {
  fund?: FundCode;
  officer?: Actor;
  /** Any term of the call, e.g. `{ reviewersPerApplication: 3 }`. */
  terms?: Partial<CallTerms>;
}

/**
 * A complete call's terms for the fund: open from an hour ago (on the context's clock) for ten
 * days, one required question and one required attachment, a two-criterion rubric, two reviewers
 * per application. ILIF calls require Indigenous leadership, as the fund's rules demand.
 */
export function callTerms(fund: FundCode, now: Date): CallTerms {
  return {
    title: fund === 'ILIF' ? both('Indigenous-led initiatives 2027', 'Initiatives dirigées par des Autochtones 2027') : both('Community supports 2027', 'Soutiens communautaires 2027'),
    description: both('Services for survivors.', 'Services aux personnes survivantes.'),
    opensAt: new Date(now.getTime() - HOUR_MS),
    closesAt: new Date(now.getTime() + 10 * DAY_MS),
    budgetEnvelopeCents: 50_000_000,
    minRequestCents: 1_000_000,
    maxRequestCents: 15_000_000,
    maxDurationMonths: 24,
    eligibility:
      fund === 'ILIF'
        ? { organizationTypes: ['indigenous_organization', 'first_nation', 'metis_organization', 'inuit_organization'], regions: null, indigenousLedRequired: true }
        : { organizationTypes: ['non_profit', 'charity', 'indigenous_organization', 'first_nation'], regions: null, indigenousLedRequired: false },
    form: {
      sections: [
        {
          key: 'project',
          title: both('Project', 'Projet'),
          questions: [{ key: 'need', type: 'longtext', label: both('What need does it meet?', 'À quel besoin répond-il?'), required: true, maxLength: 5000 }],
        },
      ],
    },
    requiredAttachments: [{ key: 'financial_statements', label: both('Financial statements', 'États financiers') }],
    rubric: {
      criteria: [
        { key: 'need', label: both('Need', 'Besoin'), weight: 2, maxScore: 10 },
        { key: 'capacity', label: both('Capacity', 'Capacité'), weight: 1, maxScore: 5 },
      ],
    },
    reviewersPerApplication: 2,
    reviewDueAt: null,
    disagreementThreshold: 20,
    holdbackPercent: 10,
    outcomeMeasures: [],
  };
}

/** A call created and published by an officer through CallService, open now. CBSF unless `fund` says otherwise. */
export async function createPublishedCall(services: ServiceTestContext, options: CallOptions = {}): Promise<TestCall> {
  const fundCode = options.fund ?? 'CBSF';
  const officer = options.officer ?? (await createOfficer(services));
  const calls = services.get(CallService);
  const fund = (await calls.funds()).find((candidate) => candidate.code === fundCode);
  if (!fund) throw new Error(`no fund ${fundCode}: were the migrations run?`);
  const draft = await calls.create(officer, fund.id, { ...callTerms(fundCode, services.get(Clock).now()), ...options.terms });
  return { call: await calls.publish(officer, draft.id), officer };
}
