import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, uniqueEmail } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, screenshot, tabTo } from '../support/browser';
import { isolatedEnvironment } from '../support/databases';

/** The text of an element with no-break spaces (French punctuation) made plain. */
async function textOf(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');
}

async function summaryHasFocus(page: Page): Promise<boolean> {
  await page.waitForLoadState('load');
  return page.locator('#error-summary').evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);
}

describe('web pages for administrators: staff accounts and the Indigenous review panel (Chromium, axe, keyboard)', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  let browser: Browser;
  let baseUrl: string;
  let admin: TestUser;
  let adminFr: TestUser;
  const mailbox = new Mailbox();

  async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  async function account(email: string): Promise<{ roles: string[]; panels: string[]; locale: string; name: string } | undefined> {
    const [row] = (await app.get(DataSource).query(`SELECT name, roles, panels, locale FROM user_account WHERE email = $1`, [email])) as Array<{ roles: string[]; panels: string[]; locale: string; name: string }>;
    return row;
  }

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_admin'));
    [app, worker, browser] = await Promise.all([startApi(config), startWorker(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    admin = await signedInUser(app, ['admin']);
    adminFr = await signedInUser(app, ['admin'], { locale: 'fr' });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([app?.close(), worker?.close()]);
  });

  it('sends a visitor to sign in and refuses an officer with a page', async () => {
    expect((await request(app.getHttpServer()).get('/admin/staff/new').expect(303)).headers.location).toBe('/sign-in?next=%2Fadmin%2Fstaff%2Fnew');
    const officer = await signedInUser(app, ['officer']);
    const page = await newPage(browser, baseUrl);
    try {
      await signIn(page, officer, '/officer/calls');
      for (const path of ['/admin/staff', '/admin/staff/new']) {
        const refused = await page.goto(path);
        expect(refused!.status()).toBe(403);
        expect(await page.locator('h1').textContent()).toBe('You cannot do this');
      }
    } finally {
      await page.close();
    }
  });

  it('creates a reviewer on the ILIF panel with the keyboard alone, after being asked for a role; the invitation arrives', async () => {
    const email = uniqueEmail('ilif-reviewer');
    const page = await newPage(browser, baseUrl);
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, admin, '/admin/staff');
      expect(await textOf(page, 'tbody')).toContain(admin.email);
      await expectAccessible(page, 'staff accounts, English');
      await screenshot(page, 'admin-staff-en');

      await tabTo(page, page.getByRole('link', { name: 'Add a staff account' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(`${baseUrl}/admin/staff/new`);
      expect(await textOf(page)).toContain('only this panel reads it');
      expect(await page.getByLabel('English', { exact: true }).isChecked()).toBe(true);
      await expectAccessible(page, 'new staff account, English');
      await screenshot(page, 'admin-new-en');

      await tabTo(page, page.getByLabel('Full name'));
      await page.keyboard.type('Aiyana Whitecloud');
      await tabTo(page, page.getByLabel('Email address'));
      await page.keyboard.type(email);
      await tabTo(page, page.getByLabel('Indigenous review panel (Indigenous-Led Initiatives Fund)'));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Create the account and send the invitation' }));
      await page.keyboard.press('Enter');
      expect(await textOf(page, '#error-summary')).toContain('Choose at least one role.');
      expect(await page.locator('#error-summary a').getAttribute('href')).toBe('#roles-officer');
      expect(await textOf(page, '#roles-error')).toContain('Choose at least one role.');
      expect(await summaryHasFocus(page)).toBe(true);
      expect(await page.getByLabel('Full name').inputValue()).toBe('Aiyana Whitecloud');
      expect(await page.getByLabel('Email address').inputValue()).toBe(email);
      expect(await page.getByLabel('Indigenous review panel (Indigenous-Led Initiatives Fund)').isChecked()).toBe(true);
      await expectAccessible(page, 'new staff account without a role, English');
      await screenshot(page, 'admin-new-error-en');

      await tabTo(page, page.getByLabel('Reviewer: scores the applications assigned to them'));
      await page.keyboard.press('Space');
      await tabTo(page, page.getByRole('button', { name: 'Create the account and send the invitation' }));
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/admin\/staff\?notice=invited&account=/);
      expect(await textOf(page, '[role=status]')).toContain(`The account for ${email} is created. We emailed them an invitation to set a password`);
      const row = await textOf(page, `tbody tr:has-text("${email}")`);
      expect(row).toContain('Aiyana Whitecloud');
      expect(row).toContain('Reviewer');
      expect(row).toContain('Indigenous review panel (ILIF)');
      expect(row).toContain('Invited: no password set yet');
      await expectAccessible(page, 'staff accounts after creating one, English');
    } finally {
      await page.close();
    }
    const [invitation] = await mailbox.waitFor(email);
    expect(invitation!.subject).toBe('Your account for Ontario’s anti-human trafficking funds');
    expect(invitation!.text).toContain('/password-reset/confirm?token=');
    expect(await account(email)).toEqual({ name: 'Aiyana Whitecloud', roles: ['applicant', 'reviewer'], panels: ['ILIF'], locale: 'en' });
  });

  it('does the same in French, the invitation in French', async () => {
    const email = uniqueEmail('agente');
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, adminFr, '/admin/staff');
      expect(await textOf(page, 'h1')).toBe('Comptes du personnel');
      await expectAccessible(page, 'staff accounts, French');
      await screenshot(page, 'admin-staff-fr');
      await page.getByRole('link', { name: 'Ajouter un compte du personnel' }).click();
      await page.waitForURL(`${baseUrl}/admin/staff/new`);
      expect(await page.getByLabel('Français', { exact: true }).isChecked()).toBe(true);
      await expectAccessible(page, 'new staff account, French');
      await screenshot(page, 'admin-new-fr');

      await page.getByLabel('Nom complet').fill('Geneviève Tremblay-Côté');
      await page.getByLabel('Adresse courriel').fill('pas une adresse');
      await page.getByRole('button', { name: 'Créer le compte et envoyer l’invitation' }).click();
      const summary = await textOf(page, '#error-summary');
      expect(summary).toContain('Entrez une adresse courriel comme nom@ontario.ca.');
      expect(summary).toContain('Choisissez au moins un rôle.');
      expect(await summaryHasFocus(page)).toBe(true);
      await expectAccessible(page, 'new staff account with errors, French');

      await page.getByLabel('Adresse courriel').fill(email);
      // The ODS checkbox is drawn by its label, which takes the click.
      await page.getByText('Agente ou agent des fonds : prépare les appels', { exact: false }).click();
      await page.getByRole('button', { name: 'Créer le compte et envoyer l’invitation' }).click();
      await page.waitForURL(/\/admin\/staff\?notice=invited/);
      expect(await textOf(page, '[role=status]')).toContain(`Le compte de ${email} est créé.`);
      const row = await textOf(page, `tbody tr:has-text("${email}")`);
      expect(row).toContain('Geneviève Tremblay-Côté');
      expect(row).toContain('Agente ou agent des fonds');
      expect(row).toContain('Aucun');
      await expectAccessible(page, 'staff accounts after creating one, French');
    } finally {
      await page.close();
    }
    const [invitation] = await mailbox.waitFor(email);
    expect(invitation!.subject).toBe('Votre compte pour les fonds de l’Ontario contre la traite des personnes');
    expect(await account(email)).toEqual({ name: 'Geneviève Tremblay-Côté', roles: ['applicant', 'officer'], panels: [], locale: 'fr' });
  });

  it('works without JavaScript, and adds the panel to an account that already exists', async () => {
    const existing = await signedInUser(app, ['reviewer']);
    const page = await newPage(browser, baseUrl, { javaScript: false });
    page.setDefaultTimeout(10_000);
    try {
      await signIn(page, admin, '/admin/staff/new');
      await page.getByLabel('Email address').fill(existing.email);
      await page.getByRole('button', { name: 'Create the account and send the invitation' }).click();
      expect(await textOf(page, '#error-summary')).toContain('Enter the person’s full name.');
      await page.getByLabel('Full name').fill('Test reviewer');
      await page.getByText('Reviewer: scores the applications assigned to them').click();
      await page.getByText('Indigenous review panel (Indigenous-Led Initiatives Fund)').click();
      await page.getByRole('button', { name: 'Create the account and send the invitation' }).click();
      await page.waitForURL(/\/admin\/staff\?notice=updated/);
      expect(await textOf(page, '[role=status]')).toContain(`${existing.email} already had an account: it now has the roles and panels you chose.`);
      expect(await textOf(page, `tbody tr:has-text("${existing.email}")`)).toContain('Indigenous review panel (ILIF)');
    } finally {
      await page.close();
    }
    expect(await account(existing.email)).toMatchObject({ roles: ['applicant', 'reviewer'], panels: ['ILIF'] });
  });
});
