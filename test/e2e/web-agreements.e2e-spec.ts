import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { readyAgreement } from '../support/agreements';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessibleAndReflows, launchBrowser, layoutOf, newPage, plainText, pressOn, screenshot, signInThrough, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

// Asked $100,000.00; approved $85,000.00, so schedule D is $34,000.00, $17,000.00 and $34,000.00.
const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 4_000_000 },
  { fiscalYear: '2027-28', category: 'training', description: 'Peer support training', amountCents: 2_000_000 },
  { fiscalYear: '2028-29', category: 'program_delivery', description: 'Safe housing nights', amountCents: 4_000_000 },
];
const MEASURES = [{ key: 'people_served', label: { en: 'People served', fr: 'Personnes servies' } }];
const ORGANIZATION = 'Harbour Light Community Services';

describe('web pages of the transfer payment agreement: signed, counter-signed, amended (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let approver: TestUser;
  let owner: TestUser;
  let awardId: string;
  let reference: string;
  let organizationId: string;
  const api = () => request(app.getHttpServer());

  const signIn = (page: Page, user: TestUser, next: string) => signInThrough(page, baseUrl, user, TEST_PASSWORD, next);

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_agreements'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    approver = await signedInUser(app, ['approver'], { name: 'Morgan Lee' });
    owner = await signedInUser(app, ['applicant'], { name: 'Dana Whitford' });
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 17_000_000, outcomeMeasures: MEASURES })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: ORGANIZATION })).expect(201);
    organizationId = organization.body.id as string;
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
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.status).toBe('completed'));
    const application = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body as { awardId: string; referenceNumber: string };
    ({ awardId, referenceNumber: reference } = application);
    await api().post(`/api/v1/awards/${awardId}/accept`).set(owner.auth).expect(200);
    await readyAgreement(app, awardId, owner);
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('lets the signing authority sign with the keyboard alone, then an approver counter-sign it, and it is in force', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, owner, `/awards/${awardId}`);
      await expectAccessibleAndReflows(page, 'the award');
      expect(await plainText(page, '#agreement + p')).toContain('Waiting for your organization’s signing authority');
      await pressOn(page, page.getByRole('link', { name: 'Open the transfer payment agreement' }), /\/agreement$/);
      await expectAccessibleAndReflows(page, 'the agreement, to sign');
      const agreement = await plainText(page);
      for (const expected of [`Transfer payment agreement ${reference}`, 'Waiting for your organization’s signing authority', 'Schedule D: budget', '$34,000.00', '$17,000.00', 'Schedule E: payment plan', 'held back until the final report is accepted', 'Quarterly check-ins with the program office.', 'Every version']) {
        expect(agreement).toContain(expected);
      }
      const shown = await page.locator('main code').first().textContent();
      expect(shown).toMatch(/^[0-9a-f]{64}$/);
      // The link serves the PDF the fingerprint names, to the session of the pages.
      const pdf = await page.request.get((await page.getByRole('link', { name: 'Download version 1 of the agreement (PDF)' }).getAttribute('href'))!);
      expect(pdf.status()).toBe(200);
      expect(createHash('sha256').update(await pdf.body()).digest('hex')).toBe(shown);
      await screenshot(page, 'agreement-to-sign-en-1280');

      await pressOn(page, page.getByRole('link', { name: 'Sign the agreement' }), /\/agreement\/sign$/);
      await expectAccessibleAndReflows(page, 'the signature form');
      expect(await plainText(page)).toContain(`I have authority to bind ${ORGANIZATION} and I have read version 1 of this agreement`);
      // Sent empty first: every problem beside its field and in the summary, which takes the focus.
      await pressOn(page, page.getByRole('button', { name: 'Sign the agreement' }), /\/agreement\/sign$/);
      expect(await plainText(page, '#error-summary')).toContain('Enter your full name.');
      expect(await plainText(page, '#error-summary')).toContain('Tick the box to confirm');
      await expectAccessibleAndReflows(page, 'the signature form, sent empty');
      await screenshot(page, 'agreement-sign-errors-en-1280');

      await tabTo(page, '#name');
      await page.keyboard.type('Dana Whitford');
      await tabTo(page, '#title');
      await page.keyboard.type('Executive Director');
      await tabTo(page, '#attest');
      await page.keyboard.press('Space');
      expect(await page.locator('#attest').isChecked()).toBe(true);
      await pressOn(page, page.getByRole('button', { name: 'Sign the agreement' }), /\/agreement\?notice=signed$/);
      await expectAccessibleAndReflows(page, 'the agreement, signed');
      expect(await plainText(page)).toContain('Waiting for the Province’s counter-signature');
      expect(await plainText(page)).toContain('Dana Whitford, Executive Director');
      await screenshot(page, 'agreement-signed-en-1280');
    } finally {
      await page.close();
    }

    const staff = await newPage(browser, baseUrl);
    try {
      await staff.setViewportSize({ width: 1280, height: 800 });
      await signIn(staff, approver, '/agreements');
      await expectAccessibleAndReflows(staff, 'the agreements to counter-sign');
      expect(await plainText(staff)).toContain(ORGANIZATION);
      expect(await plainText(staff)).not.toContain('You cannot counter-sign this one');
      await screenshot(staff, 'agreements-list-en-1280');
      await pressOn(staff, staff.getByRole('link', { name: `Open ${reference}, version 1` }), /\/agreement$/);
      await expectAccessibleAndReflows(staff, 'the agreement, to counter-sign');
      await pressOn(staff, staff.getByRole('link', { name: 'Counter-sign for the Province' }), /\/agreement\/countersign$/);
      await expectAccessibleAndReflows(staff, 'the counter-signature form');
      expect(await plainText(staff)).toContain('signed for the organization by Dana Whitford (Executive Director)');
      await screenshot(staff, 'agreement-countersign-en-1280');
      await pressOn(staff, staff.getByRole('button', { name: 'Counter-sign for the Province' }), /\/agreement\?notice=countersigned$/);
      await expectAccessibleAndReflows(staff, 'the agreement, in force');
      expect(await plainText(staff)).toContain('In force since');
      expect(await plainText(staff, 'table')).not.toContain('Not yet');
      await screenshot(staff, 'agreement-in-force-en-1280');
      // Nothing is left for the approver to counter-sign.
      await staff.goto('/agreements');
      expect(await plainText(staff)).toContain('No agreement is waiting for a counter-signature.');
    } finally {
      await staff.close();
    }
  });

  it('walks the agreement in French at 390 and 320 px without sideways scrolling', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await signIn(page, owner, `/awards/${awardId}/agreement`);
      await page.goto(`/language?to=fr&next=${encodeURIComponent(`/awards/${awardId}/agreement`)}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
      await expectAccessibleAndReflows(page, 'l’entente, en français');
      const text = await plainText(page);
      for (const expected of ['Entente de paiement de transfert', 'En vigueur depuis le', 'Annexe D : budget', '34 000,00 $']) expect(text).toContain(expected);
      await screenshot(page, 'agreement-in-force-fr-390');
      for (const width of [390, 320]) {
        await page.setViewportSize({ width, height: 844 });
        const layout = await layoutOf(page);
        expect({ width, scrollWidth: layout.scrollWidth, scrollingTables: layout.scrollingTables }).toEqual({ width, scrollWidth: layout.innerWidth, scrollingTables: 0 });
      }
      await screenshot(page, 'agreement-in-force-fr-320');
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, 'agreement-in-force-fr-1280');
      await page.setViewportSize({ width: 320, height: 844 });
      await page.goto(`/awards/${awardId}`);
      await screenshot(page, 'award-fr-320');
      await page.goto('/language?to=en&next=%2F');
    } finally {
      await page.close();
    }
  });

  it('lets an officer propose an amendment moving money between budget lines; version 1 stays in force until it is signed', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, officer, `/officer/awards/${awardId}`);
      expect(await plainText(page, '#agreement + p')).toContain('In force since');
      await page.getByRole('link', { name: 'Open the transfer payment agreement' }).click();
      await page.getByRole('link', { name: 'Propose an amendment' }).click();
      await page.waitForURL(/\/amendments\/new$/);
      await expectAccessibleAndReflows(page, 'the amendment form');
      expect(await page.locator('#budget-0').inputValue()).toBe('34,000.00');
      expect(await page.locator('#conditions').inputValue()).toBe('Quarterly check-ins with the program office.');
      await screenshot(page, 'amendment-form-en-1280');

      // Adding to a line without taking from another: the service says the lines no longer add up, and keeps what was typed.
      await page.locator('#reason').fill('More outreach hours, fewer training days');
      await page.locator('#budget-0').fill('39,000.00');
      await page.getByRole('button', { name: 'Propose the amendment' }).click();
      await page.waitForLoadState('load');
      expect(await plainText(page, '#error-summary')).toContain('The budget lines add up to $90,000.00; they must add up to the agreement’s total, $85,000.00.');
      expect(await page.locator('#budget-0').inputValue()).toBe('39,000.00');
      expect(await page.locator('#reason').inputValue()).toBe('More outreach hours, fewer training days');
      await expectAccessibleAndReflows(page, 'the amendment form, refused');
      await screenshot(page, 'amendment-errors-en-1280');
      await page.setViewportSize({ width: 320, height: 800 });
      await screenshot(page, 'amendment-errors-en-320');
      await page.setViewportSize({ width: 1280, height: 800 });

      await page.locator('#budget-1').fill('12,000.00');
      await page.getByRole('button', { name: 'Propose the amendment' }).click();
      await page.waitForURL(/\/agreement\?notice=amended$/);
      await expectAccessibleAndReflows(page, 'the agreement, amendment proposed');
    } finally {
      await page.close();
    }
    const amended = await readyAgreement(app, awardId, owner, 2);
    expect(amended.schedules.d.lines.map((line: { amountCents: number }) => line.amountCents)).toEqual([3_900_000, 1_200_000, 3_400_000]);

    const member = await newPage(browser, baseUrl);
    try {
      await member.setViewportSize({ width: 1280, height: 800 });
      await signIn(member, owner, `/awards/${awardId}/agreement`);
      await expectAccessibleAndReflows(member, 'the agreement, version 2 pending');
      const text = await plainText(member);
      expect(text).toContain('Version 2, an amendment, is waiting for signatures. Until both parties sign it, version 1 remains in force.');
      expect(text).toContain('More outreach hours, fewer training days');
      expect(text).toContain('Waiting for your organization’s signing authority');
      expect(text).toContain('$39,000.00');
      const versions = member.locator('table:has(caption:text("Versions of the agreement")) tbody tr');
      expect(await versions.count()).toBe(2);
      expect(await versions.nth(0).textContent()).toContain('In force');
      expect(await versions.nth(1).textContent()).toContain('Waiting for the organization’s signature');
      await screenshot(member, 'agreement-amendment-pending-en-1280');
      await member.setViewportSize({ width: 320, height: 800 });
      await screenshot(member, 'agreement-amendment-pending-en-320');
      await member.setViewportSize({ width: 1280, height: 800 });

      // A PDF other than the one the signer was shown (the page was open while it changed) is refused, with a way to read it again.
      await member.getByRole('link', { name: 'Sign the agreement' }).click();
      await member.waitForURL(/\/agreement\/sign$/);
      expect(await plainText(member, 'h1')).toBe('Sign version 2 of the agreement');
      await member.locator('input[name="pdfSha256"]').evaluate((input) => input.setAttribute('value', '0'.repeat(64)));
      await member.locator('#name').fill('Dana Whitford');
      await member.locator('#title').fill('Executive Director');
      await member.locator('label[for="attest"]').click();
      const [refused] = await Promise.all([member.waitForResponse((response) => response.request().method() === 'POST'), member.getByRole('button', { name: 'Sign the agreement' }).click()]);
      expect(refused.status()).toBe(409);
      await member.waitForLoadState('load');
      expect(await plainText(member, '#error-summary')).toContain('The PDF of this version is not the one you were shown.');
      expect(await member.locator('#reread a').getAttribute('href')).toBe(`/awards/${awardId}/agreement`);
      expect(await member.locator('#name').inputValue()).toBe('Dana Whitford');
      await expectAccessibleAndReflows(member, 'the signature form, refused');

      // The staff's reads of the agreement show in the organization's access log, in words.
      await member.goto(`/organizations/${organizationId}/access-log`);
      const log = await plainText(member);
      expect(log).toContain('Read the transfer payment agreement');
      expect(log).toContain('Approver');
      expect(log).toContain('Counter-signed the agreement for the Province');
    } finally {
      await member.close();
    }
  });
});
