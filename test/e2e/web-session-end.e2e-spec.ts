import { AddressInfo } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale } from '../support/browser';
import { callBody, organizationFor, PDF, publishedCall } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

/** The text of an element with no-break spaces (French punctuation) made plain. */
async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('text typed when the session ends is never lost: after signing in again it is back on the form (Chromium)', () => {
  let app: INestApplication;
  let browser: Browser;
  let baseUrl: string;
  let officer: TestUser;
  let callId: string;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('web_session_end'));
    [app, browser] = await Promise.all([startApi(config), launchBrowser()]);
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    officer = await signedInUser(app, ['officer']);
    callId = await publishedCall(app, officer);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  /** An applicant's draft, and a colleague of the same organization who may edit it too. */
  async function draftWithColleague(locale: PageLocale): Promise<{ owner: TestUser; colleague: TestUser; section: string; id: string; organizationId: string }> {
    const [owner, colleague] = await Promise.all([signedInUser(app, ['applicant'], { locale }), signedInUser(app, ['applicant'], { locale })]);
    const organization = await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, { preferredLanguage: locale })).expect(201);
    const invitation = await api().post(`/api/v1/organizations/${organization.body.id}/members`).set(owner.auth).send({ email: colleague.email, role: 'editor' }).expect(201);
    await api().post(`/api/v1/invitations/${invitation.body.id}/accept`).set(colleague.auth).expect(200);
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(owner.auth).send({ organizationId: organization.body.id }).expect(201);
    const id = draft.body.id as string;
    return { owner, colleague, id, section: `/applications/${id}/edit/sections/project`, organizationId: organization.body.id as string };
  }

  /** The draft filled in and submitted, for the office to screen. */
  async function submitted(owner: TestUser, id: string): Promise<void> {
    const answers = { need: 'Housing for survivors', people_served: 40 };
    const budget = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 5_000_000 }];
    await api().patch(`/api/v1/applications/${id}`).set(owner.auth).send({ version: 1, title: 'Safe Harbour', summary: 'Housing and support.', answers, budget }).expect(200);
    await api().post(`/api/v1/applications/${id}/attachments`).set(owner.auth).field('key', 'financial_statements').attach('file', PDF, 'statements.pdf').expect(201);
    await api().post(`/api/v1/applications/${id}/submit`).set(owner.auth).expect(200);
  }

  async function signIn(page: Page, user: TestUser): Promise<void> {
    await page.locator('#email').fill(user.email);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  /** The session ends on the server (as after the idle time, or a sign-out elsewhere) while the page stays open. */
  async function endSessions(user: TestUser): Promise<void> {
    await app.get(DataSource).query(`UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND kind = 'web'`, [user.id]);
  }

  async function savedNeed(user: TestUser, id: string): Promise<unknown> {
    return ((await api().get(`/api/v1/applications/${id}`).set(user.auth).expect(200)).body as { answers: Record<string, unknown> }).answers.need;
  }

  it('without JavaScript: the form sent after the end is kept for that account, filled in after signing in, saved only when saved, and never shown to another account', async () => {
    const { owner, colleague, id, section } = await draftWithColleague('en');
    const page = await newPage(browser, baseUrl, { javaScript: false });
    await page.goto(`/sign-in?next=${encodeURIComponent(section)}`);
    await signIn(page, owner);
    const need = page.getByLabel(/What need does it meet/);
    const typed = 'Survivors in Thunder Bay wait six weeks for a safe bed.';
    await need.fill(typed);
    await endSessions(owner);
    await page.getByRole('button', { name: 'Save and continue' }).click();

    // Off to sign in, told that what was typed is kept.
    await page.waitForURL(/\/sign-in\?/);
    expect(new URL(page.url()).searchParams.get('next')).toBe(section);
    expect(await textOf(page, '.ontario-alert')).toContain('what you typed is not saved yet. It is kept for you');

    // Someone else signing in on this browser lands on the same form, as it was saved: not the text.
    await signIn(page, colleague);
    expect(new URL(page.url()).pathname).toBe(section);
    await expect(need.inputValue()).resolves.toBe('');
    await expect(page.locator('.ontario-alert').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The person who typed it finds it there, to review and save; nothing is saved until then.
    await page.goto(`/sign-in?next=${encodeURIComponent(section)}`);
    await signIn(page, owner);
    expect(new URL(page.url()).pathname).toBe(section);
    await expect(need.inputValue()).resolves.toBe(typed);
    expect(await textOf(page, '.ontario-alert')).toBe('You were signed out. What you typed is filled in below; save it to keep it.');
    await expect(savedNeed(owner, id)).resolves.toBeUndefined();
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await page.waitForURL((url) => url.pathname !== section);
    await expect(savedNeed(owner, id)).resolves.toBe(typed);

    // Given back once: the form shows what is saved now, without the notice.
    await page.goto(section);
    await expect(page.locator('.ontario-alert').count()).resolves.toBe(0);
    await expect(need.inputValue()).resolves.toBe(typed);
    await page.close();
  }, 60_000);

  it('without JavaScript, signed out in another tab: the browser keeps the form for the next sign-in there', async () => {
    const { owner, id, section } = await draftWithColleague('en');
    const page = await newPage(browser, baseUrl, { javaScript: false });
    await page.goto(`/sign-in?next=${encodeURIComponent(section)}`);
    await signIn(page, owner);
    const typed = 'Two counsellors, one of them fluent in Oji-Cree.';
    await page.getByLabel(/What need does it meet/).fill(typed);
    const otherTab = await page.context().newPage();
    await otherTab.goto('/applications');
    await otherTab.getByRole('button', { name: 'Sign out' }).click();
    await otherTab.waitForURL(/notice=signed-out/);

    await page.getByRole('button', { name: 'Save and go back to the list' }).click();
    await page.waitForURL(/\/sign-in\?.*notice=kept/);
    await signIn(page, owner);
    await expect(page.getByLabel(/What need does it meet/).inputValue()).resolves.toBe(typed);
    await expect(savedNeed(owner, id)).resolves.toBeUndefined();
    await page.close();
  }, 60_000);

  it('without JavaScript, a reviewer’s scores typed when the session ended are back on the scoring form after signing in', async () => {
    const { owner, id } = await draftWithColleague('en');
    await submitted(owner, id);
    await api().post(`/api/v1/applications/${id}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete' }).expect(200);
    const reviewer = await signedInUser(app, ['reviewer']);
    const assignment = (await api().post(`/api/v1/applications/${id}/assignments`).set(officer.auth).send({ reviewerId: reviewer.id }).expect(201)).body.id as string;
    await api().post(`/api/v1/assignments/${assignment}/conflict`).set(reviewer.auth).send({ conflict: false }).expect(200);

    const page = await newPage(browser, baseUrl, { javaScript: false });
    await page.goto(`/sign-in?next=${encodeURIComponent(`/reviews/${assignment}`)}`);
    await signIn(page, reviewer);
    await page.getByLabel('Score for “Need”').fill('8');
    await page.getByLabel('Comment on “Need”').fill('A clear, documented need.');
    await endSessions(reviewer);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/sign-in\?.*notice=kept/);
    await signIn(page, reviewer);
    expect(new URL(page.url()).pathname).toBe(`/reviews/${assignment}`);
    await expect(page.getByLabel('Score for “Need”').inputValue()).resolves.toBe('8');
    await expect(page.getByLabel('Comment on “Need”').inputValue()).resolves.toBe('A clear, documented need.');
    expect(await textOf(page, '.ontario-alert')).toBe('You were signed out. What you typed is filled in below; save it to keep it.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/notice=saved/);
    const saved = (await api().get('/api/v1/assignments').set(reviewer.auth).expect(200)).body as Array<{ id: string; scores: Array<{ criterionKey: string; score: number }> }>;
    expect(saved.find((candidate) => candidate.id === assignment)?.scores).toEqual([expect.objectContaining({ criterionKey: 'need', score: 8 })]);
    await page.close();
  }, 60_000);

  it('without JavaScript, every form where people write: an organization’s profile, a part of a call in the editor, the officer’s screening on a page of several forms', async () => {
    const { owner, id, organizationId } = await draftWithColleague('en');
    await submitted(owner, id);
    const draftCall = (await api().post('/api/v1/calls').set(officer.auth).send(callBody()).expect(201)).body.id as string;
    const page = await newPage(browser, baseUrl, { javaScript: false });

    /** Signed in on the form, the person types, the session ends, the form is sent: signing in again leads back to it, saying what was typed is filled in. */
    async function typedOverSignIn(user: TestUser, path: string, type: () => Promise<void>, button: string): Promise<void> {
      await page.goto(`/sign-in?next=${encodeURIComponent(path)}`);
      await signIn(page, user);
      await type();
      await endSessions(user);
      await page.getByRole('button', { name: button, exact: true }).click();
      await page.waitForURL(/\/sign-in\?.*notice=kept/);
      await signIn(page, user);
      expect(new URL(page.url()).pathname).toBe(path);
      expect(await textOf(page, '.ontario-alert')).toBe('You were signed out. What you typed is filled in below; save it to keep it.');
    }

    const operatingName = page.getByLabel('Operating name (optional)');
    await typedOverSignIn(owner, `/organizations/${organizationId}`, () => operatingName.fill('Safe Harbour North'), 'Save changes');
    await expect(operatingName.inputValue()).resolves.toBe('Safe Harbour North');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/notice=saved/);
    await expect(api().get(`/api/v1/organizations/${organizationId}`).set(owner.auth).expect(200).then((response) => response.body.operatingName)).resolves.toBe('Safe Harbour North');
    await page.getByRole('button', { name: 'Sign out' }).click();

    const description = page.getByLabel('Description in English');
    const typed = 'Services for survivors of trafficking, in Thunder Bay and Kenora.';
    await typedOverSignIn(officer, `/officer/calls/${draftCall}/edit/basics`, () => description.fill(typed), 'Save and return to the call');
    await expect(description.inputValue()).resolves.toBe(typed);
    await page.getByRole('button', { name: 'Save and return to the call' }).click();
    await page.waitForURL(/notice=saved-basics/);
    await expect(api().get(`/api/v1/calls/${draftCall}`).set(officer.auth).expect(200).then((response) => response.body.description.en)).resolves.toBe(typed);

    const reason = page.getByLabel('Reason', { exact: true });
    const eligible = page.getByLabel('Eligible: it goes to review');
    const type = async () => {
      await page.getByText('Eligible: it goes to review', { exact: true }).click();
      await reason.fill('Complete, and within the call’s rules.');
    };
    await typedOverSignIn(officer, `/officer/applications/${id}`, type, 'Record the screening');
    await expect(reason.inputValue()).resolves.toBe('Complete, and within the call’s rules.');
    await expect(eligible.isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Record the screening' }).click();
    await page.waitForURL(/notice=eligible/);
    await page.close();
  }, 60_000);

  it('keeps nothing another site sends: neither a form from elsewhere nor one without its CSRF token', async () => {
    const { section } = await draftWithColleague('en');
    const kept = async () => ((await app.get(DataSource).query(`SELECT count(*)::int AS n FROM kept_form WHERE form_path = $1`, [section])) as Array<{ n: number }>)[0]!.n;
    const toSignIn = `/sign-in?next=${encodeURIComponent(section)}`;
    const crossSite = await api().post(section).set('Sec-Fetch-Site', 'cross-site').type('form').send({ 'answer-need': 'Made up elsewhere' }).expect(303);
    expect(crossSite.headers.location).toBe(toSignIn);
    const withoutToken = await api().post(section).set('Cookie', 'grants_session=ended').type('form').send({ 'answer-need': 'Made up elsewhere' }).expect(303);
    expect(withoutToken.headers.location).toBe(`${toSignIn}&notice=expired`);
    await expect(kept()).resolves.toBe(0);
  });

  it('with JavaScript (in French): an autosave after the end keeps the text in the tab, says so with a way to sign in, and after signing in it is filled in again and saved', async () => {
    const { owner, colleague, id, section } = await draftWithColleague('fr');
    const page = await newPage(browser, baseUrl, { locale: 'fr' });
    await page.goto(`/sign-in?next=${encodeURIComponent(section)}`);
    await signIn(page, owner);
    const need = page.getByLabel(/À quel besoin répond-il/);
    await need.fill('Un premier jet.');
    await page.locator('#autosave-status', { hasText: 'Enregistré à' }).waitFor();
    // Written as the server writes times: "9 h 05", without a leading zero.
    expect(await textOf(page, '#autosave-status')).toMatch(/^Enregistré à ([0-9]|1[0-9]|2[0-3]) h [0-5][0-9]$/);

    await endSessions(owner);
    const typed = 'Les survivantes attendent six semaines un lit sécuritaire.';
    await need.fill(typed);
    await page.locator('#autosave-status', { hasText: 'Votre session a pris fin' }).waitFor();
    await expectAccessible(page, 'told that the session ended');
    await page.getByRole('link', { name: 'Reconnectez-vous pour l’enregistrer' }).click();
    await page.waitForURL(/\/sign-in\?/);
    await expectAccessible(page, 'sign-in, with what was typed kept');

    // Another account signing in in this tab does not see it (and it is dropped).
    await signIn(page, colleague);
    expect(new URL(page.url()).pathname).toBe(section);
    await expect(need.inputValue()).resolves.toBe('Un premier jet.');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).resolves.toBe(0);

    // The typing is kept for the session's owner again (autosave after the end, then the button sends the form: the server keeps it).
    await page.goto(`/sign-in?next=${encodeURIComponent(section)}`);
    await signIn(page, owner);
    await need.fill(typed);
    await page.locator('#autosave-status', { hasText: 'Enregistré à' }).waitFor();
    await endSessions(owner);
    await need.fill(`${typed} Et plus.`);
    await page.locator('#autosave-status', { hasText: 'Votre session a pris fin' }).waitFor();
    await page.getByRole('link', { name: 'Reconnectez-vous pour l’enregistrer' }).click();
    await signIn(page, owner);
    expect(new URL(page.url()).pathname).toBe(section);
    await expect(need.inputValue()).resolves.toBe(`${typed} Et plus.`);
    expect(await textOf(page, '.ontario-alert')).toBe('Vous avez été déconnecté(e). Ce que vous aviez saisi figure ci-dessous; enregistrez-le pour le conserver.');
    await expectAccessible(page, 'filled in again from the tab');
    await expect(savedNeed(owner, id)).resolves.toBe(typed);

    // Saved like any typing, and then the tab's copy is gone.
    await need.press('End');
    await need.pressSequentially('!');
    await page.locator('#autosave-status', { hasText: 'Enregistré à' }).waitFor();
    await expect(savedNeed(owner, id)).resolves.toBe(`${typed} Et plus.!`);
    await page.reload();
    await expect(page.locator('.ontario-alert').count()).resolves.toBe(0);

    // With JavaScript too, a form sent with its button after the end is kept by the server.
    await endSessions(owner);
    await need.fill('Envoyé avec le bouton.');
    await page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
    await page.waitForURL(/\/sign-in\?.*notice=kept/);
    await signIn(page, owner);
    await expect(need.inputValue()).resolves.toBe('Envoyé avec le bouton.');
    await expect(page.locator('.ontario-alert').count()).resolves.toBe(1);
    await page.close();
  }, 90_000);
});
