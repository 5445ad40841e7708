import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CBSF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { TestUser } from './accounts';

const DAY = 24 * 3600_000;
const both = (en: string, fr: string) => ({ en, fr });

/** A complete CBSF call body: open from an hour ago for ten days. */
export function callBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fundId: CBSF_FUND_ID,
    title: both('Community supports 2027', 'Soutiens communautaires 2027'),
    description: both('Services for survivors.', 'Services aux personnes survivantes.'),
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
    budgetEnvelopeCents: 50_000_000,
    minRequestCents: 1_000_000,
    maxRequestCents: 15_000_000,
    maxDurationMonths: 24,
    eligibility: { organizationTypes: ['non_profit', 'charity', 'indigenous_organization'], regions: null, indigenousLedRequired: false },
    form: {
      sections: [
        {
          key: 'project',
          title: both('Project', 'Projet'),
          questions: [
            { key: 'need', type: 'longtext', label: both('What need does it meet?', 'À quel besoin répond-il?'), required: true, maxLength: 5000 },
            { key: 'people_served', type: 'number', label: both('People served', 'Personnes servies'), required: true, min: 0, max: 100000 },
            {
              key: 'delivery',
              type: 'choice',
              label: both('Delivery', 'Prestation'),
              required: false,
              options: [
                { value: 'in_person', label: both('In person', 'En personne') },
                { value: 'virtual', label: both('Virtual', 'Virtuelle') },
              ],
            },
          ],
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
    ...overrides,
  };
}

/** Creates and publishes a call; returns its id. */
export async function publishedCall(app: INestApplication, officer: TestUser, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await request(app.getHttpServer()).post('/api/v1/calls').set(officer.auth).send(callBody(overrides)).expect(201);
  await request(app.getHttpServer()).post(`/api/v1/calls/${created.body.id}/publish`).set(officer.auth).expect(200);
  return created.body.id as string;
}

export const ORGANIZATION = {
  legalName: 'Refuge Arc-en-ciel',
  type: 'non_profit',
  region: 'toronto',
  address: { line1: '10 Queen St W', city: 'Toronto', postalCode: 'M5H 2N2' },
  indigenousLed: false,
  preferredLanguage: 'en',
};

/**
 * A complete recipient profile for the user who registers the organization: a Business Number and
 * two contacts, the registering user (a member once it is created) with signing authority. What an
 * organization needs before it can submit.
 */
export function organizationFor(user: { email: string }, overrides: Record<string, unknown> = {}): typeof ORGANIZATION & { businessNumber: string; contacts: Array<Record<string, unknown>> } & Record<string, unknown> {
  return {
    ...ORGANIZATION,
    businessNumber: '123456782RR0001',
    contacts: [
      { name: 'Dana Whitford', title: 'Executive Director', email: user.email, phone: '416-555-0134', signingAuthority: true },
      { name: 'Sam Okafor', title: 'Program Manager', email: `programs.${user.email}`, phone: '416-555-0199 ext. 12', signingAuthority: false },
    ],
    ...overrides,
  };
}

/** The smallest PDF a sniffer recognises. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * The data-sharing agreement an Indigenous-led organization accepts before submitting to the ILIF,
 * accepted by `signer` (the registering owner of organizationFor has signing authority).
 */
export async function acceptDataSharing(app: INestApplication, organizationId: string, signer: TestUser): Promise<void> {
  const api = () => request(app.getHttpServer());
  const agreement = await api().get(`/api/v1/organizations/${organizationId}/data-sharing-agreement`).set(signer.auth).expect(200);
  await api()
    .post(`/api/v1/organizations/${organizationId}/data-sharing-agreement/accept`)
    .set(signer.auth)
    .send({ version: agreement.body.version, name: 'Dana Whitford', title: 'Executive Director', attest: true })
    .expect(200);
}
