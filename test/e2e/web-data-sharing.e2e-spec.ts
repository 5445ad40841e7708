import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { DATA_SHARING_VERSION } from '@grants/identity';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessibleAndReflows, launchBrowser, newPage, plainText, pressOn, screenshot, signInThrough, tabTo } from '../support/browser';
import { organizationFor } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const INDIGENOUS = 'Cercle de guérison Nibi';
const COMMUNITY = 'Harbour Light Community Services';

describe('web pages of the data-sharing agreement (OCAP®) and of data governance (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let owner: TestUser;
  let editor: TestUser;
  let communityOwner: TestUser;
  let indigenousId: string;
  let communityId: string;
  const api = () => request(app.getHttpServer());

  const signIn = (page: Page, user: TestUser, next: string) => signInThrough(page, baseUrl, user, TEST_PASSWORD, next);

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_data_sharing'));
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    owner = await signedInUser(app, ['applicant'], { name: 'Dana Whitford', locale: 'fr' });
    editor = await signedInUser(app, ['applicant'], { name: 'Sam Okafor', locale: 'fr' });
    communityOwner = await signedInUser(app, ['applicant'], { name: 'Alex Martin' });
    // organizationFor names the registering owner as a contact with signing authority.
    const indigenous = await api()
      .post('/api/v1/organizations')
      .set(owner.auth)
      .send(organizationFor(owner, { legalName: INDIGENOUS, type: 'indigenous_organization', indigenousLed: true, preferredLanguage: 'fr' }))
      .expect(201);
    indigenousId = indigenous.body.id as string;
    const invitation = await api().post(`/api/v1/organizations/${indigenousId}/members`).set(owner.auth).send({ email: editor.email, role: 'editor' }).expect(201);
    await api().post(`/api/v1/invitations/${invitation.body.id}/accept`).set(editor.auth).expect(200);
    communityId = (await api().post('/api/v1/organizations').set(communityOwner.auth).send(organizationFor(communityOwner, { legalName: COMMUNITY })).expect(201)).body.id as string;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows an editor the agreement in French without the form: only the signing authority accepts it', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, editor, `/organizations/${indigenousId}/data-sharing`);
      await expectAccessibleAndReflows(page, 'the agreement, read by an editor');
      const text = await plainText(page);
      expect(text).toContain('Entente de partage des données (PCAP®)');
      expect(text).toContain('Pas encore acceptée : à accepter par votre signataire autorisé');
      expect(text).toContain('Seul un membre de votre organisme nommé dans son profil');
      expect(await page.locator('main form').count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Accepter l’entente de partage des données' }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('lets the French signing authority accept it with the keyboard alone, after being told the attestation is missing', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, owner, `/organizations/${indigenousId}`);
      await expectAccessibleAndReflows(page, 'the organization, agreement to accept');
      expect(await plainText(page, '#data-governance + ul')).toContain('Entente de partage des données (PCAP®) : à accepter par votre signataire autorisé');
      expect(await page.getByRole('link', { name: 'Comment vos données sont gouvernées' }).getAttribute('href')).toBe('/data-governance');

      await pressOn(page, page.getByRole('link', { name: 'Entente de partage des données (PCAP®)' }), /\/data-sharing$/);
      await expectAccessibleAndReflows(page, 'the agreement, to accept');
      const agreement = await plainText(page);
      for (const expected of [INDIGENOUS, DATA_SHARING_VERSION, 'Vos données vous appartiennent', 'Aucune utilisation secondaire', 'Combien de temps elles sont conservées', 'Aucune version n’a encore été acceptée.']) {
        expect(agreement).toContain(expected);
      }
      expect(await page.locator('main h3').count()).toBeGreaterThanOrEqual(8);
      expect(await page.getByLabel('J’ai le pouvoir d’engager l’organisme et j’ai lu cette version').count()).toBe(1);

      // Name and title typed, the box left unticked: said beside it and in the summary, typed words kept.
      await tabTo(page, '#name');
      await page.keyboard.type('Dana Whitford');
      await tabTo(page, '#title');
      await page.keyboard.type('Directrice générale');
      await pressOn(page, page.getByRole('button', { name: 'Accepter l’entente de partage des données' }));
      expect(page.url()).toMatch(/\/data-sharing$/);
      expect(await page.locator('#error-summary:focus').count()).toBe(1);
      expect(await plainText(page, '#error-summary')).toContain('Cochez la case pour confirmer que vous avez le pouvoir d’engager l’organisme');
      expect(await plainText(page, '#attest-error')).toContain('Cochez la case');
      expect(await page.locator('#name').inputValue()).toBe('Dana Whitford');
      expect(await page.locator('#title').inputValue()).toBe('Directrice générale');
      await expectAccessibleAndReflows(page, 'the agreement, attestation missing');
      await screenshot(page, 'data-sharing-errors-fr-1280');

      await tabTo(page, '#attest');
      await page.keyboard.press('Space');
      expect(await page.locator('#attest').isChecked()).toBe(true);
      await pressOn(page, page.getByRole('button', { name: 'Accepter l’entente de partage des données' }), /\/data-sharing\?notice=accepted$/);
      await expectAccessibleAndReflows(page, 'the agreement, accepted');
      expect(await plainText(page, '[role=status]')).toContain('L’entente de partage des données est acceptée.');
      const accepted = await plainText(page);
      expect(accepted).toMatch(/Acceptée le \d{1,2}(er)? \S+ \d{4} à .* par Dana Whitford \(Directrice générale\)/);
      expect(await plainText(page, 'table')).toContain(DATA_SHARING_VERSION);
      // Only the consent form is left: the organization chooses whether its figures are counted.
      expect(await page.locator('main form').count()).toBe(1);
      expect(await plainText(page, '#consent ~ p strong')).toContain('Pas encore choisi : vos chiffres sont exclus des rapports agrégés.');
      await screenshot(page, 'data-sharing-accepted-fr-1280');
      await pressOn(page, page.getByRole('button', { name: 'Enregistrer notre choix' }), /\/data-sharing\/consent$/);
      expect(await plainText(page, '#error-summary')).toContain('Indiquez si le bureau peut compter vos chiffres.');
      await tabTo(page, '#consent-yes');
      await page.keyboard.press('Space');
      await pressOn(page, page.getByRole('button', { name: 'Enregistrer notre choix' }), /notice=consent/);
      expect(await plainText(page, '[role=status]')).toContain('Votre choix est enregistré.');
      expect(await plainText(page, '#consent ~ p strong')).toMatch(/Vos chiffres sont comptés dans les rapports agrégés \(choix fait le \d/);
      await expectAccessibleAndReflows(page, 'the agreement, consent given');

      await pressOn(page, page.getByRole('link', { name: 'Retour au profil de l’organisme' }), new RegExp(`/organizations/${indigenousId}$`));
      expect(await plainText(page, '#data-governance + ul')).toMatch(/Entente de partage des données \(PCAP®\) : acceptée le \d/);
    } finally {
      await page.close();
    }
    const recorded = await api().get(`/api/v1/organizations/${indigenousId}/data-sharing-agreement`).set(editor.auth).expect(200);
    expect(recorded.body.accepted).toMatchObject({ version: DATA_SHARING_VERSION, signerName: 'Dana Whitford', signerTitle: 'Directrice générale' });
  });

  it('shows no data-sharing agreement on the English page of an organization that is not Indigenous-led', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await signIn(page, communityOwner, `/organizations/${communityId}`);
      await expectAccessibleAndReflows(page, 'the organization, not Indigenous-led');
      expect(await page.locator('main a[href$="/data-sharing"]').count()).toBe(0);
      expect(await plainText(page)).not.toContain('Data-sharing agreement');
      expect(await page.getByRole('link', { name: 'How your data is governed' }).count()).toBe(1);
      // Opened by its address, the page says whom the agreement is for, with nothing to accept.
      await page.goto(`/organizations/${communityId}/data-sharing`);
      await expectAccessibleAndReflows(page, 'the agreement, not Indigenous-led');
      expect(await plainText(page)).toContain('The data-sharing agreement applies to Indigenous-led organizations.');
      expect(await page.locator('main form').count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('explains how data is governed to anyone, without signing in, in English and in French', async () => {
    for (const [locale, expected] of [
      ['en', ['How your data is governed', 'The data-sharing agreement (OCAP®)', 'An Indigenous-led organization chooses, on its data-sharing agreement page, whether its figures are counted', 'Coming: any figure drawn from fewer than five organizations will never be shown, for every fund.', '1 year after the call closes', '7 years after the agreement ends']],
      ['fr', ['Comment vos données sont gouvernées', 'L’entente de partage des données (PCAP®)', 'Un organisme dirigé par des Autochtones choisit, sur la page de son entente de partage des données', 'À venir : aucun chiffre tiré de moins de cinq organismes ne sera jamais affiché', '7 ans après la fin de l’entente']],
    ] as const) {
      const page = await newPage(browser, baseUrl, { locale });
      try {
        await page.setViewportSize({ width: 1280, height: 800 });
        const response = await page.goto('/data-governance');
        expect(response?.status()).toBe(200);
        expect(new URL(page.url()).pathname).toBe('/data-governance');
        await expectAccessibleAndReflows(page, `data governance (${locale})`);
        const text = await plainText(page);
        for (const words of expected) expect(text).toContain(words);
        await screenshot(page, `data-governance-${locale}-1280`);
      } finally {
        await page.close();
      }
    }
  });
});
