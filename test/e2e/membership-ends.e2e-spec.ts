import { AddressInfo } from 'node:net';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, uniqueEmail } from '@grants/testing';
import { Browser, Page } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { translator } from '../../apps/api/src/web/i18n/i18n';
import { signedInUser, TEST_PASSWORD, TestUser } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { expectAccessible, launchBrowser, newPage, PageLocale } from '../support/browser';
import { organizationFor, publishedCall } from '../support/calls';

const mailbox = new Mailbox();
const LIMIT = 3;

const profile = (legalName: string) => ({
  legalName,
  type: 'non_profit',
  region: 'east',
  address: { line1: '80 Rideau Street', city: 'Ottawa', postalCode: 'K1N 5M1' },
  indigenousLed: false,
  preferredLanguage: 'en',
});

describe('membership that ends, invitations that are limited', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  const api = () => request(app.getHttpServer());
  const auditOf = (organizationId: string): Promise<Array<{ action: string; actor_id: string; details: Record<string, unknown> }>> =>
    app.get(DataSource).query(`SELECT action, actor_id, details FROM audit_event WHERE entity_id = $1 AND action LIKE 'organization.%' ORDER BY seq`, [organizationId]);

  beforeAll(async () => {
    const config = testConfig({ INVITATIONS_PER_ORGANIZATION_PER_DAY: String(LIMIT) });
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  async function organizationOf(owner: TestUser, legalName = 'Maison Passage'): Promise<string> {
    return (await api().post('/api/v1/organizations').set(owner.auth).send(organizationFor(owner, profile(legalName))).expect(201)).body.id as string;
  }

  /** Invited by the owner, the person accepts: a member with that role. */
  async function join(organizationId: string, owner: TestUser, role: 'owner' | 'editor', options: { locale?: 'en' | 'fr'; name?: string } = {}): Promise<TestUser> {
    const member = await signedInUser(app, ['applicant'], options);
    const invited = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: member.email, role }).expect(201);
    await api().post(`/api/v1/invitations/${invited.body.id}/accept`).set(member.auth).expect(200);
    return member;
  }

  it('lets an owner remove an editor, who loses the organization and its application at once and is told by email', async () => {
    const owner = await signedInUser(app, ['applicant'], { name: 'Odile Owner' });
    const organizationId = await organizationOf(owner, 'Maison Passage');
    const editor = await join(organizationId, owner, 'editor', { name: 'Eddie Editor' });
    const callId = await publishedCall(app, await signedInUser(app, ['officer']));
    const draft = await api().post(`/api/v1/calls/${callId}/applications`).set(editor.auth).send({ organizationId }).expect(201);
    await api().get(`/api/v1/applications/${draft.body.id}`).set(editor.auth).expect(200);

    const refused = await api().delete(`/api/v1/organizations/${organizationId}/members/${owner.id}`).set(editor.auth).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const stranger = await signedInUser(app);
    const hidden = await api().delete(`/api/v1/organizations/${organizationId}/members/${editor.id}`).set(stranger.auth).expect(404);
    expect(hidden.body).toMatchObject({ code: 'NOT_FOUND', message: 'Organization not found' });

    await api().delete(`/api/v1/organizations/${organizationId}/members/${editor.id}`).set(owner.auth).expect(204);

    await api().get(`/api/v1/applications/${draft.body.id}`).set(editor.auth).expect(404);
    await api().patch(`/api/v1/applications/${draft.body.id}`).set(editor.auth).send({ version: 1, title: 'Still mine?' }).expect(404);
    await api().get(`/api/v1/organizations/${organizationId}`).set(editor.auth).expect(404);
    expect((await api().get('/api/v1/applications').set(editor.auth).expect(200)).body.items).toEqual([]);
    expect((await api().get('/api/v1/me').set(editor.auth).expect(200)).body.organizations).toEqual([]);
    await api().get(`/api/v1/applications/${draft.body.id}`).set(owner.auth).expect(200);
    const again = await api().delete(`/api/v1/organizations/${organizationId}/members/${editor.id}`).set(owner.auth).expect(404);
    expect(again.body.code).toBe('MEMBER_NOT_FOUND');

    const [ended] = await mailbox.waitFor(editor.email, { count: 2 }).then((messages) => messages.filter((message) => message.subject.startsWith('You are no longer')));
    expect(ended!.subject).toBe('You are no longer a member of Maison Passage');
    expect(ended!.text).toContain('An owner of Maison Passage removed you from the organization.');
    expect((await auditOf(organizationId)).at(-1)).toEqual({
      action: 'organization.member_removed',
      actor_id: owner.id,
      details: { userId: editor.id, role: 'editor', invitationsWithdrawn: 0 },
    });
  });

  it('lets a member leave and tells the owners; the last owner cannot leave, and what the leaver sent no longer opens the door', async () => {
    const founder = await signedInUser(app, ['applicant'], { locale: 'fr' });
    const organizationId = await organizationOf(founder, 'Refuge Boréal');
    const alone = await api().delete(`/api/v1/organizations/${organizationId}/members/${founder.id}`).set(founder.auth).expect(409);
    expect(alone.body.code).toBe('LAST_OWNER');

    const partner = await join(organizationId, founder, 'owner', { name: 'Pat Partner' });
    const friend = await signedInUser(app);
    const sent = await api().post(`/api/v1/organizations/${organizationId}/members`).set(partner.auth).send({ email: friend.email, role: 'owner' }).expect(201);

    await api().delete(`/api/v1/organizations/${organizationId}/members/${partner.id}`).set(partner.auth).expect(204);

    await api().get(`/api/v1/organizations/${organizationId}`).set(partner.auth).expect(404);
    await api().post(`/api/v1/invitations/${sent.body.id}/accept`).set(friend.auth).expect(404);
    const [left] = (await mailbox.waitFor(partner.email, { count: 2 })).filter((message) => message.subject.startsWith('You are no longer'));
    expect(left!.text).toContain('You left Refuge Boréal.');
    const [departed] = (await mailbox.waitFor(founder.email, { count: 1 })).filter((message) => message.subject.includes('a quitté'));
    expect(departed!.subject).toBe('Pat Partner a quitté Refuge Boréal');
    expect(departed!.text).toContain('Les invitations que cette personne avait envoyées et qui n’avaient pas encore été acceptées ont été retirées');
    expect((await auditOf(organizationId)).at(-1)).toEqual({
      action: 'organization.member_left',
      actor_id: partner.id,
      details: { userId: partner.id, role: 'owner', invitationsWithdrawn: 1 },
    });

    const still = await api().delete(`/api/v1/organizations/${organizationId}/members/${founder.id}`).set(founder.auth).expect(409);
    expect(still.body.message).toMatch(/needs an owner/);
    await api().get(`/api/v1/organizations/${organizationId}`).set(founder.auth).expect(200);
  });

  it('lets an owner revoke an invitation, whose link then no longer works', async () => {
    const owner = await signedInUser(app);
    const organizationId = await organizationOf(owner);
    const editor = await join(organizationId, owner, 'editor');
    const invitee = await signedInUser(app);
    const invited = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: invitee.email, role: 'editor' }).expect(201);
    const path = `/api/v1/organizations/${organizationId}/invitations/${invited.body.id}`;

    await api().delete(path).set(editor.auth).expect(403);
    await api().delete(path).set(owner.auth).expect(204);

    const refused = await api().post(`/api/v1/invitations/${invited.body.id}/accept`).set(invitee.auth).expect(404);
    expect(refused.body.code).toBe('NOT_FOUND');
    expect((await api().get('/api/v1/me').set(invitee.auth).expect(200)).body.invitations).toEqual([]);
    expect((await api().get(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).expect(200)).body.invitations).toEqual([]);
    expect((await api().delete(path).set(owner.auth).expect(404)).body.code).toBe('INVITATION_NOT_FOUND');
    expect((await auditOf(organizationId)).at(-1)).toMatchObject({ action: 'organization.invitation_revoked', actor_id: owner.id, details: { invitationId: invited.body.id } });
  });

  it('refuses invitations past the organization’s daily limit, revoked and replaced ones counted, and says when to try again', async () => {
    const owner = await signedInUser(app);
    const organizationId = await organizationOf(owner);
    const invite = (email: string) => api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email, role: 'editor' });
    const first = await invite(uniqueEmail('first')).expect(201);
    await api().delete(`/api/v1/organizations/${organizationId}/invitations/${first.body.id}`).set(owner.auth).expect(204);
    const repeated = uniqueEmail('repeated');
    await invite(repeated).expect(201);
    await invite(repeated).expect(201);

    const refused = await invite(uniqueEmail('fourth')).expect(429);

    const [oldest] = (await app.get(DataSource).query(`SELECT created_at FROM organization_invitation WHERE id = $1`, [first.body.id])) as Array<{ created_at: Date }>;
    expect(refused.body).toMatchObject({ code: 'INVITATION_LIMIT', details: { limit: LIMIT, retryAt: new Date(oldest!.created_at.getTime() + 24 * 3600_000).toISOString() } });
    expect((await api().get(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).expect(200)).body.invitations).toHaveLength(1);
    // Another organization counts its own.
    await api().post(`/api/v1/organizations/${await organizationOf(owner, 'Autre')}/members`).set(owner.auth).send({ email: uniqueEmail(), role: 'editor' }).expect(201);
  });

  it('refuses invitations from an account whose own address is not confirmed', async () => {
    const owner = await signedInUser(app);
    const organizationId = await organizationOf(owner);
    await app.get(DataSource).query(`UPDATE user_account SET email_verified_at = NULL WHERE id = $1`, [owner.id]);
    const email = uniqueEmail('unasked');

    const refused = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email, role: 'editor' }).expect(403);

    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
    expect((await api().get(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).expect(200)).body.invitations).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await mailbox.messagesTo(email)).toEqual([]);
  });

  it('refuses creating an organization from an account whose own address is not confirmed, by the API and on the page', async () => {
    const founder = await signedInUser(app);
    const browser = request.agent(app.getHttpServer());
    const signInPage = await browser.get('/sign-in').expect(200);
    const signInToken = /name="_csrf" value="([^"]+)"/.exec(signInPage.text)?.[1];
    await browser.post('/sign-in').type('form').send({ email: founder.email, password: TEST_PASSWORD, _csrf: signInToken }).expect(303);
    await app.get(DataSource).query(`UPDATE user_account SET email_verified_at = NULL WHERE id = $1`, [founder.id]);

    const refused = await api().post('/api/v1/organizations').set(founder.auth).send(profile('Maison Sans Adresse')).expect(403);
    expect(refused.body).toMatchObject({ code: 'EMAIL_NOT_VERIFIED', message: expect.stringContaining('before creating an organization') });

    const form = await browser.get('/organizations/new').expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    const fields = { legalName: 'Maison Sans Adresse', type: 'non_profit', region: 'east', addressLine1: '80 Rideau Street', addressCity: 'Ottawa', postalCode: 'K1N 5M1', indigenousLed: 'no', preferredLanguage: 'en' };
    const page = await browser.post('/organizations/new').type('form').send({ ...fields, _csrf: token });
    // Refused like any form the service turns down: shown again, in the error summary, with what was typed.
    expect(page.status).toBe(422);
    expect(page.text).toContain('Confirm your email address before creating an organization: use the link we emailed you. What you typed is kept below.');
    expect(page.text).toContain('value="Maison Sans Adresse"');
    expect((await api().get('/api/v1/me').set(founder.auth).expect(200)).body.organizations).toEqual([]);
  });

  it('withdraws the open invitations a person sent when an administrator disables their account', async () => {
    const owner = await signedInUser(app);
    const organizationId = await organizationOf(owner, 'Maison Relais');
    const invited = await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: uniqueEmail('pending'), role: 'editor' }).expect(201);
    const admin = await signedInUser(app, ['admin']);

    await api().post(`/api/v1/users/${owner.id}/disable`).set(admin.auth).expect(200);

    const [invitation] = (await app.get(DataSource).query(`SELECT revoked_at FROM organization_invitation WHERE id = $1`, [invited.body.id])) as Array<{ revoked_at: Date | null }>;
    expect(invitation!.revoked_at).toBeInstanceOf(Date);
    const [event] = (await app.get(DataSource).query(`SELECT details FROM audit_event WHERE entity_id = $1 AND action = 'user.disabled'`, [owner.id])) as Array<{ details: Record<string, unknown> }>;
    expect(event!.details).toMatchObject({ invitationsWithdrawn: 1 });
  });

  describe('on the members page', () => {
    let browser: Browser;
    let baseUrl: string;
    beforeAll(async () => {
      browser = await launchBrowser();
      baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await browser?.close();
    });

    async function signedInPage(user: TestUser, path: string, options: { locale?: PageLocale; javaScript?: boolean } = {}): Promise<Page> {
      const t = translator(options.locale ?? 'en');
      const page = await newPage(browser, baseUrl, options);
      page.setDefaultTimeout(10_000);
      await page.goto(path);
      await page.waitForURL(/\/sign-in\?next=/);
      await page.getByLabel(t('signIn.email')).fill(user.email);
      await page.getByLabel(t('signIn.password'), { exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: t('signIn.submit') }).click();
      await page.waitForURL(`${baseUrl}${path}`);
      return page;
    }
    const textOf = async (page: Page, selector = 'main'): Promise<string> => ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

    it('lets an owner revoke an invitation and remove a member, each after saying what it does', async () => {
      const t = translator('en');
      const owner = await signedInUser(app, ['applicant'], { name: 'Olive Owner' });
      const organizationId = await organizationOf(owner, 'Harbour House');
      const editor = await join(organizationId, owner, 'editor', { name: 'Evan Editor' });
      const invitee = uniqueEmail('pending');
      await api().post(`/api/v1/organizations/${organizationId}/members`).set(owner.auth).send({ email: invitee, role: 'editor' }).expect(201);
      const membersPath = `/organizations/${organizationId}/members`;
      const page = await signedInPage(owner, membersPath);
      try {
        expect(await textOf(page)).toContain(t('organization.leave.onlyOwner'));
        await page.getByRole('link', { name: t('organization.members.revoke', { email: invitee }) }).click();
        expect(await textOf(page, 'h1')).toContain(t('organization.revoke.title', { email: invitee }));
        expect(await textOf(page)).toContain(t('organization.revoke.link').slice(0, -1));
        await expectAccessible(page, 'revoking an invitation');
        await page.getByRole('button', { name: t('organization.revoke.confirm') }).click();
        await page.waitForURL(`${baseUrl}${membersPath}?notice=revoked`);
        expect(await textOf(page, '[role=status]')).toContain(t('organization.notice.revoked'));
        expect(await textOf(page)).not.toContain(invitee);

        await page.getByRole('link', { name: t('organization.members.remove', { name: 'Evan Editor' }) }).click();
        expect(await textOf(page, 'h1')).toContain(t('organization.remove.title', { name: 'Evan Editor', organization: 'Harbour House' }));
        await expectAccessible(page, 'removing a member');
        // Going back keeps the member.
        await page.getByRole('link', { name: t('organization.change.keep') }).click();
        await page.waitForURL(`${baseUrl}${membersPath}`);
        expect(await textOf(page, 'tbody')).toContain(editor.email);
        await page.getByRole('link', { name: t('organization.members.remove', { name: 'Evan Editor' }) }).click();
        await page.getByRole('button', { name: t('organization.remove.confirm') }).click();
        await page.waitForURL(`${baseUrl}${membersPath}?notice=removed`);
        expect(await textOf(page, 'tbody')).not.toContain(editor.email);
      } finally {
        await page.close();
      }
      await api().get(`/api/v1/organizations/${organizationId}`).set(editor.auth).expect(404);
    });

    it('lets a member leave without JavaScript, in French, and refuses it when they have become the only owner meanwhile', async () => {
      const t = translator('fr');
      const founder = await signedInUser(app, ['applicant'], { locale: 'fr' });
      const organizationId = await organizationOf(founder, 'Maison Aurore');
      const partner = await join(organizationId, founder, 'owner', { locale: 'fr' });
      const editor = await join(organizationId, founder, 'editor', { locale: 'fr' });

      const page = await signedInPage(editor, `/organizations/${organizationId}/members`, { locale: 'fr', javaScript: false });
      try {
        // Editors remove no one.
        expect(await page.getByRole('link', { name: /^Retirer / }).count()).toBe(0);
        await page.getByRole('link', { name: t('organization.leave.button') }).click();
        await page.waitForURL(`${baseUrl}/organizations/${organizationId}/leave`);
        expect(await textOf(page, 'h1')).toContain(t('organization.leave.title', { organization: 'Maison Aurore' }));
        await page.getByRole('button', { name: t('organization.leave.confirm') }).click();
        await page.waitForURL(`${baseUrl}/organizations?notice=left`);
        expect(await textOf(page, '[role=status]')).toContain(t('organization.notice.left'));
        expect(await textOf(page)).not.toContain('Maison Aurore');
      } finally {
        await page.close();
      }

      const owner = await signedInPage(founder, `/organizations/${organizationId}/leave`, { locale: 'fr' });
      try {
        // The other owner leaves while this page is open: leaving now would leave no owner.
        await api().delete(`/api/v1/organizations/${organizationId}/members/${partner.id}`).set(partner.auth).expect(204);
        await owner.getByRole('button', { name: t('organization.leave.confirm') }).click();
        await owner.waitForSelector('#error-summary');
        expect(await textOf(owner, '#error-summary')).toContain(t('organization.error.lastOwner'));
        await expectAccessible(owner, 'leaving refused, fr');
      } finally {
        await owner.close();
      }
      await api().get(`/api/v1/organizations/${organizationId}`).set(founder.auth).expect(200);
    });
  });
});
