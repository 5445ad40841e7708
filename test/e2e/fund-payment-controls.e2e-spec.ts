import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { CBSF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { executeAgreement } from '../support/agreements';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { AcceptedAward, acceptedAwards } from '../support/awards';
import { expectAccessible, expectReflows, launchBrowser, newPage, screenshot } from '../support/browser';
import { callBody } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const DEFAULT_THRESHOLD_CENTS = 10_000_000;

/** The text of an element with no-break spaces (French punctuation and amounts) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('payment controls per fund: an administrator sets the second-approval threshold (API and page)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let admin: TestUser;
  let officer: TestUser;
  let approver: TestUser;
  let secondApprover: TestUser;
  const api = () => request(app.getHttpServer());
  const cbsf = async (reader: TestUser = officer) =>
    ((await api().get('/api/v1/funds/payment-controls').set(reader.auth).expect(200)).body as Array<Record<string, any>>).find((fund) => fund.code === 'CBSF')!;
  const setThreshold = (user: TestUser, body: Record<string, unknown>, fundId = CBSF_FUND_ID) => api().patch(`/api/v1/funds/${fundId}/payment-controls`).set(user.auth).send(body);

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('fund_payment_controls'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    admin = await signedInUser(app, ['admin'], { name: 'Jordan Fraser' });
    officer = await signedInUser(app, ['officer'], { name: 'Alex Tremblay' });
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    secondApprover = await signedInUser(app, ['approver'], { name: 'Priya Raman' });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('lets only an administrator change it, in whole cents within its limits, and audits the change', async () => {
    expect(await cbsf(approver)).toEqual({ fundId: CBSF_FUND_ID, code: 'CBSF', name: { en: 'Community-Based Supports Fund', fr: 'Fonds de soutien communautaire' }, secondApprovalThresholdCents: DEFAULT_THRESHOLD_CENTS });
    await api().get('/api/v1/funds/payment-controls').set((await signedInUser(app)).auth).expect(403);

    await setThreshold(officer, { secondApprovalThresholdCents: 5_000_000 }).expect(403);
    await setThreshold(approver, { secondApprovalThresholdCents: 5_000_000 }).expect(403);
    for (const refused of [0, 12.5, 99, 10_000_000_001]) {
      const response = await setThreshold(admin, { secondApprovalThresholdCents: refused }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^secondApprovalThresholdCents /)]));
    }
    await setThreshold(admin, { secondApprovalThresholdCents: '5000000' }).expect(400);
    expect((await setThreshold(admin, { secondApprovalThresholdCents: 5_000_000, fundCode: 'CBSF' }).expect(400)).body.message).toEqual(['fundCode should not exist']);
    await setThreshold(admin, { secondApprovalThresholdCents: 5_000_000 }, '00000000-0000-4000-8000-000000000000').expect(404);
    expect(await cbsf()).toMatchObject({ secondApprovalThresholdCents: DEFAULT_THRESHOLD_CENTS });

    const changed = await setThreshold(admin, { secondApprovalThresholdCents: 5_000_000 }).expect(200);
    expect(changed.body).toMatchObject({ fundId: CBSF_FUND_ID, secondApprovalThresholdCents: 5_000_000 });
    expect(await cbsf()).toMatchObject({ secondApprovalThresholdCents: 5_000_000 });
    const trail = (await api().get(`/api/v1/audit?entityId=${CBSF_FUND_ID}`).set(officer.auth).expect(200)).body.items as Array<Record<string, any>>;
    expect(trail.filter((event) => event.action === 'fund.approval_threshold_changed')).toEqual([
      expect.objectContaining({ entityType: 'fund', fromState: '10000000', toState: '5000000', details: { fromCents: DEFAULT_THRESHOLD_CENTS, toCents: 5_000_000 } }),
    ]);
  });

  it('makes a $60,000.00 payment requested afterwards need two approvals, which a later change does not undo', async () => {
    const call = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 20_000_000 })).expect(201);
    await api().post(`/api/v1/calls/${call.body.id}/publish`).set(officer.auth).expect(200);
    // $100,000.00 approved: the first payment is 2027-28's $60,000.00 (the holdback comes from the last).
    const [award] = (await acceptedAwards(app, officer, call.body.id, [
      {
        legalName: 'Harbour Light Community Services',
        language: 'en',
        budget: [
          { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 6_000_000 },
          { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 4_000_000 },
        ],
        approvedCents: 10_000_000,
      },
    ])) as [AcceptedAward];
    await executeAgreement(app, award.awardId, award.owner, approver);
    const first = award.paymentIds[0]!;

    const requested = await api().post(`/api/v1/payments/${first}/request`).set(officer.auth).expect(200);
    expect(requested.body).toMatchObject({ amountCents: 6_000_000, approvalsNeeded: 2 });

    // Back to the default: the payment already requested still needs its second approval.
    await setThreshold(admin, { secondApprovalThresholdCents: DEFAULT_THRESHOLD_CENTS }).expect(200);
    expect((await api().post(`/api/v1/payments/${first}/approve`).set(approver.auth).expect(200)).body).toMatchObject({ status: 'requested', approvalsNeeded: 2 });
    expect((await api().post(`/api/v1/payments/${first}/approve`).set(approver.auth).expect(403)).body).toMatchObject({ code: 'SEPARATION_OF_DUTIES' });
    expect((await api().post(`/api/v1/payments/${first}/approve`).set(secondApprover.auth).expect(200)).body).toMatchObject({ status: 'approved' });
  });

  it('lets an administrator change it on the French page, with an error summary first, and shows the new amount', async () => {
    const adminFr = await signedInUser(app, ['admin'], { locale: 'fr', name: 'Camille Roy' });
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    page.setDefaultTimeout(10_000);
    try {
      await page.goto('/sign-in?next=%2Fadmin%2Fstaff');
      await page.locator('#email').fill(adminFr.email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.locator('form[action="/sign-in"] button[type=submit]').click();
      await page.waitForURL(`${baseUrl}/admin/staff`);
      await page.getByRole('link', { name: 'Contrôles des paiements' }).click();
      await page.waitForURL(`${baseUrl}/admin/funds`);
      expect(await textOf(page, 'h1')).toBe('Contrôles des paiements des fonds');
      expect(await textOf(page, '#current-CBSF')).toBe('100 000,00 $');
      expect(await textOf(page)).toContain('Un paiement déjà demandé garde le nombre d’approbations exigé au moment de sa demande.');
      await expectAccessible(page, 'payment controls, French');
      await expectReflows(page, 'payment controls, French');

      const field = page.getByLabel('Nouveau seuil pour le Fonds de soutien communautaire, en dollars');
      await field.fill('0,50');
      await page.getByRole('button', { name: 'Modifier le seuil du Fonds de soutien communautaire' }).click();
      await page.waitForLoadState('load');
      expect(await textOf(page, '#error-summary')).toContain('Entrez un seuil pour le Fonds de soutien communautaire de 1,00 $ à 100 000 000,00 $.');
      expect(await field.inputValue()).toBe('0,50');
      await expectAccessible(page, 'payment controls, French, after a refused amount');

      await field.fill('50 000,00');
      await page.getByRole('button', { name: 'Modifier le seuil du Fonds de soutien communautaire' }).click();
      await page.waitForURL(/\/admin\/funds\?notice=changed/);
      expect(await textOf(page, '[role=status]')).toContain('Le seuil du Fonds de soutien communautaire est maintenant de 50 000,00 $.');
      expect(await textOf(page, '#current-CBSF')).toBe('50 000,00 $');
      await expectAccessible(page, 'payment controls, French, after the change');
      await screenshot(page, 'admin-funds-fr');
    } finally {
      await page.close();
    }
    expect(await cbsf()).toMatchObject({ secondApprovalThresholdCents: 5_000_000 });
  });
});
