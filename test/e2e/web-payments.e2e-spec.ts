import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { executeAgreement } from '../support/agreements';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessibleAndReflows, launchBrowser, newPage, plainText, pressOn, screenshot, signInThrough, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

// Approved $85,000.00: $50,000.00 in 2027-28, then $35,000.00 in 2028-29, of which the holdback.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_000 },
];
const HOLD_REASON = 'The interim report for 2027-28 is overdue. Send it to have the payments resumed.';

/** Desktop and phone screenshots (written with UPDATE_SCREENSHOTS=1 only). */
async function shots(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(viewport);
}

interface Funded {
  owner: TestUser;
  awardId: string;
  reference: string;
  paymentIds: string[];
}

describe('web pages of payments: requested, approved in the queue, recorded, held (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let approver: TestUser;
  let officerApprover: TestUser;
  let callId: string;
  const funded: Record<'english' | 'french', Funded> = {} as never;
  const api = () => request(app.getHttpServer());

  const signIn = (page: Page, user: TestUser, next: string) => signInThrough(page, baseUrl, user, TEST_PASSWORD, next);

  async function fund(legalName: string, locale: 'en' | 'fr'): Promise<{ owner: TestUser; applicationId: string }> {
    const owner = await signedInUser(app, ['applicant'], { locale, name: 'Dana Whitford' });
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName, preferredLanguage: locale })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    const applicationId = draft.body.id as string;
    await api().patch(`/api/v1/applications/${applicationId}`).set(owner.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach for survivors.', answers: { need: 'Housing', people_served: 40 }, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${applicationId}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    await api()
      .post(`/api/v1/applications/${applicationId}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 8_500_000, conditions: 'Quarterly check-ins with the program office.', rationale: 'Strong proposal', overrideReason: 'Regional balance' })
      .expect(200);
    return { owner, applicationId };
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_payments'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer'], { name: 'Alex Tremblay' });
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    officerApprover = await signedInUser(app, ['officer', 'approver'], { name: 'Jordan Park' });
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 30_000_000 })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const applied = { english: await fund('Harbour Light Community Services', 'en'), french: await fund('Refuge du Nord', 'fr') };
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));
    for (const [key, { owner, applicationId }] of Object.entries(applied) as Array<[keyof typeof funded, (typeof applied)['english']]>) {
      const application = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body as { awardId: string; referenceNumber: string };
      await api().post(`/api/v1/awards/${application.awardId}/accept`).set(owner.auth).expect(200);
      await executeAgreement(app, application.awardId, owner, approver);
      const award = (await api().get(`/api/v1/awards/${application.awardId}`).set(officer.auth).expect(200)).body as { payments: Array<{ id: string }> };
      funded[key] = { owner, awardId: application.awardId, reference: application.referenceNumber, paymentIds: award.payments.map((payment) => payment.id) };
    }
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('lets an officer request a payment, an approver approve it in the queue with the keyboard alone, and the officer record it paid', async () => {
    const { awardId, reference, paymentIds } = funded.english;
    const schedule = (page: Page) => page.locator('table:has(caption:text("Payments by Ontario fiscal year")) tbody tr');
    const staff = await newPage(browser, baseUrl);
    try {
      await staff.setViewportSize({ width: 1280, height: 800 });
      await signIn(staff, officer, `/officer/awards/${awardId}`);
      expect(await schedule(staff).nth(0).textContent()).toContain('Scheduled: can be requested now');
      expect(await schedule(staff).nth(1).textContent()).toContain('Scheduled: waits for the interim report 2027-28 to be accepted');
      expect(await plainText(staff, 'table:has(caption:text("Payments by Ontario fiscal year")) tbody tr:nth-child(3)')).toMatch(/\$8,500\.00 ?Holdback.*Holdback: waits for the final report 2028-29 to be accepted/);
      await expectAccessibleAndReflows(staff, 'the award, a payment to request');
      await shots(staff, 'payments-award-to-request');

      await pressOn(staff, staff.getByRole('button', { name: 'Request this payment for 2027-28' }), /notice=requested$/);
      expect(await plainText(staff, '[role=status]')).toContain('The payment is requested.');
      const requested = await plainText(staff, 'table:has(caption:text("Payments by Ontario fiscal year")) tbody tr');
      expect(requested).toContain('Requested: waiting for approval (0 of 1)');
      expect(requested).toContain('Requested by Alex Tremblay on');
      expect(await staff.getByRole('button', { name: /Request this payment/ }).count()).toBe(0);
      await expectAccessibleAndReflows(staff, 'the award, payment requested');
    } finally {
      await staff.close();
    }

    const approving = await newPage(browser, baseUrl);
    try {
      await approving.setViewportSize({ width: 1280, height: 800 });
      // An approver lands on the payments to approve; the menu leads there too.
      await signIn(approving, approver, '/officer/payments');
      expect(await approving.locator('nav[aria-label="Main menu"] a[aria-current="page"]').textContent()).toBe('Payments');
      expect(await approving.locator('nav[aria-label="Payments by step"] a[aria-current="page"]').textContent()).toBe('To approve');
      const row = await plainText(approving, `tr#payment-${paymentIds[0]}`);
      for (const expected of [reference, 'Harbour Light Community Services', '2027-28', '$50,000.00', 'Alex Tremblay', '0 of 1']) expect(row).toContain(expected);
      // The reference is the officers' way to the award page, which approvers do not open.
      expect(await approving.locator(`tr#payment-${paymentIds[0]} a`).count()).toBe(0);
      await expectAccessibleAndReflows(approving, 'the payments to approve');
      await shots(approving, 'payments-to-approve');

      // Sent with nothing ticked first: the summary says so and leads to the first box.
      await pressOn(approving, approving.getByRole('button', { name: 'Approve selected' }));
      expect(await plainText(approving, '#error-summary')).toContain('Tick at least one payment to approve.');
      expect(await approving.locator('#error-summary a').getAttribute('href')).toBe(`#pay-${paymentIds[0]}`);
      await expectAccessibleAndReflows(approving, 'the payments to approve, nothing ticked');
      const box = approving.getByRole('checkbox', { name: `Approve the payment of $50,000.00 for 2027-28 of ${reference}` });
      await tabTo(approving, box);
      await approving.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
      await pressOn(approving, approving.getByRole('button', { name: 'Approve selected' }));
      expect(await plainText(approving, '[role=status]')).toContain('1 payment was approved.');
      expect(await plainText(approving)).toContain('No payment is waiting for approval. Payments appear here once an officer requests them.');
      await expectAccessibleAndReflows(approving, 'the payments to approve, after approving');
      await shots(approving, 'payments-approved');

      await pressOn(approving, approving.getByRole('link', { name: 'To record' }), /show=record$/);
      expect(await plainText(approving, `tr#payment-${paymentIds[0]}`)).toContain('1 of 1');
      expect(await plainText(approving, `tr#payment-${paymentIds[0]}`)).toContain('Morgan Lee');
      await expectAccessibleAndReflows(approving, 'the payments to record');
      await shots(approving, 'payments-to-record');
      const [download] = await Promise.all([approving.waitForEvent('download'), approving.getByRole('link', { name: 'Download the finance file (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^payments-approved-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
      const [header, ...lines] = csv.trim().split(/\r?\n/);
      expect(header).toMatch(/^paymentId,referenceNumber,organizationLegalName,/);
      expect(lines).toEqual([expect.stringContaining(`${paymentIds[0]},${reference},Harbour Light Community Services,`)]);
    } finally {
      await approving.close();
    }

    const recording = await newPage(browser, baseUrl);
    try {
      await recording.setViewportSize({ width: 1280, height: 800 });
      await signIn(recording, officer, '/officer/payments?show=record');
      await pressOn(recording, recording.getByRole('link', { name: reference }), new RegExp(`/officer/awards/${awardId}`));
      const approved = await plainText(recording, 'table:has(caption:text("Payments by Ontario fiscal year")) tbody tr');
      expect(approved).toContain('Approved: to record as paid');
      expect(approved).toMatch(/Approved by Morgan Lee on .+ \(1 of 1\)/);
      await tabTo(recording, recording.getByLabel('Payment reference for 2027-28'));
      await recording.keyboard.type('EFT-2027-001');
      await Promise.all([recording.waitForURL(/notice=paid$/), recording.keyboard.press('Enter')]);
      expect(await plainText(recording, 'table:has(caption:text("Payments by Ontario fiscal year")) tbody tr')).toMatch(/Paid on .+, reference EFT-2027-001/);
      await expectAccessibleAndReflows(recording, 'the award, payment recorded');
      await shots(recording, 'payments-award-paid');
      await recording.goto('/officer/payments?show=paid');
      expect(await plainText(recording, `tr#payment-${paymentIds[0]}`)).toContain('EFT-2027-001');
      await expectAccessibleAndReflows(recording, 'the payments paid');
      await recording.goto('/officer/payments?show=record');
      expect(await plainText(recording)).toContain('No approved payment is waiting to be recorded.');
    } finally {
      await recording.close();
    }
  });

  it('holds an award’s payments with a reason the French organization reads in French, refuses a request while it stands, and lifts it', async () => {
    const { awardId, owner } = funded.french;
    const page = await newPage(browser, baseUrl);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, officer, `/officer/awards/${awardId}`);
      // Sent without a reason first: the summary says what is missing and leads to the field.
      await pressOn(page, page.getByRole('button', { name: 'Put payments on hold' }));
      expect(await plainText(page, '#error-summary')).toContain('Say why the payments are put on hold: the organization reads it.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#hold-reason');
      await expectAccessibleAndReflows(page, 'the award, hold without a reason');
      await tabTo(page, page.getByLabel('Why the payments are put on hold'));
      await page.keyboard.type(HOLD_REASON);
      await pressOn(page, page.getByRole('button', { name: 'Put payments on hold' }), /notice=held$/);
      const notice = await plainText(page, '#hold');
      for (const expected of ['Payments on hold', HOLD_REASON, 'Put on hold by Alex Tremblay on', 'No payment of this award can be requested or approved']) expect(notice).toContain(expected);
      expect(await plainText(page, 'table:has(caption:text("Payments by Ontario fiscal year")) tbody tr')).toContain('Scheduled: waits for the hold on the award to be lifted');
      expect(await page.getByRole('button', { name: /Request this payment/ }).count()).toBe(0);
      expect(await plainText(page, 'table:has(caption:text("Holds on the award"))')).toContain('In force');
      await expectAccessibleAndReflows(page, 'the award on hold');
      await shots(page, 'payments-award-on-hold');
    } finally {
      await page.close();
    }

    const member = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await member.setViewportSize({ width: 390, height: 844 });
      await signIn(member, owner, `/awards/${awardId}`);
      expect(await member.locator('html').getAttribute('lang')).toBe('fr-CA');
      const hold = await plainText(member, '#hold');
      for (const expected of ['Paiements suspendus', 'le bureau du programme a suspendu les paiements de cette subvention', HOLD_REASON]) expect(hold).toContain(expected);
      // The organization reads the reason and the date, not which member of staff placed it.
      expect(await plainText(member)).not.toContain('Alex Tremblay');
      expect(await plainText(member, 'table:has(caption:text("exercice")) tbody')).toContain('Retenue : versée une fois le rapport final accepté');
      await expectAccessibleAndReflows(member, 'la subvention suspendue, en français');
      await shots(member, 'payments-member-award-on-hold-fr');
    } finally {
      await member.close();
    }

    const staff = await newPage(browser, baseUrl);
    try {
      await staff.setViewportSize({ width: 1280, height: 800 });
      await signIn(staff, officer, `/officer/awards/${awardId}`);
      await pressOn(staff, staff.getByRole('button', { name: 'Lift the hold' }), /notice=lifted$/);
      expect(await plainText(staff, '[role=status]')).toContain('The hold is lifted');
      expect(await staff.locator('#hold').count()).toBe(0);
      // Another officer holds the payments while this page is open: the request is refused with the reason, in words.
      await api().post(`/api/v1/awards/${awardId}/hold`).set(officer.auth).send({ reason: 'A condition of the agreement is being checked.' }).expect(200);
      await pressOn(staff, staff.getByRole('button', { name: 'Request this payment for 2027-28' }));
      expect(await plainText(staff, '#error-summary')).toContain('This award is on hold: no payment of it can be requested until the hold is lifted.');
      expect(await plainText(staff, '#hold')).toContain('A condition of the agreement is being checked.');
      await expectAccessibleAndReflows(staff, 'the award, request refused while on hold');
      await shots(staff, 'payments-award-request-refused');
      await pressOn(staff, staff.getByRole('button', { name: 'Lift the hold' }), /notice=lifted$/);
      const history = await staff.locator('table:has(caption:text("Holds on the award")) tbody tr').allTextContents();
      expect(history).toHaveLength(2);
      expect(history.join(' ')).toContain(HOLD_REASON);
      expect(history.join(' ')).not.toContain('In force');
      expect(await staff.getByRole('button', { name: 'Request this payment for 2027-28' }).count()).toBe(1);
    } finally {
      await staff.close();
    }
  });

  it('never lets the requester approve: no box to tick, and a crafted approval is refused with the reason', async () => {
    const { reference, paymentIds } = funded.french;
    await api().post(`/api/v1/payments/${paymentIds[0]}/request`).set(officerApprover.auth).expect(200);
    const page = await newPage(browser, baseUrl);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, officerApprover, '/officer/payments?show=approve');
      const row = page.locator(`tr#payment-${paymentIds[0]}`);
      expect(await plainText(page, `tr#payment-${paymentIds[0]}`)).toContain('You requested it: another approver approves it.');
      expect(await row.getByRole('checkbox').count()).toBe(0);
      await expectAccessibleAndReflows(page, 'the payments to approve, one the reader requested');

      // Nothing the reader may approve: no button either.
      expect(await page.getByRole('button', { name: 'Approve selected' }).count()).toBe(0);

      // An approval posted anyway (a page kept from before the request, say): the service refuses, and the page says why.
      await Promise.all([
        page.waitForURL(/\/officer\/payments\/approve$/),
        page.evaluate((id) => {
          const { document } = globalThis as unknown as { document: { querySelector(selector: string): { value: string } | null; body: { insertAdjacentHTML(where: string, markup: string): void; lastElementChild: { submit(): void } } } };
          const csrf = document.querySelector('input[name="_csrf"]')!.value;
          document.body.insertAdjacentHTML('beforeend', `<form method="post" action="/officer/payments/approve"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="paymentIds" value="${id}"></form>`);
          document.body.lastElementChild.submit();
        }, paymentIds[0]!),
      ]);
      await page.waitForLoadState('load');
      const refused = await plainText(page, '#error-summary');
      expect(refused).toContain('Some payments were not approved');
      expect(await plainText(page, '[role=status]')).toContain('No payment was approved.');
      expect(refused).toContain(`${reference}, 2027-28, $50,000.00: You requested this payment: another approver approves it.`);
      await expectAccessibleAndReflows(page, 'the requester refused');
      await shots(page, 'payments-requester-refused');
    } finally {
      await page.close();
    }
    const payment = (await api().get(`/api/v1/payments?status=requested`).set(approver.auth).expect(200)).body.items as Array<{ id: string; approvals: unknown[] }>;
    expect(payment.find((item) => item.id === paymentIds[0])?.approvals).toEqual([]);
  });
});
