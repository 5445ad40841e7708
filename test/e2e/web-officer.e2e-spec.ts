import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, passesWithin } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 6_000_000 }];

describe('web pages for fund officers: the ranking, and releasing the decisions with a progress bar (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let applicant: TestUser;
  let callId: string;

  async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_officer'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const api = () => request(app.getHttpServer());
    officer = await signedInUser(app, ['officer']);
    callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody({ budgetEnvelopeCents: 20_000_000 })).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    for (const [name, outcome] of [['Harbour Light Community Services', 'approved'], ['Refuge du Nord', 'declined']] as const) {
      const owner = await signedInUser(app);
      applicant ??= owner;
      const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: name })).expect(201);
      const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
      await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: `Safe homes (${name})`, summary: 'Housing and outreach for survivors.', answers: { need: 'Housing', people_served: 30 }, budget: BUDGET }).expect(200);
      await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
      await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
      await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Eligible' }).expect(200);
      await api()
        .post(`/api/v1/applications/${draft.body.id}/decision`)
        .set(officer.auth)
        .send({ outcome, ...(outcome === 'approved' ? { approvedCents: 6_000_000 } : { feedback: 'Apply again next year.' }), rationale: 'Panel view', overrideReason: 'Panel view' })
        .expect(200);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('shows the ranking with the funding line and decisions, in French too', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await signIn(page, officer, `/officer/calls/${callId}`);
      // The officer's account is in English; the French browser does not override the account's language.
      await page.goto(`/language?to=fr&next=${encodeURIComponent(`/officer/calls/${callId}`)}`);
      const rows = await page.locator('tbody tr').allTextContents();
      expect(rows).toHaveLength(2);
      expect(rows.join(' ')).toContain('Harbour Light Community Services');
      expect(rows.join(' ')).toMatch(/Approuvée/);
      await expectAccessible(page, 'ranking, French');
    } finally {
      await page.close();
    }
  });

  it('releases the decisions with the keyboard and follows them to the end on a progress bar', async () => {
    const mailbox = new Mailbox();
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, '/officer/calls');
      await page.getByRole('link', { name: 'Community supports 2027' }).first().click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}`);
      await expectAccessible(page, 'ranking, English');
      await screenshot(page, 'officer-ranking-en');

      // Releasing asks first, counting the letters and emails that will go out; going back releases nothing.
      await tabTo(page, page.getByRole('link', { name: 'Release the decisions' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/release/confirm`);
      expect(await page.locator('h1').textContent()).toBe('Release the decisions?');
      expect(await page.locator('#release-summary dt').allTextContents()).toEqual(['Decisions not yet released', 'Letters to send', 'Emails']);
      expect(await page.locator('#release-summary dd').allTextContents()).toEqual(['2 (1 approved, 1 declined)', '2', 'Each letter emailed to the members of its organization']);
      expect(await page.locator('main').textContent()).toContain('Releasing cannot be undone.');
      await expectAccessible(page, 'release confirmation, English');
      await page.getByRole('link', { name: 'No, go back to the ranking' }).click();
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}`);
      await tabTo(page, page.getByRole('link', { name: 'Release the decisions' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}/release/confirm`);
      await tabTo(page, page.getByRole('button', { name: 'Yes, release the decisions' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/releases\//);
      await expectAccessible(page, 'release progress, English');
      // The page's script follows the release and reloads when it is over.
      await passesWithin(30_000, async () => expect(await page.locator('#release-status').textContent()).toBe('Every letter was emailed.'));
      expect(await page.locator('#release-counts').textContent()).toBe('2 of 2 letters emailed, 2 generated, 0 failed');
      expect(await page.locator('#release-progress').getAttribute('value')).toBe('2');
      await expectAccessible(page, 'release completed, English');
      await screenshot(page, 'officer-release-en');
      expect((await mailbox.waitFor(applicant.email, { count: 2 })).filter((message) => message.attachments.length > 0)).toHaveLength(1);

      await page.goto(`/officer/calls/${callId}`);
      expect(await page.getByRole('button', { name: 'Release the decisions' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Release the decisions' }).count()).toBe(0);
      // With nothing left to release, the confirmation leads back to the ranking.
      await page.goto(`/officer/calls/${callId}/release/confirm`);
      await page.waitForURL(`${baseUrl}/officer/calls/${callId}`);
    } finally {
      await page.close();
    }
  });

  it('refuses the officer pages to an applicant with a page that says so', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, applicant, '/applications');
      const response = await page.goto(`/officer/calls/${callId}`);
      expect(response?.status()).toBe(403);
      expect(await page.locator('h1').textContent()).toBe('You cannot do this');
      await expectAccessible(page, 'forbidden page');
    } finally {
      await page.close();
    }
  });
});
