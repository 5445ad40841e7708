import { performance } from 'node:perf_hooks';

/**
 * The HTTP side of `bench:spike`: a small fetch client for the API (bearer token, client address
 * through X-Forwarded-For), the bodies of the scenario, and the setup requests.
 */

export interface Answer {
  status: number;
  body: any;
  ms: number;
}

export interface Send {
  method?: string;
  token?: string;
  json?: unknown;
  form?: FormData;
  /** The client address, sent as X-Forwarded-For (the API trusts one proxy in the bench). */
  address: string;
}

export async function send(baseUrl: string, route: string, options: Send): Promise<Answer> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.address };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const begin = performance.now();
  const response = await fetch(`${baseUrl}/api/v1${route}`, {
    method: options.method ?? (options.json !== undefined || options.form ? 'POST' : 'GET'),
    headers,
    body: options.form ?? (options.json !== undefined ? JSON.stringify(options.json) : undefined),
  });
  const text = await response.text();
  const ms = performance.now() - begin;
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body, ms };
}

export async function expectStatus(baseUrl: string, status: number, route: string, options: Send): Promise<Answer> {
  const answer = await send(baseUrl, route, options);
  if (answer.status !== status) throw new Error(`${options.method ?? ''} ${route}: expected ${status}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

/** One documentation-range address per organization, as 200 organizations come from 200 networks. */
export const addressOf = (index: number): string => `198.18.${Math.floor(index / 250)}.${(index % 250) + 1}`;

const DAY = 24 * 3600_000;
const both = (en: string, fr: string): { en: string; fr: string } => ({ en, fr });
/** The Community-Based Supports Fund (migrations/1795428000000-Intake.ts). */
export const CBSF_FUND_CODE = 'CBSF';

/** A complete call open from an hour ago for ten days (as test/support/calls.ts callBody). */
export function callBody(fundId: string): Record<string, unknown> {
  return {
    fundId,
    title: both('Community supports 2027', 'Soutiens communautaires 2027'),
    description: both('Services for survivors.', 'Services aux personnes survivantes.'),
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
    budgetEnvelopeCents: 500_000_000,
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
  };
}

/** A complete recipient profile (a submission needs one): the registering account signs for it. */
export function organizationBody(index: number, email: string): Record<string, unknown> {
  return {
    legalName: `Community Services ${index + 1}`,
    type: 'non_profit',
    region: 'toronto',
    address: { line1: `${index + 10} Queen St W`, city: 'Toronto', postalCode: 'M5H 2N2' },
    indigenousLed: false,
    preferredLanguage: index % 3 === 0 ? 'fr' : 'en',
    businessNumber: '123456782RR0001',
    contacts: [
      { name: `Director ${index + 1}`, title: 'Executive Director', email, phone: '416-555-0134', signingAuthority: true },
      { name: `Coordinator ${index + 1}`, title: 'Program Coordinator', email: `programs.${email}`, phone: '416-555-0199', signingAuthority: false },
    ],
  };
}

const NEED = 'Transitional housing, outreach and peer support for survivors in the region, with a drop-in centre open evenings and weekends. ';

/** The three saves of an organization, as a person fills the form in: project and first answers, then more, then the budget. */
export function saveBodies(index: number): Array<Record<string, unknown>> {
  const budget = [
    { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker (1 FTE)', amountCents: 6_000_000 },
    { fiscalYear: '2027-28', category: 'program_delivery', description: 'Drop-in centre rent and utilities', amountCents: 1_800_000 },
    { fiscalYear: '2027-28', category: 'training', description: 'Peer support training', amountCents: 700_000 },
  ];
  return [
    { version: 1, title: `Safe homes ${index + 1}`, summary: 'Housing and outreach for survivors of human trafficking.', answers: { need: NEED.repeat(4) } },
    { version: 2, answers: { need: NEED.repeat(10), people_served: 40 + index, delivery: 'in_person' }, budget: budget.slice(0, 2) },
    { version: 3, answers: { people_served: 45 + index }, budget },
  ];
}

/** A small PDF (about 16 KiB) that the type sniffer recognises. */
export const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n'), Buffer.from(`%${'bench '.repeat(2700)}\n`), Buffer.from('trailer<<>>\n%%EOF\n')]);

export function uploadForm(): FormData {
  const form = new FormData();
  form.append('key', 'financial_statements');
  form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'statements.pdf');
  return form;
}

/** Runs tasks with at most `limit` at a time; resolves with their results in order. */
export async function inBatches<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, count) }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await task(index);
      }
    }),
  );
  return results;
}
