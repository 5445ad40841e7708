import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { AppConfig, FixedClock } from '@grants/core';
import { passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ILIF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { signedInUser, signInOn, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, expectReflows, launchBrowser, newPage, screenshot } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { executeAgreement } from '../support/agreements';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';

// Every application asks for $50,000 in 2027-28 and $35,000 in 2028-29: an award is split 50:35 across them.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_000 },
];
const MEASURES = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];
const ILIF = { fundId: ILIF_FUND_ID, title: { en: 'Indigenous-led initiatives 2027', fr: 'Initiatives autochtones 2027' }, eligibility: { organizationTypes: ['first_nation'], regions: null, indigenousLedRequired: true } };

interface Dashboard {
  today: string;
  fiscalYears: string[];
  money: Array<{ fundCode: string; fiscalYear: string; requestedCents: number; approvedCents: number; acceptedCents: number; paidCents: number; toPayCents: number; recoveryOwedCents: number; recoveredCents: number }>;
  calls: Array<{ callId: string; fundCode: string; phase: string; counts: Record<string, number>; total: number }>;
  reports: Array<{ fundCode: string; due: number; overdue: number; awaitingReview: number }>;
  outcomes: Array<{ fundCode: string; key: string; label: { en: string; fr: string }; total: number }>;
  regions: Array<{ region: string; submitted: number; approved: number; approvedCents: number }>;
}

/** The text of an element with no-break spaces (French punctuation, money) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

/** Each row of a table's part as its cells' text, joined with " | ". */
async function rowsOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(`${selector} tr`).evaluateAll((rows) =>
    rows.map((row) => Array.from((row as unknown as { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td'), (cell) => (cell.textContent ?? '').replace(/[\u00a0\u202f]/g, ' ').trim()).join(' | ')),
  );
}

describe('the office’s dashboard: money, applications, reports, outcomes and regions (API, Chromium, axe)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let officerFr: TestUser;
  let applicant: TestUser;
  let callId: string;
  let closedCallId: string;
  let ilifCallId: string;
  let config: AppConfig;
  let northId: string;
  let torontoId: string;
  const api = () => request(app.getHttpServer());

  async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  /** An organization of the region with its application to the call: drafted, or submitted and screened eligible. */
  async function apply(owner: TestUser, region: string, legalName: string, submit = true): Promise<string> {
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName, region })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    const id = draft.body.id as string;
    await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${legalName})`, summary: 'Housing and outreach.', answers: { need: 'Housing', people_served: 40 }, budget: BUDGET }).expect(200);
    if (!submit) return id;
    await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(200);
    return id;
  }

  async function decide(id: string, approvedCents: number | null): Promise<void> {
    await api().post(`/api/v1/applications/${id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    const decision = approvedCents === null ? { outcome: 'declined', rationale: 'Weaker proposal', overrideReason: 'Envelope' } : { outcome: 'approved', approvedCents, rationale: 'Strong proposal', overrideReason: 'Regional balance' };
    await api().post(`/api/v1/applications/${id}/decision`).set(officer.auth).send(decision).expect(200);
  }

  async function awardOf(id: string): Promise<{ id: string; payments: Array<{ id: string; status: string }>; reports: Array<{ id: string; kind: string; dueOn: string }> }> {
    const awardId = (await api().get(`/api/v1/applications/${id}`).set(officer.auth).expect(200)).body.awardId as string;
    return (await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body;
  }

  const dashboard = async (query = '', auth = officer.auth): Promise<Dashboard> => (await api().get(`/api/v1/reports/dashboard${query}`).set(auth).expect(200)).body as Dashboard;

  beforeAll(async () => {
    config = testConfig(await isolatedEnvironment('dashboard'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    officerFr = await signedInUser(app, ['officer'], { locale: 'fr' });
    applicant = await signedInUser(app);
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ outcomeMeasures: MEASURES })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    closedCallId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ title: { en: 'Early closed call', fr: 'Appel fermé tôt' } })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${closedCallId}/publish`).set(officer.auth).expect(200);
    await api().post(`/api/v1/calls/${closedCallId}/close`).set(officer.auth).expect(200);
    ilifCallId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody(ILIF)).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${ilifCallId}/publish`).set(officer.auth).expect(200);

    // Accepted, paid once, its interim report accepted | accepted, its report filed | offered | declined | withdrawn | a draft.
    const owners = await Promise.all([1, 2, 3, 4, 5, 6].map(() => signedInUser(app)));
    const north = (northId = await apply(owners[0]!, 'north', 'Northern Lights Shelter'));
    const toronto = (torontoId = await apply(owners[1]!, 'toronto', 'Harbour Light Community Services'));
    const east = await apply(owners[2]!, 'east', 'Refuge de l’Est');
    const declined = await apply(owners[3]!, 'east', 'Maison Kingston');
    const withdrawn = await apply(owners[4]!, 'west', 'Western Haven');
    await apply(owners[5]!, 'central', 'Central Drafts', false);
    await decide(north, 8_500_000);
    await decide(toronto, 4_250_000);
    await decide(east, 3_400_000);
    await decide(declined, null);
    await api().post(`/api/v1/applications/${withdrawn}/withdraw`).set(owners[4]!.auth).expect(200);
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));

    const northAward = await awardOf(north);
    await api().post(`/api/v1/awards/${northAward.id}/accept`).set(owners[0]!.auth).expect(200);
    const approver = await signedInUser(app, ['approver']);
    await executeAgreement(app, northAward.id, owners[0]!, approver);
    await payPayment(app, northAward.payments[0]!.id, { officer, approver }, 'EFT-1');
    const northReport = await api()
      .post(`/api/v1/awards/${northAward.id}/reports`)
      .set(owners[0]!.auth)
      .send({ period: '2027-28', kind: 'interim', spending: [{ fiscalYear: '2027-28', category: 'personnel', spentCents: 4_900_000 }], outcomes: { people_served: 120, staff_trained: 14 }, narrative: 'Opened six beds.' })
      .expect(201);
    await api().post(`/api/v1/awards/${northAward.id}/reports/${northReport.body.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(200);
    const torontoAward = await awardOf(toronto);
    await api().post(`/api/v1/awards/${torontoAward.id}/accept`).set(owners[1]!.auth).expect(200);
    // Filed, not reviewed: awaiting review, and its counts are not in the outcomes.
    await api()
      .post(`/api/v1/awards/${torontoAward.id}/reports`)
      .set(owners[1]!.auth)
      .send({ period: '2027-28', kind: 'interim', spending: [{ fiscalYear: '2027-28', category: 'personnel', spentCents: 2_400_000 }], outcomes: { people_served: 999, staff_trained: 999 }, narrative: 'Hired two workers.' })
      .expect(201);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('gives the money per fund and fiscal year, in cents, as the docs define each figure', async () => {
    const figures = await dashboard();
    expect(figures.fiscalYears).toEqual(['2027-28', '2028-29']);
    // Requested: four submitted applications (not the withdrawn one, not the draft). Approved: the three awards'
    // schedules (50:35 of $85,000, $42,500 and $34,000). Accepted: the first two. Paid: the first year of the first.
    expect(figures.money).toEqual([
      { fundCode: 'CBSF', fiscalYear: '2027-28', requestedCents: 20_000_000, approvedCents: 9_500_000, acceptedCents: 7_500_000, paidCents: 5_000_000, toPayCents: 2_500_000, recoveryOwedCents: 0, recoveredCents: 0 },
      { fundCode: 'CBSF', fiscalYear: '2028-29', requestedCents: 14_000_000, approvedCents: 6_650_000, acceptedCents: 5_250_000, paidCents: 0, toPayCents: 5_250_000, recoveryOwedCents: 0, recoveredCents: 0 },
    ]);
    expect((await dashboard('?fund=CBSF&fiscalYear=2028-29')).money).toEqual([figures.money[1]]);
    expect((await dashboard('?fund=ILIF')).money).toEqual([]);
  });

  it('counts applications by status per call, open calls first, and reports, outcomes and regions', async () => {
    const figures = await dashboard();
    expect(figures.calls.map((call) => [call.callId, call.phase])).toEqual(expect.arrayContaining([[callId, 'open'], [ilifCallId, 'open']]));
    expect(figures.calls.at(-1)).toMatchObject({ callId: closedCallId, phase: 'closed', total: 0 });
    const main = figures.calls.find((call) => call.callId === callId)!;
    expect(main.total).toBe(6);
    expect(main.counts).toEqual({ draft: 1, submitted: 0, information_requested: 0, withdrawn: 1, ineligible: 0, in_review: 0, approved: 1, declined: 1, awarded: 2 });

    expect(figures.reports).toEqual([
      // The two accepted awards each owe a final report, not due yet; the second one's interim report waits for review.
      { fundCode: 'CBSF', due: 2, overdue: 0, awaitingReview: 1 },
      { fundCode: 'ILIF', due: 0, overdue: 0, awaitingReview: 0 },
    ]);
    expect(figures.outcomes).toEqual([
      { fundCode: 'CBSF', key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' }, total: 120 },
      { fundCode: 'CBSF', key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' }, total: 14 },
    ]);
    expect((await dashboard('?fiscalYear=2028-29')).outcomes).toEqual([]);
    expect(figures.regions).toEqual([
      { region: 'central', submitted: 0, approved: 0, approvedCents: 0 },
      { region: 'east', submitted: 2, approved: 1, approvedCents: 3_400_000 },
      { region: 'north', submitted: 1, approved: 1, approvedCents: 8_500_000 },
      { region: 'toronto', submitted: 1, approved: 1, approvedCents: 4_250_000 },
      { region: 'west', submitted: 0, approved: 0, approvedCents: 0 },
    ]);
    const ilif = await dashboard('?fund=ILIF');
    expect(ilif.calls.map((call) => call.callId)).toEqual([ilifCallId]);
    expect(ilif.regions.every((region) => region.submitted === 0)).toBe(true);
  });

  it('counts a report overdue once its due date has passed in Ontario', async () => {
    const final = (await awardOf(northId)).reports.find((report) => report.kind === 'final')!;
    // The day after the final reports' due date: both are overdue; the filed interim report still waits for review.
    const clock = new FixedClock(new Date(`${final.dueOn}T12:00:00-04:00`));
    clock.advance(24 * 3600_000);
    const later = await startApi(config, [], { clock });
    try {
      const auth = await signInOn(later, officer);
      const figures = (await request(later.getHttpServer()).get('/api/v1/reports/dashboard?fund=CBSF').set(auth).expect(200)).body as Dashboard;
      expect(figures.reports).toEqual([{ fundCode: 'CBSF', due: 0, overdue: 2, awaitingReview: 1 }]);
      const finals = (await request(later.getHttpServer()).get('/api/v1/reports/dashboard?fund=CBSF&fiscalYear=2028-29').set(auth).expect(200)).body as Dashboard;
      expect(finals.reports).toEqual([{ fundCode: 'CBSF', due: 0, overdue: 2, awaitingReview: 0 }]);
    } finally {
      await later.close();
    }
  });

  it('is for officers only, and refuses a fund or a fiscal year that is not one', async () => {
    await api().get('/api/v1/reports/dashboard').expect(401);
    await api().get('/api/v1/reports/dashboard').set(applicant.auth).expect(403);
    for (const query of ['?fiscalYear=2027-29', '?fiscalYear=2027', '?fiscalYear=27-28', '?fund=XYZ', '?other=1']) {
      await api().get(`/api/v1/reports/dashboard${query}`).set(officer.auth).expect(400);
    }
    expect((await api().get('/officer/dashboard').expect(303)).headers.location).toBe('/sign-in?next=%2Fofficer%2Fdashboard');
  });

  it('shows the figures with charts and tables in English, each count linking to its list, and passes axe at 1280 and 320 pixels', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, '/officer/dashboard');
      expect(await page.locator('h1').textContent()).toBe('Dashboard');
      expect(await page.locator('nav a[aria-current=page]').textContent()).toBe('Dashboard');
      expect(await rowsOf(page, '#money-CBSF-table tbody')).toEqual([
        // Nothing reconciled yet: nothing owed back, nothing recovered.
        '2027-28 | $200,000.00 | $95,000.00 | $75,000.00 | $50,000.00 | $25,000.00 | $0.00 | $0.00',
        '2028-29 | $140,000.00 | $66,500.00 | $52,500.00 | $0.00 | $52,500.00 | $0.00 | $0.00',
      ]);
      expect(await rowsOf(page, '#money-CBSF-table tfoot')).toEqual(['All years | $340,000.00 | $161,500.00 | $127,500.00 | $50,000.00 | $77,500.00 | $0.00 | $0.00']);
      expect(await page.locator('#money-CBSF-table tbody tr').first().locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual([
        '/officer/awards',
        '/officer/awards?status=accepted',
        '/officer/awards?status=accepted',
        '/officer/awards?status=accepted',
      ]);
      expect(await page.locator('#money-CBSF-chart svg[role=img] title').first().textContent()).toBe('Community-Based Supports Fund: money by fiscal year');
      expect(await page.locator('#money-CBSF-chart a').getAttribute('href')).toBe('#money-CBSF-table');
      expect(await rowsOf(page, '#reports-table tbody')).toEqual(['Community-Based Supports Fund | 2 | 0 | 1', 'Indigenous-Led Initiatives Fund | 0 | 0 | 0']);
      expect(await page.locator('#reports-table a').first().getAttribute('href')).toBe('/officer/awards?status=accepted');
      expect(await rowsOf(page, '#outcomes-CBSF-table tbody')).toEqual(['People served | 120', 'Staff trained | 14']);
      expect(await rowsOf(page, '#regions-table tbody')).toContain('Eastern Ontario | 2 | 1 | $34,000.00');
      await expectAccessible(page, 'dashboard, English');
      await screenshot(page, 'dashboard-en');
      await expectReflows(page, 'dashboard, English, 320 pixels');
      await page.setViewportSize({ width: 320, height: 800 });
      await expectAccessible(page, 'dashboard, English, 320 pixels');
      await screenshot(page, 'dashboard-en-320');
      await page.setViewportSize({ width: 1280, height: 800 });

      const row = page.locator('#applications-table tbody tr', { hasText: 'Community supports 2027' });
      const awarded = row.locator(`a[href="/officer/applications?callId=${callId}&status=awarded"]`);
      expect(await awarded.textContent()).toBe('2');
      await awarded.click();
      await page.waitForURL(`${baseUrl}/officer/applications?callId=${callId}&status=awarded`);
      expect(await page.locator('tbody tr').count()).toBe(2);
      expect(await page.getByLabel('Status').inputValue()).toBe('awarded');
    } finally {
      await page.close();
    }
  });

  it('filters by fund and fiscal year with a plain form, and reads in French', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr', javaScript: false });
    try {
      await signIn(page, officerFr, '/officer/dashboard');
      await page.getByLabel('Fonds', { exact: true }).selectOption('CBSF');
      await page.getByLabel('Exercice', { exact: true }).selectOption('2028-29');
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(`${baseUrl}/officer/dashboard?fund=CBSF&fiscalYear=2028-29`);
      expect(await rowsOf(page, '#money-CBSF-table tbody')).toEqual(['2028-29 | 140 000,00 $ | 66 500,00 $ | 52 500,00 $ | 0,00 $ | 52 500,00 $ | 0,00 $ | 0,00 $']);
      expect(await page.locator('#money-ILIF-table').count()).toBe(0);
    } finally {
      await page.close();
    }
    const french = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await signIn(french, officerFr, '/officer/dashboard');
      expect(await french.locator('h1').textContent()).toBe('Tableau de bord');
      expect(await textOf(french, '#money-CBSF-table caption')).toBe('Fonds de soutien communautaire : argent par exercice');
      expect(await rowsOf(french, '#regions-table tbody')).toContain('Est de l’Ontario | 2 | 1 | 34 000,00 $');
      expect(await rowsOf(french, '#outcomes-CBSF-table tbody')).toEqual(['Personnes servies | 120', 'Personnel formé | 14']);
      await expectAccessible(french, 'dashboard, French');
      await screenshot(french, 'dashboard-fr');
    } finally {
      await french.close();
    }
  });

  it('counts a report sent back for changes as owed again, not as awaiting review', async () => {
    const award = await awardOf(torontoId);
    const filed = (await api().get(`/api/v1/awards/${award.id}`).set(officer.auth).expect(200)).body.reports.find((report: { status: string }) => report.status === 'submitted');
    await api().post(`/api/v1/awards/${award.id}/reports/${filed.id}/review`).set(officer.auth).send({ outcome: 'returned', comment: 'Add the staff trained.' }).expect(200);
    expect((await dashboard('?fund=CBSF')).reports).toEqual([{ fundCode: 'CBSF', due: 3, overdue: 0, awaitingReview: 0 }]);
  });
});
