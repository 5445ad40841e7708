import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, tokenIn } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { ORGANIZATION, organizationFor } from '../support/calls';
import { isolatedEnvironment } from '../support/databases';

const mailbox = new Mailbox();

describe('accounts', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    [app, worker] = await Promise.all([startApi(), startWorker()]);
  });
  afterAll(async () => {
    await Promise.all([app.close(), worker.close()]);
  });

  it('registers, verifies the address from the emailed link, signs in and shows the profile', async () => {
    const email = uniqueEmail('amelie');
    const registered = await api().post('/api/v1/auth/register').send({ email, password: 'un long mot de passe', name: 'Amélie Côté', locale: 'fr' }).expect(201);
    expect(registered.body).toEqual({ id: expect.any(String), email });

    await api().post('/api/v1/auth/login').send({ email, password: 'un long mot de passe' }).expect(403, /EMAIL_NOT_VERIFIED/);

    const [verification] = await mailbox.waitFor(email);
    expect(verification!.subject).toBe('Confirmez votre adresse courriel');
    const token = tokenIn(verification!.text);
    await api().post('/api/v1/auth/verify-email').send({ token }).expect(204);
    const reused = await api().post('/api/v1/auth/verify-email').send({ token }).expect(400);
    expect(reused.body.code).toBe('INVALID_TOKEN');

    const login = await api().post('/api/v1/auth/login').send({ email: email.toUpperCase(), password: 'un long mot de passe' }).expect(200);
    expect(login.body).toEqual({
      accessToken: expect.any(String),
      expiresIn: 28800,
      user: { id: registered.body.id, email, name: 'Amélie Côté', roles: ['applicant'] },
    });
    const me = await api().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ id: registered.body.id, email, name: 'Amélie Côté', locale: 'fr', roles: ['applicant'], organizations: [] });

    await api().post('/api/v1/auth/logout').set('Authorization', `Bearer ${login.body.accessToken}`).expect(204);
    await api().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(401);
  });

  it('answers a registration of a known address like any other, and tells the owner instead', async () => {
    const owner = await signedInUser(app);
    const response = await api().post('/api/v1/auth/register').send({ email: owner.email, password: 'another long password', name: 'Impostor', locale: 'en' }).expect(201);
    expect(response.body).toEqual({ id: expect.any(String), email: owner.email });
    expect(response.body.id).not.toBe(owner.id);

    const [notice] = await mailbox.waitFor(owner.email);
    expect(notice!.subject).toBe('You already have an account');
    await api().post('/api/v1/auth/login').send({ email: owner.email, password: TEST_PASSWORD }).expect(200);
  });

  it('refuses weak passwords and unknown fields, naming them', async () => {
    const response = await api().post('/api/v1/auth/register').send({ email: 'x@example.org', password: 'short', name: 'X', locale: 'de', admin: true }).expect(400);
    expect(response.body.message).toEqual(
      expect.arrayContaining(['password must be at least 12 characters long', 'locale must be one of the following values: en, fr', 'admin should not exist']),
    );
  });

  it('says only "invalid email or password", and locks an address after five failures', async () => {
    const user = await signedInUser(app);
    const unknown = await api().post('/api/v1/auth/login').send({ email: uniqueEmail('nobody'), password: 'whatever it is' }).expect(401);
    const wrong = await api().post('/api/v1/auth/login').send({ email: user.email, password: 'not the password' }).expect(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });

    for (let attempt = 2; attempt <= 5; attempt++) {
      await api().post('/api/v1/auth/login').send({ email: user.email, password: `wrong ${attempt}` }).expect(401);
    }
    const locked = await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(429);
    expect(locked.body.code).toBe('TOO_MANY_FAILED_LOGINS');
  });

  it('resets a forgotten password through a one-hour link, signing out other sessions', async () => {
    const user = await signedInUser(app);
    await api().post('/api/v1/auth/password-reset').send({ email: uniqueEmail('unknown') }).expect(202);
    await api().post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);

    const [reset] = await mailbox.waitFor(user.email);
    expect(reset!.subject).toBe('Choose a new password');
    await api().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(reset!.text), password: 'a brand new passphrase' }).expect(204);

    await api().get('/api/v1/me').set(user.auth).expect(401);
    await api().post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await api().post('/api/v1/auth/login').send({ email: user.email, password: 'a brand new passphrase' }).expect(200);
    await api().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(reset!.text), password: 'yet another passphrase' }).expect(400);
  });

  it('lets an admin invite a reviewer of the ILIF panel, who sets a password from the email and signs in', async () => {
    const admin = await signedInUser(app, ['admin']);
    const email = uniqueEmail('panel');
    const created = await api()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email, name: 'Mary Jacobs', roles: ['reviewer'], panels: ['ILIF'] })
      .expect(201);
    expect(created.body).toEqual({ id: expect.any(String), email, roles: ['applicant', 'reviewer'] });

    const [invitation] = await mailbox.waitFor(email);
    expect(invitation!.text).toContain('as reviewer');
    await api().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(invitation!.text), password: 'reviewer passphrase 1' }).expect(204);
    const login = await api().post('/api/v1/auth/login').send({ email, password: 'reviewer passphrase 1' }).expect(200);
    const me = await api().get('/api/v1/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ roles: ['applicant', 'reviewer'], panels: ['ILIF'] });
  });

  it('does not hand staff roles to an unverified account someone else registered with the address', async () => {
    const email = uniqueEmail('future-officer');
    await api().post('/api/v1/auth/register').send({ email, password: 'attacker password', name: 'Not Them', locale: 'en' }).expect(201);
    const admin = await signedInUser(app, ['admin']);
    await api().post('/api/v1/users').set(admin.auth).send({ email, name: 'Olive Officer', roles: ['officer'] }).expect(201);

    const messages = await mailbox.waitFor(email, { count: 2 });
    const invitation = messages.find((message) => message.subject.startsWith('Your account'))!;
    const verification = messages.find((message) => message.subject === 'Confirm your email address')!;
    await api().post('/api/v1/auth/verify-email').send({ token: tokenIn(verification.text) }).expect(400);
    await api().post('/api/v1/auth/login').send({ email, password: 'attacker password' }).expect(401);

    await api().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(invitation.text), password: 'the real officer' }).expect(204);
    const login = await api().post('/api/v1/auth/login').send({ email, password: 'the real officer' }).expect(200);
    expect(login.body.user.roles).toEqual(['applicant', 'officer']);
  });

  it('lets one password link work, and cancels the others', async () => {
    const user = await signedInUser(app);
    await api().post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    await api().post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    const [first, second] = await mailbox.waitFor(user.email, { count: 2 });
    await api().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(second!.text), password: 'second link passphrase' }).expect(204);
    await api().post('/api/v1/auth/password-reset/confirm').send({ token: tokenIn(first!.text), password: 'first link passphrase' }).expect(400);
  });

  it('answers odd input with 4xx, never 500', async () => {
    await api().post('/api/v1/auth/register').send({ email: '"a b"@example.org', password: 'long enough password', name: 'Q', locale: 'en' }).expect(400);
    await api().get('/api/v1/calls').set('Cookie', 'grants_session=%E0').expect(200);
    await api().get('/api/v1/me').set('Cookie', 'grants_session=%E0').expect(401);
  });

  it('lets a browser session cookie read the API but not change anything through it (no CSRF token there)', async () => {
    const user = await signedInUser(app);
    const cookie = `grants_session=${user.token}`;
    await api().get('/api/v1/me').set('Cookie', cookie).expect(200);
    const refused = await api().post('/api/v1/organizations').set('Cookie', cookie).send(ORGANIZATION).expect(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
    await api().post('/api/v1/organizations').set(user.auth).send(organizationFor(user)).expect(201);
  });

  it('keeps staff management to admins', async () => {
    const officer = await signedInUser(app, ['officer']);
    await api().post('/api/v1/users').set(officer.auth).send({ email: uniqueEmail(), name: 'X', roles: ['admin'] }).expect(403);
    await api().post('/api/v1/users').send({ email: uniqueEmail(), name: 'X', roles: ['admin'] }).expect(401);
    const admin = await signedInUser(app, ['admin']);
    const bad = await api().post('/api/v1/users').set(admin.auth).send({ email: uniqueEmail(), name: 'X', roles: ['applicant'] }).expect(400);
    expect(bad.body.message).toEqual(['roles: each value in roles must be one of the following values: reviewer, officer, approver, admin']);
  });

  it('shows administrators the staff accounts, one by its identifier too, and nobody else', async () => {
    const admin = await signedInUser(app, ['admin']);
    const officer = await signedInUser(app, ['officer']);
    const applicant = await signedInUser(app);
    const email = uniqueEmail('listed-reviewer');
    const created = await api().post('/api/v1/users').set(admin.auth).send({ email, name: 'Lee Reviewer', roles: ['reviewer'], panels: ['ILIF'] }).expect(201);

    const account = { id: created.body.id, email, name: 'Lee Reviewer', roles: ['applicant', 'reviewer'], panels: ['ILIF'], invitationPending: true, disabledAt: null, createdAt: expect.any(String) };
    expect((await api().get(`/api/v1/users/${created.body.id}`).set(admin.auth).expect(200)).body).toEqual(account);
    const listed = (await api().get('/api/v1/users?limit=100').set(admin.auth).expect(200)).body as { items: Array<{ id: string }>; nextCursor: string | null };
    expect(listed.items).toContainEqual(account);
    expect(listed.items.map((item) => item.id)).toEqual(expect.arrayContaining([admin.id, officer.id]));
    expect(listed.items.map((item) => item.id)).not.toContain(applicant.id);

    await api().get(`/api/v1/users/${applicant.id}`).set(admin.auth).expect(404);
    await api().get(`/api/v1/users/${created.body.id}`).set(officer.auth).expect(403);
    await api().get('/api/v1/users').set(officer.auth).expect(403);
    await api().get('/api/v1/users').expect(401);
  });
});

describe('rate limits per address', () => {
  it('answers 429 once the sign-in routes are called too often from one address', async () => {
    // Its own namespace in the shared Redis: a low limit there would hold back every test from 127.0.0.1.
    const app = await startApi(testConfig({ ...(await isolatedEnvironment('accounts_rate_limits')), AUTH_RATE_LIMIT_PER_MINUTE: '3' }));
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        await request(app.getHttpServer()).post('/api/v1/auth/password-reset').send({ email: uniqueEmail() }).expect(202);
      }
      const limited = await request(app.getHttpServer()).post('/api/v1/auth/password-reset').send({ email: uniqueEmail() }).expect(429);
      expect(limited.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      // Health is never rate limited (it may still say a worker is down: none runs here).
      const health = await request(app.getHttpServer()).get('/api/v1/health');
      expect(health.status).not.toBe(429);
      expect(health.body).toMatchObject({ db: 'up', queue: 'up' });
    } finally {
      await app.close();
    }
  });
});

describe('the audit of account changes', () => {
  it('records registration and verification with the request id', async () => {
    const app = await startApi();
    try {
      const email = uniqueEmail('audited');
      const response = await request(app.getHttpServer())
        .post('/api/v1/auth/register')
        .set('x-request-id', 'audit-test-request-1')
        .send({ email, password: 'long enough password', name: 'Audited', locale: 'en' })
        .expect(201);
      const events = await app.get(DataSource).query(`SELECT action, to_state, request_id FROM audit_event WHERE entity_id = $1`, [response.body.id]);
      expect(events).toEqual([{ action: 'user.registered', to_state: 'unverified', request_id: 'audit-test-request-1' }]);
    } finally {
      await app.close();
    }
  });
});
