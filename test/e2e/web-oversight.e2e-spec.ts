import { readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { executeAgreement } from '../support/agreements';
import { isolatedEnvironment } from '../support/databases';

const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 3_500_000 },
];
const MEASURES = [
  { key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } },
  { key: 'staff_trained', label: { en: 'Staff trained', fr: 'Personnel formé' } },
];
const REPORT = { period: '2027-28', kind: 'interim', spending: [{ fiscalYear: '2027-28', category: 'personnel', spentCents: 4_900_000 }], outcomes: { people_served: 120, staff_trained: 14 }, narrative: 'Opened six beds in Thunder Bay.' };

/** The text of an element with no-break spaces (French punctuation, money, dates) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

interface Funded {
  owner: TestUser;
  applicationId: string;
  awardId: string;
  reference: string;
  organization: string;
}

describe('web pages for fund officers: awards, payments, reports, exports and the audit trail (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let approver: TestUser;
  let officerFr: TestUser;
  let callId: string;
  // Accepted, with a filed report: followed in the browser with JavaScript (main) and without (noScript).
  const funded: Record<'main' | 'noScript' | 'offered', Funded> = {} as never;
  const mailbox = new Mailbox();
  const api = () => request(app.getHttpServer());

  async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  async function apply(organization: string): Promise<Omit<Funded, 'awardId' | 'reference'>> {
    const owner = await signedInUser(app);
    const created = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: organization })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: created.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${organization})`, summary: 'Housing and outreach for survivors.', answers: { need: 'Housing', people_served: 40 }, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete and eligible' }).expect(200);
    await api()
      .post(`/api/v1/applications/${draft.body.id}/decision`)
      .set(officer.auth)
      .send({ outcome: 'approved', approvedCents: 8_500_000, conditions: 'Quarterly check-ins with the program office.', rationale: 'Strong proposal', overrideReason: 'Regional balance' })
      .expect(200);
    return { owner, applicationId: draft.body.id as string, organization };
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_oversight'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    approver = await signedInUser(app, ['approver']);
    officerFr = await signedInUser(app, ['officer'], { locale: 'fr' });
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 30_000_000, outcomeMeasures: MEASURES })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const applied = {
      offered: await apply('Refuge du Nord'),
      main: await apply('Harbour Light Community Services'),
      noScript: await apply('Maison Sécurité Sudbury'),
    };
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));
    for (const [key, applicant] of Object.entries(applied) as Array<[keyof typeof funded, Omit<Funded, 'awardId' | 'reference'>]>) {
      const application = (await api().get(`/api/v1/applications/${applicant.applicationId}`).set(applicant.owner.auth).expect(200)).body as { awardId: string; referenceNumber: string };
      funded[key] = { ...applicant, awardId: application.awardId, reference: application.referenceNumber };
      if (key === 'offered') continue;
      await api().post(`/api/v1/awards/${application.awardId}/accept`).set(applicant.owner.auth).expect(200);
      await executeAgreement(app, application.awardId, applicant.owner, approver);
      // The first payment requested and approved, ready to be recorded as paid on the award page.
      const [first] = (await api().get(`/api/v1/awards/${application.awardId}`).set(officer.auth).expect(200)).body.payments as Array<{ id: string }>;
      await api().post(`/api/v1/payments/${first!.id}/request`).set(officer.auth).expect(200);
      await api().post(`/api/v1/payments/${first!.id}/approve`).set(approver.auth).expect(200);
      await api().post(`/api/v1/awards/${application.awardId}/reports`).set(applicant.owner.auth).send(REPORT).expect(201);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('sends a visitor to sign in and refuses an applicant with a page', async () => {
    expect((await api().get('/officer/awards').expect(303)).headers.location).toBe('/sign-in?next=%2Fofficer%2Fawards');
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, funded.main.owner, '/applications');
      for (const path of ['/officer/awards', `/officer/awards/${funded.main.awardId}`, '/officer/exports', `/officer/audit?entityId=${funded.main.reference}`]) {
        const refused = await page.goto(path);
        expect(refused!.status()).toBe(403);
        expect(await page.locator('h1').textContent()).toBe('You cannot do this');
      }
      expect(await textOf(page)).not.toContain(funded.main.reference);
    } finally {
      await page.close();
    }
  });

  it('lists the awards with their next payment, and filters them by status, in English and French', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, '/officer/awards');
      expect(await page.locator('tbody tr').count()).toBe(3);
      const offeredRow = await textOf(page, `tbody tr:has-text("${funded.offered.reference}")`);
      expect(offeredRow).toContain('Refuge du Nord');
      expect(offeredRow).toContain('$85,000.00');
      expect(offeredRow).toContain('Offered: waiting for the organization');
      const mainRow = await textOf(page, `tbody tr:has-text("${funded.main.reference}")`);
      expect(mainRow).toContain('Accepted');
      expect(mainRow).toMatch(/\$50,000\.00, due .+: ready to pay/);
      await expectAccessible(page, 'awards, English');
      await screenshot(page, 'oversight-awards-en');

      await page.getByLabel('Status').selectOption('accepted');
      await page.getByRole('button', { name: 'Show' }).click();
      await page.waitForURL(`${baseUrl}/officer/awards?status=accepted`);
      const accepted = await page.locator('tbody tr').allTextContents();
      expect(accepted).toHaveLength(2);
      expect(accepted.join(' ')).not.toContain('Refuge du Nord');
      expect(await page.locator('caption').textContent()).toBe('Awards with the status “Accepted”, newest first');
      expect(await page.getByLabel('Status').inputValue()).toBe('accepted');
      await expectAccessible(page, 'awards filtered, English');

      await page.getByRole('link', { name: funded.main.reference }).click();
      await page.waitForURL(`${baseUrl}/officer/awards/${funded.main.awardId}`);
      expect(await page.locator('h1').textContent()).toBe(`Award ${funded.main.reference}`);
    } finally {
      await page.close();
    }

    const french = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await signIn(french, officerFr, '/officer/awards?status=offered');
      expect(await french.locator('h1').textContent()).toBe('Subventions');
      const rows = await french.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(1);
      expect(rows[0]!.replace(/[\u00a0\u202f]/g, ' ')).toContain('85 000,00 $');
      expect(rows[0]).toContain('Offerte : en attente de l’organisme');
      await expectAccessible(french, 'awards, French');
      await screenshot(french, 'oversight-awards-fr');
    } finally {
      await french.close();
    }
  });

  it('records a payment with the keyboard alone, after being told the reference is missing', async () => {
    const { awardId, applicationId } = funded.main;
    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, officer, `/officer/awards/${awardId}`);
      const facts = await textOf(page, '.web-facts');
      expect(facts).toContain('Harbour Light Community Services');
      expect(facts).toContain('Community supports 2027');
      expect(facts).toContain('$85,000.00');
      expect(await textOf(page)).toContain('Quarterly check-ins with the program office.');
      const schedule = await page.locator('table', { hasText: 'Payments by Ontario fiscal year' }).locator('tbody tr').allTextContents();
      expect(schedule[0]).toContain('Approved: to record as paid');
      expect(schedule[1]).toContain('Scheduled: waits for the interim report 2027-28 to be accepted');
      // The letter link downloads the PDF with the officer's session.
      const letter = await page.request.get(`/api/v1/applications/${applicationId}/letter`);
      expect(letter.status()).toBe(200);
      expect(letter.headers()['content-type']).toBe('application/pdf');
      expect(await page.getByRole('link', { name: 'Award letter sent to the organization (PDF)' }).getAttribute('href')).toBe(`/api/v1/applications/${applicationId}/letter`);
      await expectAccessible(page, 'award, English');
      await screenshot(page, 'oversight-award-en');

      const field = page.getByLabel('Payment reference for 2027-28');
      const submit = page.getByRole('button', { name: 'Record the payment' });
      await tabTo(page, submit);
      await page.keyboard.press('Enter');
      await page.waitForLoadState('load');
      expect(await textOf(page, '#error-summary')).toContain('Enter the payment reference from the finance system.');
      expect(await page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'award, payment reference missing, English');

      await tabTo(page, field);
      await page.keyboard.type('EFT-2027-001');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/officer/awards/${awardId}?notice=paid`);
      expect(await textOf(page, '[role=status]')).toContain('The payment is recorded as paid.');
      const paid = await textOf(page, 'table:has-text("Payments by Ontario fiscal year") tbody tr');
      expect(paid).toContain('Paid on');
      expect(paid).toContain('EFT-2027-001');
      expect(await page.getByRole('button', { name: 'Record the payment' }).count()).toBe(0);
      expect(await textOf(page, '.web-facts')).toContain('$50,000.00');
      await expectAccessible(page, 'award after the payment, English');
    } finally {
      await page.close();
    }
    const award = (await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body as { payments: Array<{ status: string; paymentReference: string | null }> };
    expect(award.payments.map((payment) => [payment.status, payment.paymentReference])).toEqual([
      ['paid', 'EFT-2027-001'],
      ['scheduled', null],
      // The holdback, split from the last instalment.
      ['scheduled', null],
    ]);
  });

  it('sends a report back only with a comment, which the organization gets by email; then accepts it in French', async () => {
    const { awardId, owner, reference } = funded.main;
    const reportId = ((await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body.reports as Array<{ id: string; kind: string }>).find((report) => report.kind === 'interim')!.id;
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, `/officer/awards/${awardId}`);
      const report = await textOf(page, `section[aria-labelledby="report-${reportId}"]`);
      for (const expected of ['Filed: waiting for your review', '$49,000.00', 'People served', '120', 'Staff trained', '14', 'Opened six beds in Thunder Bay.']) expect(report).toContain(expected);

      await page.getByRole('button', { name: 'Send the report back' }).click();
      await page.waitForLoadState('load');
      expect(await textOf(page, '#error-summary')).toContain('Say what the organization should change before sending the report back.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe(`#comment-${reportId}`);
      expect(await textOf(page, `#comment-${reportId}-error`)).toContain('Say what the organization should change');
      expect(await page.locator(`#comment-${reportId}`).getAttribute('aria-describedby')).toBe(`comment-${reportId}-hint comment-${reportId}-error`);
      await expectAccessible(page, 'report sent back without a comment, English');
      await screenshot(page, 'oversight-report-error-en');

      await page.getByLabel('Your comment on the interim report 2027-28').fill('Add the spending by category.');
      await page.getByRole('button', { name: 'Send the report back' }).click();
      await page.waitForURL(`${baseUrl}/officer/awards/${awardId}?notice=returned`);
      expect(await textOf(page, '[role=status]')).toContain('The report is sent back.');
      const returned = await textOf(page, `section[aria-labelledby="report-${reportId}"]`);
      expect(returned).toContain('Sent back for changes');
      expect(returned).toContain('Add the spending by category.');
      expect(await page.getByRole('button', { name: 'Send the report back' }).count()).toBe(0);
      await expectAccessible(page, 'report sent back, English');
    } finally {
      await page.close();
    }
    await passesWithin(15_000, async () => {
      const emails = (await mailbox.messagesTo(owner.email)).filter((message) => message.subject === `Report sent back for changes: ${reference}`);
      expect(emails).toHaveLength(1);
      expect(emails[0]!.text).toContain('Add the spending by category.');
    });

    // Filed again; a French-speaking officer accepts it, after the same refusal in French.
    await api().post(`/api/v1/awards/${awardId}/reports`).set(owner.auth).send({ ...REPORT, narrative: 'Opened six beds; spending by category attached.' }).expect(201);
    const french = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await signIn(french, officerFr, `/officer/awards/${awardId}`);
      expect(await textOf(french, 'h1')).toBe(`Subvention ${reference}`);
      expect(await textOf(french)).toContain('Personnes servies');
      await expectAccessible(french, 'award, French');
      await screenshot(french, 'oversight-award-fr');
      await french.getByRole('button', { name: 'Renvoyer le rapport' }).click();
      await french.waitForLoadState('load');
      expect(await textOf(french, '#error-summary')).toContain('Indiquez ce que l’organisme doit modifier avant de renvoyer le rapport.');
      await expectAccessible(french, 'report sent back without a comment, French');
      await french.getByRole('button', { name: 'Accepter le rapport' }).click();
      await french.waitForURL(`${baseUrl}/officer/awards/${awardId}?notice=accepted`);
      expect(await textOf(french, '[role=status]')).toContain('Le rapport est accepté.');
      expect(await textOf(french, 'table:has-text("exercice") tbody')).toContain('Prévu : peut être demandé maintenant');
      await expectAccessible(french, 'report accepted, French');
    } finally {
      await french.close();
    }
  });

  it('finds the application’s audit trail by its reference number, with the payment and the report in plain words', async () => {
    const { reference } = funded.main;
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, '/officer/audit');
      await expectAccessible(page, 'audit search, English');

      await page.getByLabel('Reference number or identifier').fill('Harbour Light');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForLoadState('load');
      expect(await textOf(page, '#error-summary')).toContain('Enter an application reference number like CBSF-2027-0042');
      expect(await page.getByLabel('Reference number or identifier').inputValue()).toBe('Harbour Light');
      await expectAccessible(page, 'audit search refused, English');

      await page.getByLabel('Reference number or identifier').fill(reference.toLowerCase());
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/\/officer\/audit\?entityId=/);
      expect(await page.locator('main h2').allTextContents()).toEqual([`Application ${reference}`, `Award of application ${reference}`]);
      const application = await textOf(page, `table:has(caption:has-text("Application ${reference}:"))`);
      expect(application).toContain('Application submitted');
      expect(application).toMatch(/Application screened .*Submitted → to In review/);
      // The officer's download of the letter is in the organization's trail (OCAP: who read what).
      expect(application).toMatch(/Read by staff .*What was read: The decision letter/);
      const award = page.locator(`table:has(caption:has-text("Award of application"))`);
      const payment = await textOf(page, `tr:has-text("Payment recorded as paid")`);
      expect(payment).toContain(`Test officer (fund officer)`);
      expect(payment).toContain('Payment reference: EFT-2027-001');
      expect(payment).toContain('Amount: $50,000.00');
      expect(payment).toContain('Approved → to Paid');
      // The comment itself stays with the report: the trail says only that there was one.
      const sentBack = await textOf(page, 'tr:has-text("Report sent back")');
      expect(sentBack).toContain('With a comment (kept with the report): Yes');
      expect(sentBack).toContain('Kind of report: Interim');
      expect(await textOf(page)).not.toContain('Add the spending by category.');
      expect(await textOf(page)).not.toContain('Strong proposal');
      // Reads of the trail are summed up, not listed: this is the first.
      expect(await textOf(page)).toContain('Nobody read this trail before.');
      expect(await textOf(page, 'main')).not.toContain('Audit trail read by staff');
      expect(await award.locator('tbody tr').count()).toBeGreaterThanOrEqual(6);
      await expectAccessible(page, 'audit trail, English');
      await screenshot(page, 'oversight-audit-en');
    } finally {
      await page.close();
    }

    const french = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await signIn(french, officerFr, `/officer/audit?entityId=${reference}`);
      expect(await textOf(french)).toContain('Paiement consigné comme versé');
      expect(await textOf(french)).toContain('Rapport renvoyé');
      expect(await textOf(french)).toContain('Consulté 1 fois auparavant, la dernière fois par Test officer');
      await expectAccessible(french, 'audit trail, French');
      await screenshot(french, 'oversight-audit-fr');
      await french.goto('/officer/audit?entityId=CBSF-1999-9999');
      expect(await textOf(french, '#error-summary')).toContain('Aucune demande ne porte le numéro de référence CBSF-1999-9999.');
      await expectAccessible(french, 'audit search refused, French');
    } finally {
      await french.close();
    }

    // Administrators manage accounts: an application's trail is refused them.
    const admin = await signedInUser(app, ['admin']);
    const adminPage = await newPage(browser, baseUrl);
    try {
      await signIn(adminPage, admin, '/officer/audit');
      const refused = await adminPage.goto(`/officer/audit?entityId=${reference}`);
      expect(refused?.status()).toBe(403);
      expect(await textOf(adminPage)).not.toContain('Payment recorded as paid');
    } finally {
      await adminPage.close();
    }

    // Reading the trails in the browser is in the organization's access log, as through the API (OCAP: who read what).
    const { applicationId, awardId, owner } = funded.main;
    const { organizationId } = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body as { organizationId: string };
    const log = (await api().get(`/api/v1/organizations/${organizationId}/access-log?limit=100`).set(owner.auth).expect(200)).body.items as Array<{ action: string }>;
    const reads = log.filter((entry) => entry.action === 'audit_trail.viewed');
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entityType: 'application', entityId: applicationId, referenceNumber: reference, actor: { name: 'Test officer', role: 'officer' } }),
        expect.objectContaining({ entityType: 'award', entityId: awardId, referenceNumber: reference, actor: { name: 'Test officer', role: 'officer' } }),
      ]),
    );
    // Nothing was read when the search was refused: the officers read the trails twice (English, French), the administrator never.
    expect(reads).toHaveLength(4);
  });

  it('explains the funds CSV on the exports page, and its link downloads it', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, '/officer/exports');
      expect(await textOf(page)).toContain('One row per fund, call and region');
      await expectAccessible(page, 'exports, English');
      await screenshot(page, 'oversight-exports-en');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the funds report: all funds (CSV)' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^funds-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, 'utf8');
      expect(csv.startsWith('\ufeff')).toBe(true);
      const [header, ...rows] = csv.slice(1).trim().split(/\r?\n/);
      expect(header).toBe(
        'fundCode,callId,callTitle,region,applicationsSubmitted,applicationsEligible,applicationsApproved,applicationsDeclined,requestedCents,approvedCents,awardsAccepted,paidCents,payableCents,recoveryOwedCents,recoveredCents,reportsAccepted,outcome:people_served,outcome:staff_trained',
      );
      expect(rows).toEqual([expect.stringMatching(new RegExp(`^CBSF,${callId},Community supports 2027,toronto,3,3,3,0,25500000,25500000,2,5000000,`))]);
    } finally {
      await page.close();
    }
    const french = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await signIn(french, officerFr, '/officer/exports');
      expect(await textOf(french, 'h1')).toBe('Exportations');
      await expectAccessible(french, 'exports, French');
      await screenshot(french, 'oversight-exports-fr');
    } finally {
      await french.close();
    }
  });

  it('works without JavaScript: a refused payment, then recorded; a report sent back with its comment', async () => {
    const { awardId } = funded.noScript;
    const page = await newPage(browser, baseUrl, { javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, officer, `/officer/awards/${awardId}`);
      await page.getByRole('button', { name: 'Record the payment' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Enter the payment reference from the finance system.');
      await page.getByLabel('Payment reference for 2027-28').fill('EFT-2027-002');
      await page.getByRole('button', { name: 'Record the payment' }).click();
      await page.waitForURL(`${baseUrl}/officer/awards/${awardId}?notice=paid`);
      expect(await textOf(page, 'table:has-text("Payments by Ontario fiscal year") tbody tr')).toContain('EFT-2027-002');

      await page.getByLabel('Your comment on the interim report 2027-28').fill('Please add the outcomes for the second quarter.');
      await page.getByRole('button', { name: 'Send the report back' }).click();
      await page.waitForURL(`${baseUrl}/officer/awards/${awardId}?notice=returned`);
      expect(await textOf(page)).toContain('Please add the outcomes for the second quarter.');
    } finally {
      await page.close();
    }
    const award = (await api().get(`/api/v1/awards/${awardId}`).set(officer.auth).expect(200)).body as { reports: Array<{ kind: string; status: string; reviewComment: string }> };
    expect(award.reports.find((report) => report.kind === 'interim')).toMatchObject({ status: 'returned', reviewComment: 'Please add the outcomes for the second quarter.' });
  });
});
