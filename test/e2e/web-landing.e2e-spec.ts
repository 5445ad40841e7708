import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Role } from '@grants/identity';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale } from '../support/browser';
import { organizationFor, PDF, publishedCall } from '../support/calls';

const WORDS = {
  en: { email: 'Email address', password: 'Password', signIn: 'Sign in', untitled: 'Untitled draft', myApplications: 'My applications' },
  fr: { email: 'Adresse courriel', password: 'Mot de passe', signIn: 'Se connecter', untitled: 'Ébauche sans titre', myApplications: 'Mes demandes' },
};

/** Where each role's work is, and how the page there is headed. */
describe('signing in lands each person where their work is, and their applications open from the list', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let applicants: Record<PageLocale, TestUser>;
  let drafts: Record<PageLocale, string>;
  let submitted: Record<PageLocale, string>;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApi(), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const api = () => request(app.getHttpServer());
    const officer = await signedInUser(app, ['officer']);
    const [firstCall, secondCall] = [await publishedCall(app, officer), await publishedCall(app, officer)];
    applicants = { en: await signedInUser(app, ['applicant'], { locale: 'en' }), fr: await signedInUser(app, ['applicant'], { locale: 'fr' }) };
    drafts = { en: '', fr: '' };
    submitted = { en: '', fr: '' };
    for (const locale of ['en', 'fr'] as const) {
      const owner = applicants[locale];
      const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
      // One sent, one still a draft that has no title yet.
      const sent = await api().post(`/api/v1/calls/${firstCall}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
      await api()
        .patch(`/api/v1/applications/${sent.body.id}`)
        .set(owner.auth)
        .send({ version: 1, title: `Safe homes (${locale})`, summary: 'Transitional housing.', answers: { need: 'Housing', people_served: 40 }, budget: [{ fiscalYear: '2027-28', category: 'personnel', description: 'Worker', amountCents: 5_000_000 }] })
        .expect(200);
      await api().post(`/api/v1/applications/${sent.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201);
      await api().post(`/api/v1/applications/${sent.body.id}/submit`).set(owner.auth).expect(200);
      submitted[locale] = sent.body.id as string;
      drafts[locale] = (await api().post(`/api/v1/calls/${secondCall}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201)).body.id as string;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(user: TestUser, locale: PageLocale): Promise<Page> {
    const page = await newPage(browser, baseUrl, { locale });
    page.setDefaultTimeout(10_000);
    await page.goto('/sign-in');
    await page.getByLabel(WORDS[locale].email).fill(user.email);
    await page.getByLabel(WORDS[locale].password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: WORDS[locale].signIn }).click();
    await page.waitForLoadState('load');
    return page;
  }

  it.each([
    [['officer'], '/officer/calls', 'Calls for proposals'],
    [['reviewer'], '/reviews', 'My reviews'],
    [['admin'], '/admin/staff', 'Staff accounts'],
    [['officer', 'admin'], '/officer/calls', 'Calls for proposals'],
  ] as Array<[Role[], string, string]>)('lands %j on %s', async (roles, path, heading) => {
    const page = await signIn(await signedInUser(app, roles), 'en');
    try {
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await page.locator('h1').textContent()).toBe(heading);
    } finally {
      await page.close();
    }
  });

  it.each(['en', 'fr'] as const)('lands an applicant on their applications, each of which opens: the draft to go on, the sent one to read back (%s)', async (locale) => {
    const page = await signIn(applicants[locale], locale);
    try {
      expect(new URL(page.url()).pathname).toBe('/applications');
      expect(await page.locator('h1').textContent()).toBe(WORDS[locale].myApplications);
      await expectAccessible(page, `my applications, ${locale}`);

      await page.getByRole('link', { name: WORDS[locale].untitled }).click();
      await page.waitForURL(`${baseUrl}/applications/${drafts[locale]}/edit`);
      await page.goBack();
      await page.getByRole('link', { name: `Safe homes (${locale})` }).click();
      await page.waitForURL(`${baseUrl}/applications/${submitted[locale]}`);
      expect(await page.locator('h1').textContent()).toContain('CBSF-');
    } finally {
      await page.close();
    }
  });
});
