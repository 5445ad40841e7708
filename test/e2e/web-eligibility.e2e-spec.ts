import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { ILIF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale } from '../support/browser';
import { callBody, organizationFor } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const both = (en: string, fr: string) => ({ en, fr });

/** The text of an element with no-break spaces (French punctuation) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('who may apply, before writing anything (Chromium, axe)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let cbsfId: string;
  let ilifId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApi(testConfig(await isolatedEnvironment('web_eligibility'))), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const officer = await signedInUser(app, ['officer']);
    const publish = async (body: Record<string, unknown>): Promise<string> => {
      const id = (await api().post('/api/v1/calls').set(officer.auth).send(body).expect(201)).body.id as string;
      await api().post(`/api/v1/calls/${id}/publish`).set(officer.auth).expect(200);
      return id;
    };
    // The CBSF call does not take First Nations; the ILIF call takes only Indigenous-led First Nations and Indigenous organizations.
    cbsfId = await publish(callBody());
    ilifId = await publish(
      callBody({
        fundId: ILIF_FUND_ID,
        title: both('Indigenous-led initiatives 2027', 'Initiatives dirigées par des Autochtones 2027'),
        eligibility: { organizationTypes: ['indigenous_organization', 'first_nation'], regions: null, indigenousLedRequired: true },
        reviewersPerApplication: 2,
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** An applicant owning a non-profit and a First Nation. */
  async function applicant(locale: PageLocale): Promise<TestUser> {
    const user = await signedInUser(app, ['applicant'], { locale });
    await api().post('/api/v1/organizations').set(user.auth).send(organizationFor(user, { legalName: 'Refuge Arc-en-ciel', preferredLanguage: locale })).expect(201);
    await api()
      .post('/api/v1/organizations')
      .set(user.auth)
      .send(organizationFor(user, { legalName: 'Nishnawbe Healing Lodge', type: 'first_nation', region: 'north', indigenousLed: true, preferredLanguage: locale }))
      .expect(201);
    return user;
  }

  async function signedInPage(user: TestUser, locale: PageLocale, path: string): Promise<Page> {
    const page = await newPage(browser, baseUrl, { locale });
    page.setDefaultTimeout(10_000);
    await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
    const words = locale === 'fr' ? { email: 'Adresse courriel', password: 'Mot de passe', submit: 'Se connecter' } : { email: 'Email address', password: 'Password', submit: 'Sign in' };
    await page.getByLabel(words.email).fill(user.email);
    await page.getByLabel(words.password, { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: words.submit }).click();
    await page.waitForURL(`${baseUrl}${path}`);
    return page;
  }

  it('tells a First Nation on the CBSF call why it cannot apply and points it to the ILIF call, while the non-profit starts', async () => {
    const user = await applicant('en');
    const page = await signedInPage(user, 'en', `/calls/${cbsfId}`);
    try {
      const text = await textOf(page);
      expect(text).toContain('Refuge Arc-en-ciel can apply to this call.');
      expect(text).toContain('Nishnawbe Healing Lodge cannot apply to this call:');
      expect(text).toContain('this call is only for non-profit organizations, registered charities or Indigenous organizations, and its profile says it is one of the First Nations;');
      expect(text).toContain('Nishnawbe Healing Lodge can apply to this open call instead: Indigenous-led initiatives 2027 (Indigenous-Led Initiatives Fund)');
      // Only the eligible organization is offered in the start form.
      expect(await textOf(page, '#apply ~ form')).toContain('You apply on behalf of Refuge Arc-en-ciel.');
      expect(await page.locator('#apply ~ form').textContent()).not.toContain('Nishnawbe');
      await expectAccessible(page, 'call with an excluded organization');

      // The pointer leads to the call the First Nation may apply to; there the non-profit is the one told why.
      await page.getByRole('link', { name: 'Indigenous-led initiatives 2027' }).click();
      await page.waitForURL(`${baseUrl}/calls/${ilifId}`);
      const ilif = await textOf(page);
      expect(ilif).toContain('Nishnawbe Healing Lodge can apply to this call.');
      expect(ilif).toContain('Refuge Arc-en-ciel cannot apply to this call:');
      expect(ilif).toContain('this call is only for Indigenous-led organizations, and its profile does not say it is Indigenous-led.');
      expect(ilif).toContain('Refuge Arc-en-ciel can apply to this open call instead: Community supports 2027 (Community-Based Supports Fund)');
      expect(await textOf(page, '#apply ~ form')).toContain('You apply on behalf of Nishnawbe Healing Lodge.');

      // Back on the CBSF call, the eligible organization starts its application.
      await page.goto(`/calls/${cbsfId}`);
      await page.getByRole('button', { name: 'Start an application' }).click();
      await page.waitForURL(/\/applications\/[0-9a-f-]{36}\/edit\?notice=created$/);
    } finally {
      await page.close();
    }
  });

  it('says the same in French', async () => {
    const user = await applicant('fr');
    const page = await signedInPage(user, 'fr', `/calls/${cbsfId}`);
    try {
      const text = await textOf(page);
      expect(text).toContain('Refuge Arc-en-ciel peut présenter une demande à cet appel.');
      expect(text).toContain('Nishnawbe Healing Lodge ne peut pas présenter de demande à cet appel :');
      expect(text).toContain('et son profil indique qu’il fait partie des Premières Nations ;');
      expect(text).toContain(
        'Nishnawbe Healing Lodge peut plutôt présenter une demande à cet appel ouvert : Initiatives dirigées par des Autochtones 2027 (Fonds pour les initiatives dirigées par des Autochtones)',
      );
      expect(await page.locator('#apply ~ form').textContent()).not.toContain('Nishnawbe');
      await expectAccessible(page, 'call with an excluded organization, in French');
      await page.getByRole('link', { name: 'Initiatives dirigées par des Autochtones 2027' }).click();
      await page.waitForURL(`${baseUrl}/calls/${ilifId}`);
      expect(await textOf(page)).toContain('Nishnawbe Healing Lodge peut présenter une demande à cet appel.');
    } finally {
      await page.close();
    }
  });
});
