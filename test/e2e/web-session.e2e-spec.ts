import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage } from '../support/browser';
import { isolatedEnvironment } from '../support/databases';

// A short idle time so the warning comes within the test: it shows a third of the idle time
// before the end (two minutes at most, with the 30-minute default).
const IDLE_SECONDS = 30;

describe('the idle-timeout warning: shown before the session ends, "stay signed in" extends it, and otherwise the page signs out (Chromium)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let user: TestUser;

  async function signIn(page: Page, next: string): Promise<void> {
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${baseUrl}${next}`);
  }

  beforeAll(async () => {
    const config = testConfig({ ...(await isolatedEnvironment('web_session')), WEB_IDLE_SECONDS: String(IDLE_SECONDS) });
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    user = await signedInUser(app);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('warns in French, extends the session from the keyboard past its first end, then signs out when ignored', async () => {
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    await signIn(page, '/applications');
    await page.getByRole('link', { name: 'Afficher cette page en français' }).click();
    await page.waitForURL(`${baseUrl}/applications`);
    const lastActivity = Date.now();
    const warning = page.getByRole('dialog', { name: 'Votre session va bientôt prendre fin' });
    await warning.waitFor({ state: 'visible', timeout: IDLE_SECONDS * 1000 });
    // Shown before the end, not at it.
    expect(Date.now() - lastActivity).toBeLessThan(IDLE_SECONDS * 1000);
    await expectAccessible(page);
    // The dialog takes the focus: Enter stays signed in.
    await page.keyboard.press('Enter');
    await warning.waitFor({ state: 'hidden' });
    await page.locator('#session-status', { hasText: 'Vous êtes toujours connecté.' }).waitFor({ state: 'attached' });

    // Past the end the session had at sign-in, it is still alive.
    await page.waitForTimeout(Math.max(0, lastActivity + (IDLE_SECONDS + 1) * 1000 - Date.now()));
    expect(page.url()).toBe(`${baseUrl}/applications`);
    await page.reload();
    expect(page.url()).toBe(`${baseUrl}/applications`);

    // Ignored this time (the page asks the server how long is left, which is not activity): it goes
    // to sign-in, saying why, and comes back here after.
    await page.waitForURL(/\/sign-in\?notice=expired/, { timeout: IDLE_SECONDS * 1000 + 5000 });
    await expect(page.getByText('Votre session a pris fin', { exact: false }).count()).resolves.toBe(1);
    expect(new URL(page.url()).searchParams.get('next')).toBe('/applications');
    await page.close();
  }, 100_000);
});
