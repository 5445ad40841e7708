import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { executeAgreement } from '../support/agreements';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { AcceptedAward, acceptedAwards } from '../support/awards';
import { expectAccessibleAndReflows, launchBrowser, newPage, plainText, pressOn, screenshot, signInThrough, tabTo } from '../support/browser';
import { callBody } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';
import { payPayment } from '../support/payments';

// $85,000.00 of $100,000.00: schedule D gives personnel $51,000.00 in 2027-28; the first payment is $51,000.00.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 6_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 4_000_000 },
];
const JUSTIFICATION = 'The outreach worker started in October; the office agreed to the later start.';

describe('web pages of the variance review and the year-end reconciliation (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let approver: TestUser;
  let english: AcceptedAward;
  let french: AcceptedAward;
  const api = () => request(app.getHttpServer());

  const signIn = (page: Page, user: TestUser, next: string) => signInThrough(page, baseUrl, user, TEST_PASSWORD, next);

  /** First payment paid, then an interim report spending `spentCents` on personnel, filed. */
  async function paidAndReported(award: AcceptedAward, spentCents: number): Promise<string> {
    await executeAgreement(app, award.awardId, award.owner, approver);
    await payPayment(app, award.paymentIds[0]!, { officer, approver });
    const report = await api()
      .post(`/api/v1/awards/${award.awardId}/reports`)
      .set(award.owner.auth)
      .send({ period: '2027-28', kind: 'interim', spending: [{ fiscalYear: '2027-28', category: 'personnel', spentCents }], outcomes: {}, narrative: 'Outreach began in October.' })
      .expect(201);
    return report.body.id as string;
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_reconciliation'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer'], { name: 'Alex Tremblay' });
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 30_000_000 })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    [english, french] = (await acceptedAwards(app, officer, callId, [
      { legalName: 'Harbour Light Community Services', language: 'en', budget: BUDGET, approvedCents: 8_500_000 },
      { legalName: 'Refuge du Nord', language: 'fr', budget: BUDGET, approvedCents: 8_500_000 },
    ])) as [AcceptedAward, AcceptedAward];
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('flags spending beyond schedule D line by line, accepts it only with a justification, then settles the surplus by offset', async () => {
    // $40,000.00 of $51,000.00: 21.6% under, beyond the flexibility.
    await paidAndReported(english, 4_000_000);
    const page = await newPage(browser, baseUrl);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, officer, `/officer/awards/${english.awardId}`);
      const variances = 'table:has(caption:text("against schedule D"))';
      expect(await plainText(page, variances)).toMatch(/Personnel \$51,000\.00 \$40,000\.00 −21\.6% Beyond: needs an amendment or a justification/);
      expect(await plainText(page)).toContain('At least one line is beyond schedule D’s flexibility');
      await expectAccessibleAndReflows(page, 'award, report beyond the flexibility');
      await screenshot(page, 'reconciliation-variance-review');

      const accept = page.getByRole('button', { name: 'Accept the report' });
      await pressOn(page, accept, /\/reports\/.+\/review$/);
      expect(await plainText(page, '#error-summary')).toContain('Spending on a budget line is beyond the flexibility of schedule D');
      await expectAccessibleAndReflows(page, 'award, acceptance refused');
      const justification = page.getByLabel('Why you accept the spending beyond the flexibility');
      await tabTo(page, justification);
      await page.keyboard.type(JUSTIFICATION);
      await pressOn(page, accept, /notice=accepted$/);
      expect(await plainText(page)).toContain(JUSTIFICATION);

      await pressOn(page, page.getByRole('link', { name: 'Settle what is owed to the Crown' }), /\/reconciliation$/);
      expect(await plainText(page, 'table')).toContain('2027-28 $51,000.00 $40,000.00 $11,000.00 To be recorded as owed to the Crown');
      await expectAccessibleAndReflows(page, 'reconciliation, surplus to record');
      await pressOn(page, page.getByRole('button', { name: 'Record $11,000.00 owed for 2027-28' }), /notice=recorded$/);
      expect(await plainText(page, 'table')).toContain('$11,000.00 owed to the Crown');
      await expectAccessibleAndReflows(page, 'reconciliation, recovery owed');
      await screenshot(page, 'reconciliation-owed');

      // A repayment reference left empty is named; offsetting settles it.
      await pressOn(page, page.getByRole('button', { name: 'Record the repayment' }), /\/repayment$/);
      expect(await plainText(page, '#error-summary')).toContain('Enter the repayment’s reference in the finance system.');
      await pressOn(page, page.getByRole('button', { name: 'Keep it from the next payments' }), /notice=offset$/);
      expect(await plainText(page, 'table')).toMatch(/Settled on .+: \$11,000\.00 kept from later payments/);
      expect(await page.getByRole('button').filter({ hasText: /Record|Keep/ }).count()).toBe(0);
      await expectAccessibleAndReflows(page, 'reconciliation, settled');

      await page.goto(`/officer/awards/${english.awardId}`);
      expect(await plainText(page, 'table:has(caption:text("Payments by Ontario fiscal year")) tbody tr:nth-child(2)')).toContain('$14,500.00');
    } finally {
      await page.close();
    }
  });

  it('shows the organization its reconciliation in its language, to read only', async () => {
    await paidAndReported(french, 4_600_000);
    const review = (await api().get(`/api/v1/awards/${french.awardId}`).set(officer.auth).expect(200)).body.reports[0];
    await api().post(`/api/v1/awards/${french.awardId}/reports/${review.id}/review`).set(officer.auth).send({ outcome: 'accepted' }).expect(200);
    await api().post(`/api/v1/awards/${french.awardId}/recoveries`).set(officer.auth).send({ fiscalYear: '2027-28' }).expect(201);
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, french.owner, `/awards/${french.awardId}`);
      await pressOn(page, page.getByRole('link', { name: 'Rapprochement de fin d’exercice et sommes dues' }), /\/reconciliation$/);
      expect(await plainText(page, 'h1')).toContain('Rapprochement de fin d’exercice');
      expect(await plainText(page, 'table')).toContain('2027-28 51 000,00 $ 46 000,00 $ 5 000,00 $ 5 000,00 $ dû à la Couronne');
      expect(await page.locator('main form').count()).toBe(0);
      await expectAccessibleAndReflows(page, 'reconciliation, organization, French');
      await screenshot(page, 'reconciliation-organization-fr');
    } finally {
      await page.close();
    }
    // The organization can only read it.
    const refused = await api().post(`/api/v1/awards/${french.awardId}/recoveries`).set(french.owner.auth).send({ fiscalYear: '2028-29' });
    expect(refused.status).toBe(403);
  });
});
