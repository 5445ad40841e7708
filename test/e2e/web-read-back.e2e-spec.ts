import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale } from '../support/browser';
import { organizationFor, PDF, publishedCall } from '../support/calls';

const WORDS = {
  en: {
    email: 'Email address',
    password: 'Password',
    signIn: 'Sign in',
    sent: (version: number) => `What you sent: version ${version}`,
    need: 'What need does it meet?',
    versionLink: 'Version 1, sent',
    earlier: 'This is an earlier version.',
    total: '$50,000.00',
  },
  fr: {
    email: 'Adresse courriel',
    password: 'Mot de passe',
    signIn: 'Se connecter',
    sent: (version: number) => `Ce que vous avez envoyé : version ${version}`,
    need: 'À quel besoin répond-il?',
    versionLink: 'Version 1, envoyée le',
    earlier: 'Ceci est une version antérieure.',
    total: '50 000,00',
  },
};

/** A submitted application reads back what was sent, every version, and its owner may withdraw it there. */
describe('an applicant reads back what was sent, every version, and withdraws it', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let owner: TestUser;
  let editor: TestUser;
  let officer: TestUser;
  let applicationId: string;
  let attachmentId: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApi(), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const api = () => request(app.getHttpServer());
    officer = await signedInUser(app, ['officer']);
    const callId = await publishedCall(app, officer);
    owner = await signedInUser(app, ['applicant']);
    editor = await signedInUser(app, ['applicant']);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner)).expect(201);
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor')`, [organization.body.id, editor.id]);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    applicationId = draft.body.id as string;
    await api()
      .patch(`/api/v1/applications/${applicationId}`)
      .set(owner.auth)
      .send({ version: 1, title: 'Safe homes', summary: 'Transitional housing.', answers: { need: 'Housing first', people_served: 40 }, budget: [{ fiscalYear: '2027-28', category: 'personnel', description: 'Worker', amountCents: 5_000_000 }] })
      .expect(200);
    attachmentId = (await api().post(`/api/v1/applications/${applicationId}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201)).body.id as string;
    await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(200);
    // The office asks for more; the organization changes an answer and sends it again: version 2.
    await api()
      .post(`/api/v1/applications/${applicationId}/information-requests`)
      .set(officer.auth)
      .send({ message: 'Please say more about counselling.', respondBy: new Date(Date.now() + 5 * 24 * 3600_000).toISOString() })
      .expect(200);
    const current = await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200);
    await api().patch(`/api/v1/applications/${applicationId}`).set(owner.auth).send({ version: current.body.version, answers: { need: 'Housing and counselling' } }).expect(200);
    await api().post(`/api/v1/applications/${applicationId}/submit`).set(owner.auth).expect(200);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  async function signIn(user: TestUser, locale: PageLocale): Promise<Page> {
    const page = await newPage(browser, baseUrl, { locale });
    page.setDefaultTimeout(10_000);
    await page.context().addCookies([{ name: 'grants_lang', value: locale, url: baseUrl }]);
    await page.goto('/sign-in');
    await page.getByLabel(WORDS[locale].email).fill(user.email);
    await page.getByLabel(WORDS[locale].password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: WORDS[locale].signIn }).click();
    await page.waitForLoadState('load');
    return page;
  }

  const answerTo = (page: Page, question: string) => page.locator('#sent ~ dl dt', { hasText: question }).locator('xpath=following-sibling::dd[1]');

  it.each(['en', 'fr'] as const)('shows the latest version as sent, and the first one on asking (%s)', async (locale) => {
    const words = WORDS[locale];
    const page = await signIn(owner, locale);
    try {
      await page.goto(`/applications/${applicationId}`);
      expect(await page.locator('h2#sent').textContent()).toContain(words.sent(2));
      expect(await answerTo(page, words.need).textContent()).toBe('Housing and counselling');
      // French money has non-breaking spaces.
      expect((await page.locator('#sent ~ div table tfoot').textContent())?.replace(/\s/g, ' ')).toContain(words.total);
      expect(await page.getByRole('link', { name: 'statements.pdf' }).getAttribute('href')).toBe(`/api/v1/applications/${applicationId}/attachments/${attachmentId}`);
      await expectAccessible(page, `application read back, version 2, ${locale}`);

      await page.getByRole('link', { name: words.versionLink }).click();
      await page.waitForURL(`${baseUrl}/applications/${applicationId}?version=1`);
      expect(await page.locator('h2#sent').textContent()).toContain(words.sent(1));
      expect(await page.getByText(words.earlier).count()).toBe(1);
      expect(await answerTo(page, words.need).textContent()).toBe('Housing first');
      await expectAccessible(page, `application read back, version 1, ${locale}`);
    } finally {
      await page.close();
    }
  });

  it('answers every version through the API to the office, recording the read, and to nobody outside', async () => {
    const api = () => request(app.getHttpServer());
    const versions = await api().get(`/api/v1/applications/${applicationId}/snapshots`).set(officer.auth).expect(200);
    expect(versions.body.map((snapshot: { version: number; content: { answers: { need: string } } }) => [snapshot.version, snapshot.content.answers.need])).toEqual([
      [1, 'Housing first'],
      [2, 'Housing and counselling'],
    ]);
    const [read] = (await app.get(DataSource).query(`SELECT details FROM audit_event WHERE action = 'application.viewed' AND entity_id = $1 AND actor_id = $2`, [applicationId, officer.id])) as Array<{ details: { what: string } }>;
    expect(read?.details.what).toBe('snapshot');
    const stranger = await signedInUser(app, ['applicant']);
    await api().get(`/api/v1/applications/${applicationId}/snapshots`).set(stranger.auth).expect(404);
  });

  it('does not offer withdrawing to an editor', async () => {
    const page = await signIn(editor, 'en');
    try {
      await page.goto(`/applications/${applicationId}`);
      expect(await page.locator('h2#sent').textContent()).toContain(WORDS.en.sent(2));
      expect(await page.getByRole('link', { name: 'Withdraw this application' }).count()).toBe(0);
      await page.goto(`/applications/${applicationId}/withdraw/confirm`);
      expect(new URL(page.url()).pathname).toBe(`/applications/${applicationId}`);
    } finally {
      await page.close();
    }
  });

  it('lets the owner withdraw it, after saying what will happen', async () => {
    const page = await signIn(owner, 'en');
    // Another tab left open on the confirmation, used after the application is withdrawn.
    const stale = await signIn(owner, 'en');
    try {
      await stale.goto(`/applications/${applicationId}/withdraw/confirm`);
      await page.goto(`/applications/${applicationId}`);
      await page.getByRole('link', { name: 'Withdraw this application' }).click();
      await page.waitForURL(`${baseUrl}/applications/${applicationId}/withdraw/confirm`);
      expect(await page.locator('h1').textContent()).toBe('Withdraw this application?');
      expect(await page.locator('main').textContent()).toContain('it will not be funded');
      await expectAccessible(page, 'withdraw confirmation');
      await page.getByRole('button', { name: 'Yes, withdraw the application' }).click();
      await page.waitForURL(`${baseUrl}/applications/${applicationId}?notice=withdrawn`);
      expect(await page.getByRole('status').textContent()).toContain('Your application was withdrawn.');
      expect(await page.getByRole('link', { name: 'Withdraw this application' }).count()).toBe(0);
      // What was sent is still there to read.
      expect(await page.locator('h2#sent').textContent()).toContain(WORDS.en.sent(2));
      await expectAccessible(page, 'withdrawn application');

      await stale.getByRole('button', { name: 'Yes, withdraw the application' }).click();
      await stale.waitForLoadState('load');
      expect(await stale.getByRole('alert').textContent()).toContain('This application can no longer be withdrawn');
      await expectAccessible(stale, 'withdraw refused');
    } finally {
      await page.close();
      await stale.close();
    }
  });
});
