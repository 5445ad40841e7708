import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ILIF_FUND_ID } from '../../migrations/1795428000000-Intake';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage } from '../support/browser';
import { acceptDataSharing, callBody, organizationFor, PDF } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const ANSWERS = { need: 'Transitional housing', people_served: 40 };
const BUDGET = [{ fiscalYear: '2027-28', category: 'personnel', description: 'Outreach worker', amountCents: 7_250_050 }];
const ILIF = { fundId: ILIF_FUND_ID, eligibility: { organizationTypes: ['first_nation'], regions: null, indigenousLedRequired: true } };

describe('access that ends: disabled accounts, removed roles and panels', () => {
  // Its own database, so that the reviewer pool and the administrators are exactly the ones made here.
  let app: INestApplication;
  let worker: INestApplicationContext;
  let admin: TestUser;
  let officer: TestUser;
  const mailbox = new Mailbox();
  const api = () => request(app.getHttpServer());
  const login = (email: string, password = TEST_PASSWORD) => api().post('/api/v1/auth/login').send({ email, password });

  beforeAll(async () => {
    const config = testConfig(await isolatedEnvironment('access_ends'));
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
    admin = await signedInUser(app, ['admin']);
    officer = await signedInUser(app, ['officer']);
  });
  afterAll(async () => {
    await Promise.all([app?.close(), worker?.close()]);
  });

  /** A published call with one application in review; answers the application's id. */
  async function applicationInReview(call: Record<string, unknown>, organization: Record<string, unknown> = {}): Promise<{ callId: string; applicationId: string }> {
    const submitted = await submittedApplication(call, organization);
    await api().post(`/api/v1/applications/${submitted.applicationId}/screening`).set(officer.auth).send({ outcome: 'eligible', reason: 'Complete' }).expect(200);
    return submitted;
  }

  /** A published call with one application submitted and not yet screened, and its organization's first owner. */
  async function submittedApplication(call: Record<string, unknown>, organization: Record<string, unknown> = {}): Promise<{ callId: string; applicationId: string; organizationId: string; applicant: TestUser }> {
    const created = await api().post('/api/v1/calls').set(officer.auth).send(callBody({ reviewersPerApplication: 1, ...call })).expect(201);
    await api().post(`/api/v1/calls/${created.body.id}/publish`).set(officer.auth).expect(200);
    const applicant = await signedInUser(app);
    const org = await api().post('/api/v1/organizations').set(applicant.auth).send(organizationFor(applicant, organization)).expect(201);
    if (org.body.indigenousLed) await acceptDataSharing(app, org.body.id as string, applicant);
    const draft = await api().post(`/api/v1/calls/${created.body.id}/applications`).set(applicant.auth).send({ organizationId: org.body.id }).expect(201);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(applicant.auth).send({ version: 1, title: 'Safe homes', summary: 'Housing and outreach.', answers: ANSWERS, budget: BUDGET }).expect(200);
    await api().post(`/api/v1/applications/${draft.body.id}/attachments`).set(applicant.auth).field('key', 'financial_statements').attach('file', PDF, 'fs.pdf').expect(201);
    await api().post(`/api/v1/applications/${draft.body.id}/submit`).set(applicant.auth).expect(200);
    return { callId: created.body.id as string, applicationId: draft.body.id as string, organizationId: org.body.id as string, applicant };
  }

  async function openReviewersOf(applicationId: string): Promise<string[]> {
    const rows = (await app.get(DataSource).query(`SELECT reviewer_id FROM review_assignment WHERE application_id = $1 AND status = 'assigned'`, [applicationId])) as Array<{ reviewer_id: string }>;
    return rows.map((row) => row.reviewer_id);
  }

  async function reassignments(applicationId: string): Promise<Array<Record<string, unknown>>> {
    const rows = (await app.get(DataSource).query(`SELECT details FROM audit_event WHERE action = 'assignment.reassigned' AND details->>'applicationId' = $1 ORDER BY occurred_at`, [applicationId])) as Array<{ details: Record<string, unknown> }>;
    return rows.map((row) => row.details);
  }

  it('disables an account: its token is refused at once, sign-in says so only to the right password, and its open review goes to another reviewer', async () => {
    const first = await signedInUser(app, ['reviewer'], { locale: 'fr' });
    const second = await signedInUser(app, ['reviewer']);
    const { callId, applicationId } = await applicationInReview({});
    await api().post(`/api/v1/calls/${callId}/assignments/auto`).set(officer.auth).expect(200);
    const [assigned] = await openReviewersOf(applicationId);
    const [holder, other] = assigned === first.id ? [first, second] : [second, first];
    await api().get('/api/v1/assignments').set(holder.auth).expect(200);

    const disabled = await api().post(`/api/v1/users/${holder.id}/disable`).set(admin.auth).expect(200);
    expect(disabled.body).toMatchObject({ id: holder.id, disabledAt: expect.any(String) });

    await api().get('/api/v1/assignments').set(holder.auth).expect(401);
    expect((await login(holder.email).expect(403)).body).toMatchObject({ code: 'ACCOUNT_DISABLED' });
    expect((await login(holder.email, 'not the password at all').expect(401)).body.code).toBe('INVALID_CREDENTIALS');

    expect(await openReviewersOf(applicationId)).toEqual([other.id]);
    expect(await reassignments(applicationId)).toEqual([{ applicationId, fromReviewerId: holder.id, toReviewerId: other.id, needsReviewer: false }]);
    const [reviewAssigned] = await mailbox.waitFor(other.email);
    expect(reviewAssigned!.subject).toMatch(/CBSF-/);
    const notices = await mailbox.waitFor(holder.email, { count: 2 });
    expect(notices.map((message) => message.subject)).toContain(holder === first ? 'Votre compte a été désactivé' : 'Your account has been disabled');

    // Disabling again changes nothing; a password reset does not let the person back in.
    await api().post(`/api/v1/users/${holder.id}/disable`).set(admin.auth).expect(200);
    const events = (await app.get(DataSource).query(`SELECT action FROM audit_event WHERE entity_id = $1 AND action LIKE 'user.%abled'`, [holder.id])) as unknown[];
    expect(events).toEqual([{ action: 'user.disabled' }]);
    await api().post('/api/v1/auth/password-reset').send({ email: holder.email }).expect((response) => expect(response.status).toBeLessThan(300));
    await login(holder.email).expect(403);

    await api().post(`/api/v1/users/${holder.id}/enable`).set(admin.auth).expect(200);
    const signedIn = await login(holder.email).expect(200);
    await api().get('/api/v1/me').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);
    // The review stays with the reviewer who has it now.
    expect(await openReviewersOf(applicationId)).toEqual([other.id]);
  });

  it('removes ILIF panel membership: the ILIF review goes to another panelist, and automatic assignment no longer picks the person', async () => {
    const panelists = await Promise.all([1, 2].map(() => signedInUser(app, ['reviewer'], { panels: ['ILIF'] })));
    const { callId, applicationId } = await applicationInReview(ILIF, { legalName: 'Nishnawbe Healing Lodge', type: 'first_nation', indigenousLed: true });
    await api().post(`/api/v1/calls/${callId}/assignments/auto`).set(officer.auth).expect(200);
    const [assigned] = await openReviewersOf(applicationId);
    const [holder, other] = assigned === panelists[0]!.id ? [panelists[0]!, panelists[1]!] : [panelists[1]!, panelists[0]!];

    const removed = await api().delete(`/api/v1/users/${holder.id}/panels/ILIF`).set(admin.auth).expect(200);
    expect(removed.body).toMatchObject({ roles: ['applicant', 'reviewer'], panels: [] });
    expect(await openReviewersOf(applicationId)).toEqual([other.id]);
    const [notice] = (await mailbox.waitFor(holder.email, { count: 2 })).filter((message) => message.subject === 'A responsibility was removed from your account');
    expect(notice!.text).toContain('removed you from the Indigenous review panel');

    // The other panelist loses the panel too: nobody fits, so the application is left short for the officer.
    await api().delete(`/api/v1/users/${other.id}/panels/ILIF`).set(admin.auth).expect(200);
    expect(await openReviewersOf(applicationId)).toEqual([]);
    expect((await reassignments(applicationId)).at(-1)).toEqual({ applicationId, fromReviewerId: other.id, toReviewerId: null, needsReviewer: true });
    const again = await api().post(`/api/v1/calls/${callId}/assignments/auto`).set(officer.auth).expect(200);
    expect(again.body).toMatchObject({ created: 0, shortfalls: [{ applicationId, missing: 1 }] });
    const byHand = await api().post(`/api/v1/applications/${applicationId}/assignments`).set(officer.auth).send({ reviewerId: holder.id }).expect(422);
    expect(byHand.body.code).toBe('REVIEWER_NOT_ELIGIBLE');

    // Still a reviewer: a CBSF application may go to them.
    await api().get('/api/v1/assignments').set(holder.auth).expect(200);
  });

  it('removes the reviewer role: it ends at once and the open review goes to another reviewer', async () => {
    const { callId, applicationId } = await applicationInReview({});
    await api().post(`/api/v1/calls/${callId}/assignments/auto`).set(officer.auth).expect(200);
    const [holderId] = await openReviewersOf(applicationId);
    const [holderEmail] = ((await app.get(DataSource).query(`SELECT email FROM user_account WHERE id = $1`, [holderId])) as Array<{ email: string }>).map((row) => row.email);
    const holderToken = (await login(holderEmail!).expect(200)).body.accessToken as string;

    await api().delete(`/api/v1/users/${holderId}/roles/reviewer`).set(admin.auth).expect(200);
    await api().get('/api/v1/assignments').set('Authorization', `Bearer ${holderToken}`).expect(403);
    const [next] = await openReviewersOf(applicationId);
    expect(next).toBeDefined();
    expect(next).not.toBe(holderId);
    expect(await reassignments(applicationId)).toEqual([{ applicationId, fromReviewerId: holderId, toReviewerId: next, needsReviewer: false }]);

    await api().delete(`/api/v1/users/${holderId}/roles/applicant`).set(admin.auth).expect(400);
  });

  it('never leaves the office without an administrator, and an administrator cannot disable themself', async () => {
    const self = await api().post(`/api/v1/users/${admin.id}/disable`).set(admin.auth).expect(409);
    expect(self.body).toMatchObject({ code: 'CANNOT_DISABLE_SELF', message: expect.any(String) });
    const ownRole = await api().delete(`/api/v1/users/${admin.id}/roles/admin`).set(admin.auth).expect(409);
    expect(ownRole.body).toMatchObject({ code: 'CANNOT_CHANGE_SELF', message: expect.any(String) });
    await api().post(`/api/v1/users/${officer.id}/disable`).set(officer.auth).expect(403);

    const second = await signedInUser(app, ['admin']);
    await api().delete(`/api/v1/users/${second.id}/roles/admin`).set(admin.auth).expect(200);
    await api().get('/api/v1/users').set(second.auth).expect(403);
    await login(admin.email).expect(200);
  });

  it('refuses an administrator who grants roles to their own account, so that no administrator makes themself an officer', async () => {
    const { applicationId } = await submittedApplication({});
    const self = await api().post('/api/v1/users').set(admin.auth).send({ email: admin.email.toUpperCase(), name: 'Me again', roles: ['officer'], panels: ['ILIF'] }).expect(409);
    expect(self.body).toMatchObject({ code: 'CANNOT_CHANGE_SELF', message: expect.stringContaining('another administrator') });
    expect((await api().get('/api/v1/me').set(admin.auth).expect(200)).body).toMatchObject({ roles: ['applicant', 'admin'], panels: [] });
    expect((await api().get(`/api/v1/applications/${applicationId}`).set(admin.auth).expect(403)).body.code).toBe('ADMIN_NO_CONTENT');
    await api().delete(`/api/v1/users/${admin.id}/panels/ILIF`).set(admin.auth).expect(409, /CANNOT_CHANGE_SELF/);
    // Another administrator may still make this one an officer.
    const other = await signedInUser(app, ['admin']);
    await api().post('/api/v1/users').set(other.auth).send({ email: admin.email, name: 'Admin', roles: ['officer'] }).expect(201);
    await api().delete(`/api/v1/users/${admin.id}/roles/officer`).set(other.auth).expect(200);
  });

  it('sends a disabled member no more email about the organization, while the other members hear of it', async () => {
    const { applicationId, organizationId, applicant } = await submittedApplication({});
    const colleague = await signedInUser(app);
    await app.get(DataSource).query(`INSERT INTO organization_member (organization_id, user_id, role) VALUES ($1, $2, 'editor')`, [organizationId, colleague.id]);
    await api().post(`/api/v1/users/${colleague.id}/disable`).set(admin.auth).expect(200);
    const [disabledNotice] = await mailbox.waitFor(colleague.email);
    expect(disabledNotice!.subject).toBe('Your account has been disabled');

    await api()
      .post(`/api/v1/applications/${applicationId}/information-requests`)
      .set(officer.auth)
      .send({ message: 'Please attach your audited statements.', respondBy: new Date(Date.now() + 3 * 24 * 3600_000).toISOString() })
      .expect(200);
    const toApplicant = await mailbox.waitFor(applicant.email, { count: 2 });
    expect(toApplicant.map((message) => message.subject)).toContainEqual(expect.stringMatching(/^More information needed/));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await mailbox.messagesTo(colleague.email)).map((message) => message.subject)).toEqual(['Your account has been disabled']);
  });

  it('takes away a reviewer’s reading of the ILIF applications they reviewed once they leave the panel, and of every application with the reviewer role', async () => {
    const panelist = await signedInUser(app, ['reviewer'], { panels: ['ILIF'] });
    const { applicationId } = await applicationInReview(ILIF, { legalName: 'Wiikwemkoong Family Lodge', type: 'first_nation', indigenousLed: true });
    await api().post(`/api/v1/applications/${applicationId}/assignments`).set(officer.auth).send({ reviewerId: panelist.id }).expect(201);
    const [assignment] = (await api().get('/api/v1/assignments').set(panelist.auth).expect(200)).body.filter((item: { applicationId: string }) => item.applicationId === applicationId);
    await api().post(`/api/v1/assignments/${assignment.id}/conflict`).set(panelist.auth).send({ conflict: false }).expect(200);
    await api()
      .put(`/api/v1/assignments/${assignment.id}/scores`)
      .set(panelist.auth)
      .send({ scores: [{ criterionKey: 'need', score: 8, comment: 'Clear need' }, { criterionKey: 'capacity', score: 4, comment: 'Able team' }], overallComment: 'Read in full' })
      .expect(200);
    await api().post(`/api/v1/assignments/${assignment.id}/submit`).set(panelist.auth).expect(200);
    await api().get(`/api/v1/applications/${applicationId}`).set(panelist.auth).expect(200);

    await api().delete(`/api/v1/users/${panelist.id}/panels/ILIF`).set(admin.auth).expect(200);
    // The submitted review is not open work, so it stays; reading the application does not.
    expect((await app.get(DataSource).query(`SELECT status FROM review_assignment WHERE id = $1`, [assignment.id])) as unknown[]).toEqual([{ status: 'submitted' }]);
    expect((await api().get(`/api/v1/applications/${applicationId}`).set(panelist.auth).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await api().get('/api/v1/assignments').set(panelist.auth).expect(200)).body.map((item: { applicationId: string }) => item.applicationId)).not.toContain(applicationId);
    // Back on the panel, the reviewer reads it again; without the reviewer role, nothing.
    await api().post('/api/v1/users').set(admin.auth).send({ email: panelist.email, name: 'Panelist', roles: ['reviewer'], panels: ['ILIF'] }).expect(201);
    await api().get(`/api/v1/applications/${applicationId}`).set(panelist.auth).expect(200);
    await api().delete(`/api/v1/users/${panelist.id}/roles/reviewer`).set(admin.auth).expect(200);
    await api().get(`/api/v1/applications/${applicationId}`).set(panelist.auth).expect(404);
  });

  /** A browser without JavaScript: an agent keeping cookies, signing in through the page's form. */
  async function webSignIn(user: TestUser, next: string): Promise<{ browser: ReturnType<typeof request.agent>; answer: request.Response }> {
    const browser = request.agent(app.getHttpServer());
    const answer = await postPage(browser, `/sign-in?next=${encodeURIComponent(next)}`, '/sign-in', { email: user.email, password: TEST_PASSWORD, next });
    return { browser, answer };
  }

  /** Opens a page and posts its form with the page's CSRF token, as a person pressing its button does. */
  async function postPage(browser: ReturnType<typeof request.agent>, pagePath: string, action: string, fields: Record<string, string> = {}): Promise<request.Response> {
    const page = await browser.get(pagePath).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`${pagePath} has no form`);
    return browser.post(action).type('form').send({ ...fields, _csrf: token });
  }

  it('ends the web session of a disabled account: the next page load asks to sign in, and sign-in says the account is disabled until it is enabled', async () => {
    const reviewer = await signedInUser(app, ['reviewer']);
    const { browser, answer } = await webSignIn(reviewer, '/reviews');
    expect(answer.status).toBe(303);
    await browser.get('/reviews').expect(200);

    await api().post(`/api/v1/users/${reviewer.id}/disable`).set(admin.auth).expect(200);
    const ended = await browser.get('/reviews').expect(303);
    expect(ended.headers.location).toMatch(/^\/sign-in/);

    const refused = await webSignIn(reviewer, '/reviews');
    expect(refused.answer.status).toBeGreaterThanOrEqual(400);
    expect(refused.answer.text).toContain('This account has been disabled');

    await api().post(`/api/v1/users/${reviewer.id}/enable`).set(admin.auth).expect(200);
    const again = await webSignIn(reviewer, '/reviews');
    expect(again.answer.status).toBe(303);
    await again.browser.get('/reviews').expect(200);
  });

  it('lets an administrator disable an account and remove a panel from its page, each after a confirmation, and refuses disabling themself there', async () => {
    const panelist = await signedInUser(app, ['reviewer'], { panels: ['ILIF'], name: 'Aiyana Whitecloud' });
    const { browser } = await webSignIn(admin, '/admin/staff');
    const list = await browser.get('/admin/staff').expect(200);
    expect(list.text).toContain(`href="/admin/staff/${panelist.id}"`);

    const account = await browser.get(`/admin/staff/${panelist.id}`).expect(200);
    expect(account.text).toContain('Remove from the panel: Indigenous review panel (ILIF)');
    const confirmPanel = `/admin/staff/${panelist.id}/confirm?action=panel&value=ILIF`;
    expect(account.text).toContain(confirmPanel.replace('&', '&amp;'));
    const removed = await postPage(browser, confirmPanel, `/admin/staff/${panelist.id}/panels/ILIF/remove`);
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe(`/admin/staff/${panelist.id}?notice=panelRemoved`);
    expect((await browser.get(removed.headers.location).expect(200)).text).toContain('The panel membership is removed. We emailed the person.');

    const confirmDisable = await browser.get(`/admin/staff/${panelist.id}/confirm?action=disable`).expect(200);
    expect(confirmDisable.text).toContain('Disable the account of Aiyana Whitecloud?');
    const disabled = await postPage(browser, `/admin/staff/${panelist.id}/confirm?action=disable`, `/admin/staff/${panelist.id}/disable`);
    expect(disabled.headers.location).toBe(`/admin/staff/${panelist.id}?notice=disabled`);
    await login(panelist.email).expect(403);
    expect((await browser.get('/admin/staff').expect(200)).text).toMatch(new RegExp(`${panelist.email}</td>(?:(?!</tr>)[\\s\\S])*>Disabled</td>`));
    expect((await browser.get(`/admin/staff/${panelist.id}`).expect(200)).text).toContain('Enable the account');

    const self = await postPage(browser, `/admin/staff/${admin.id}/confirm?action=disable`, `/admin/staff/${admin.id}/disable`);
    expect(self.status).toBe(409);
    expect(self.text).toContain('You cannot disable your own account. Ask another administrator.');
    await browser.get(`/admin/staff/${panelist.id}/confirm?action=role&value=applicant`).expect(404);
  });

  it('asks before removing a role, on pages that pass axe in English and French (Chromium)', async () => {
    const officerToBe = await signedInUser(app, ['officer', 'reviewer'], { name: 'Marie Tremblay' });
    const browser = await launchBrowser();
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    try {
      for (const locale of ['en', 'fr'] as const) {
        const page = await newPage(browser, baseUrl, { locale });
        page.setDefaultTimeout(10_000);
        try {
          await page.goto(`/sign-in?next=${encodeURIComponent(`/admin/staff/${officerToBe.id}`)}`);
          await page.locator('#email').fill(admin.email);
          await page.locator('#password').fill(TEST_PASSWORD);
          await page.locator('form[action="/sign-in"] button[type=submit]').click();
          await page.waitForURL(`${baseUrl}/admin/staff/${officerToBe.id}`);
          if (locale === 'fr') {
            await page.getByRole('link', { name: 'Afficher cette page en français' }).click();
            await page.waitForURL(`${baseUrl}/admin/staff/${officerToBe.id}`);
          }
          await expectAccessible(page, `account page, ${locale}`);
          // English removes the reviewer role; French only looks at removing the officer role.
          await page.getByRole('link', { name: locale === 'en' ? 'Remove the role: Reviewer' : 'Retirer le rôle : Agente ou agent des fonds' }).click();
          expect(await page.locator('h1').textContent()).toBe(locale === 'en' ? 'Remove the role “Reviewer” from Marie Tremblay?' : 'Retirer le rôle «\u00a0Agente ou agent des fonds\u00a0» à Marie Tremblay?');
          await expectAccessible(page, `confirmation, ${locale}`);
          if (locale === 'en') {
            await page.getByRole('button', { name: 'Remove the role' }).click();
            await page.waitForURL(`${baseUrl}/admin/staff/${officerToBe.id}?notice=roleRemoved`);
            expect(await page.locator('[role=status]').first().textContent()).toContain('The role is removed.');
            await expectAccessible(page, 'account page after removing a role');
          }
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
    const [row] = (await app.get(DataSource).query(`SELECT roles FROM user_account WHERE id = $1`, [officerToBe.id])) as Array<{ roles: string[] }>;
    expect(row!.roles).toEqual(['applicant', 'officer']);
  });
});
