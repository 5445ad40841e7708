import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, passesWithin } from '@grants/testing';
import { Browser } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const BUDGET = [
  { fiscalYear: '2027-28', category: 'personnel', description: 'Intervenante', amountCents: 5_000_000 },
  { fiscalYear: '2028-29', category: 'personnel', description: 'Intervenante', amountCents: 3_500_000 },
];

describe('web pages for applicants (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let owner: TestUser;
  let awardId: string;
  let applicationId: string;

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_award'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    const api = () => request(app.getHttpServer());
    const officer = await signedInUser(app, ['officer']);
    owner = await signedInUser(app, ['applicant'], { locale: 'fr' });
    const callId = (await api().post('/api/v1/calls').set(officer.auth).send(callBody()).expect(201)).body.id as string;
    await api().post(`/api/v1/calls/${callId}/publish`).set(officer.auth).expect(200);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { legalName: 'Services communautaires Nouvelle Voie', preferredLanguage: 'fr' })).expect(201);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(owner.auth).send({ version: 1, title: 'Accompagnement juridique', summary: 'Accompagnement juridique des personnes survivantes.', answers: { need: 'Logement', people_served: 40 }, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'etats.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(owner.auth).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Admissible' }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/decision`).set(officer.auth).send({ outcome: 'approved', approvedCents: 8_500_000, conditions: 'Rencontre trimestrielle.', rationale: 'Fort besoin', overrideReason: 'Équilibre régional' }).expect(200);
    const release = (await api().post(`/api/v1/calls/${callId}/release-decisions`).set(officer.auth).expect(202)).body as { id: string };
    await passesWithin(30_000, async () => expect((await api().get(`/api/v1/calls/${callId}/releases/${release.id}`).set(officer.auth).expect(200)).body.emailsSent).toBe(1));
    applicationId = draft.body.id as string;
    awardId = (await api().get(`/api/v1/applications/${applicationId}`).set(owner.auth).expect(200)).body.awardId as string;
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('shows the open calls in English and in French, with the language switch, and no accessibility violation', async () => {
    const page = await newPage(browser, baseUrl);
    try {
      await page.goto('/');
      expect(await page.locator('html').getAttribute('lang')).toBe('en-CA');
      await expect(page.locator('h2').first().textContent()).resolves.toBe('Open calls for proposals');
      expect(await page.locator('.web-card h3').allTextContents()).toContain('Community supports 2027');
      await expectAccessible(page, 'home, English');
      await screenshot(page, 'home-en');

      await tabTo(page, page.getByRole('link', { name: 'Afficher cette page en français' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/`);
      expect(await page.locator('html').getAttribute('lang')).toBe('fr-CA');
      expect(await page.locator('.web-card h3').allTextContents()).toContain('Soutiens communautaires 2027');
      await expectAccessible(page, 'home, French');
    } finally {
      await page.close();
    }
  });

  it('keeps what was typed and lists the problems at the top when signing in fails', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.goto('/sign-in');
      await page.getByLabel('Adresse courriel').fill(owner.email);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toContain('Entrez votre mot de passe.');
      expect(await page.getByLabel('Adresse courriel').inputValue()).toBe(owner.email);
      expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page, 'sign-in with an error, French');

      await page.getByLabel('Mot de passe').fill('not the password');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toContain('n’est pas le bon');
    } finally {
      await page.close();
    }
  });

  it('lets the owner sign in, see the decision and accept the award with the keyboard alone, in French', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(`/awards/${awardId}`);
      await page.waitForURL(/\/sign-in\?next=/);
      await tabTo(page, '#email');
      await page.keyboard.type(owner.email);
      await tabTo(page, '#password');
      await page.keyboard.type(TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/awards/${awardId}`);
      expect(await page.locator('h1').textContent()).toMatch(/^Subvention CBSF-/);
      const text = (await page.locator('main').textContent())!.replace(/[\u00a0\u202f]/g, ' ');
      expect(text).toContain('85 000,00 $');
      expect(text).toContain('50 000,00 $');
      expect(text).toContain('Offerte : en attente de votre réponse');
      await expectAccessible(page, 'award offered, French');
      await screenshot(page, 'award-offered-fr');

      // Declining asks first, saying what it does and that it cannot be undone; going back leaves the award offered.
      await tabTo(page, page.getByRole('link', { name: 'Refuser la subvention' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/awards/${awardId}/decline/confirm`);
      expect(await page.locator('h1').textContent()).toBe('Refuser cette subvention?');
      const declining = (await page.locator('main').textContent())!.replace(/[\u00a0\u202f]/g, ' ');
      expect(declining).toContain('Votre organisme ne recevra pas la subvention de 85 000,00 $');
      expect(declining).toContain('Le refus est définitif.');
      expect(await page.getByRole('button', { name: 'Oui, refuser la subvention' }).isVisible()).toBe(true);
      await expectAccessible(page, 'decline confirmation, French');
      await tabTo(page, page.getByRole('link', { name: 'Non, revenir à la subvention' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/awards/${awardId}`);
      expect(await page.locator('.web-facts').textContent()).toContain('Offerte : en attente de votre réponse');

      await tabTo(page, page.getByRole('button', { name: 'Accepter la subvention' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/done=accepted/);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Vous avez accepté la subvention.');
      expect(await page.locator('.web-facts').textContent()).toContain('Acceptée');
      // Nothing is paid on the acceptance alone: the agreement comes first, and the page leads to it.
      expect(await page.locator('table').first().textContent()).toContain('Prévu');
      expect(await page.locator('#agreement').textContent()).toBe('Entente');
      expect(await page.getByRole('link', { name: 'Ouvrir l’entente de paiement de transfert' }).getAttribute('href')).toBe(`/awards/${awardId}/agreement`);
      await expectAccessible(page, 'award accepted, French');

      await page.goto('/applications');
      expect(await page.locator('tbody tr').first().textContent()).toContain('Financée');
      await expectAccessible(page, 'my applications, French');
      await screenshot(page, 'applications-fr');

      // The page an email's link leads to.
      await page.goto(`/applications/${applicationId}`);
      expect(await page.locator('h1').textContent()).toMatch(/^Demande CBSF-/);
      expect(await page.locator('.web-facts').textContent()).toContain('Services communautaires Nouvelle Voie');
      await expectAccessible(page, 'application, French');
    } finally {
      await page.close();
    }
    const award = await request(app.getHttpServer()).get(`/api/v1/awards/${awardId}`).set(owner.auth).expect(200);
    expect(award.body.status).toBe('accepted');
    const sessions = await app.get(DataSource).query(`SELECT kind FROM session WHERE user_id = $1 ORDER BY created_at`, [owner.id]);
    expect(sessions.map((session: { kind: string }) => session.kind)).toEqual(['api', 'web']);
  });

  it('refuses a form posted without its CSRF token, with a page rather than JSON', async () => {
    const login = await request(app.getHttpServer()).post('/sign-in').type('form').send({ email: owner.email, password: TEST_PASSWORD });
    expect(login.status).toBe(403); // no token: not even the sign-in form
    expect(login.headers['content-type']).toMatch(/text\/html/);
  });

  it('lets someone who forgot the password choose a new one from the emailed link, then sign in with it', async () => {
    const mailbox = new Mailbox();
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Mot de passe oublié?' }).click();
      await expectAccessible(page, 'password reset request, French');
      await page.getByLabel('Adresse courriel').fill(owner.email);
      await page.getByRole('button', { name: 'M’envoyer un lien' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain('un lien pour choisir un nouveau mot de passe est en route');

      // The owner has other emails already (confirmation, letter): wait for the one with the link.
      const email = await passesWithin(15_000, async () => {
        const found = (await mailbox.messagesTo(owner.email)).find((message) => /password-reset\/confirm/.test(message.text));
        expect(found).toBeDefined();
        return found!;
      });
      const link = new URL(/https?:\/\/\S+password-reset\/confirm\?token=\S+/.exec(email.text)![0]);
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByLabel('Nouveau mot de passe').fill('short');
      await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toContain('au moins 12 caractères');
      expect(await page.locator('#password').getAttribute('aria-describedby')).toBe('password-hint password-error');
      await expectAccessible(page, 'new password with an error, French');

      await page.getByLabel('Nouveau mot de passe').fill('un mot de passe tout neuf');
      await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
      await page.waitForURL(/notice=password-changed/);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Votre nouveau mot de passe est enregistré');
      await page.getByLabel('Adresse courriel').fill(owner.email);
      await page.getByLabel('Mot de passe').fill('un mot de passe tout neuf');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${baseUrl}/applications`);
    } finally {
      await page.close();
    }
  });

  it('lets a new applicant create an account, then confirm the address from the emailed link, with a button so a mail scanner cannot use it up', async () => {
    const mailbox = new Mailbox();
    const address = `nouvelle-${Date.now()}@example.org`;
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    try {
      await page.goto('/sign-in');
      await page.getByRole('link', { name: 'Pas encore de compte? Créez-en un.' }).click();
      await page.getByLabel('Votre nom').fill('Élodie Tremblay-ᐃᓄᒃᑎᑐᑦ');
      await page.getByLabel('Adresse courriel').fill(address);
      await page.getByLabel('Mot de passe').fill('court');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toContain('au moins 12 caractères');
      expect(await page.getByLabel('Votre nom').inputValue()).toBe('Élodie Tremblay-ᐃᓄᒃᑎᑐᑦ');
      expect(await page.getByLabel('Adresse courriel').inputValue()).toBe(address);
      await expectAccessible(page, 'registration with an error, French');
      await page.getByLabel('Mot de passe').fill('une phrase de passe assez longue');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await expect(page.getByRole('status').textContent()).resolves.toContain(`nous avons envoyé un lien à ${address}`);

      const [email] = await mailbox.waitFor(address);
      expect(email!.subject).toMatch(/courriel|adresse/i); // the account's language is the page's
      const link = new URL(/https?:\/\/\S+verify-email\?token=\S+/.exec(email!.text)![0]);
      await page.goto(`${link.pathname}${link.search}`);
      await expectAccessible(page, 'verify email, French');
      await page.getByRole('button', { name: 'Confirmer mon adresse courriel' }).click();
      await page.waitForURL(/notice=verified/);
      await expect(page.getByRole('status').textContent()).resolves.toContain('Votre adresse courriel est confirmée');
      await page.goto(`${link.pathname}${link.search}`);
      await page.getByRole('button', { name: 'Confirmer mon adresse courriel' }).click();
      await expect(page.locator('#error-summary').textContent()).resolves.toContain('Ce lien n’est plus valide');

      await page.goto('/sign-in');
      await page.getByLabel('Adresse courriel').fill(address);
      await page.getByLabel('Mot de passe').fill('une phrase de passe assez longue');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${baseUrl}/applications`);
      expect(await page.locator('.web-menu__who').textContent()).toContain('Élodie Tremblay-ᐃᓄᒃᑎᑐᑦ');
    } finally {
      await page.close();
    }
  });
});
