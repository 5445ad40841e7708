import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Mailbox, uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signedInUser, TEST_PASSWORD, TestUser, tokenIn } from '../support/accounts';
import { startApi, startWorker, testConfig } from '../support/apps';
import { isolatedEnvironment } from '../support/databases';

const mailbox = new Mailbox();
const LOCKED_SUBJECT = 'Several wrong passwords were tried on your account';

/** A browser as supertest can be one: the cookies the site set, sent back. */
class Browser {
  private readonly jar = new Map<string, string>();
  /** The network address it browses from (behind the trusted proxy); none is the test's own. */
  from: string | null = null;

  constructor(private readonly app: INestApplication) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  forget(name: string): void {
    this.jar.delete(name);
  }

  async get(path: string): Promise<request.Response> {
    return this.keep(await this.sent(request(this.app.getHttpServer()).get(path)));
  }

  /** Opens the form's page for its CSRF token, then posts the fields. */
  async submit(formPath: string, fields: Record<string, string>, action = formPath): Promise<request.Response> {
    const page = await this.get(formPath);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    if (!token) throw new Error(`${formPath} has no CSRF field`);
    return this.post(action, { ...fields, _csrf: token });
  }

  async post(path: string, fields: Record<string, string>): Promise<request.Response> {
    return this.keep(await this.sent(request(this.app.getHttpServer()).post(path).type('form')).send(fields));
  }

  private sent(test: request.Test): request.Test {
    test.set('Cookie', this.header());
    return this.from ? test.set('X-Forwarded-For', this.from) : test;
  }

  private header(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(response: request.Response): request.Response {
    for (const header of ([] as string[]).concat(response.headers['set-cookie'] ?? [])) {
      const [pair = ''] = header.split(';');
      const [name = '', ...value] = pair.split('=');
      if (value.join('') === '' || /expires=Thu, 01 Jan 1970/i.test(header)) this.jar.delete(name);
      else this.jar.set(name, value.join('='));
    }
    return response;
  }
}

describe('sign-in abuse: a lockout never keeps the owner out, and reset requests say nothing', () => {
  let app: INestApplication;
  let worker: INestApplicationContext;
  const api = () => request(app.getHttpServer());

  beforeAll(async () => {
    // One proxy hop, so that each attacker below can come from an address of its own.
    const config = testConfig({ ...(await isolatedEnvironment('sign_in_abuse')), TRUST_PROXY: '1', AUTH_RATE_LIMIT_PER_MINUTE: '200' });
    [app, worker] = await Promise.all([startApi(config), startWorker(config)]);
  });
  afterAll(async () => {
    await Promise.all([app?.close(), worker?.close()]);
  });

  function guess(user: TestUser, address: string, password = 'a wrong guess'): request.Test {
    return api().post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email: user.email, password });
  }

  it('slows down and locks the guessing client only, lets the owner in from their own browser, tells them once, and a reset ends every lock', async () => {
    const user = await signedInUser(app);
    // The owner's browser signed in before, here, and so is known to the account.
    const owners = new Browser(app);
    const first = await owners.submit('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(first.status).toBe(303);
    expect(owners.cookie('grants_device')).toEqual(expect.any(String));
    owners.forget('grants_session');

    // Each failure after the first answers more slowly; the fifth locks the pair.
    const took: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const started = Date.now();
      const wrong = await guess(user, '198.51.100.7').expect(401);
      took.push(Date.now() - started);
      expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    }
    // The fourth waits 1 s, the fifth the 2 s most (login-throttle.ts), on top of the work every answer does;
    // compared with the first answer, whose own time varies by half a second on a loaded machine, only loosely.
    expect(took[3]).toBeGreaterThanOrEqual(990);
    expect(took[4]).toBeGreaterThanOrEqual(1990);
    expect(took[4]! - took[0]!).toBeGreaterThanOrEqual(1000);
    const locked = await guess(user, '198.51.100.7', TEST_PASSWORD).expect(429);
    expect(locked.body).toMatchObject({ code: 'TOO_MANY_FAILED_LOGINS', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);

    // A second attacker elsewhere locks its own pair too; the owner is told once all the same.
    for (let attempt = 1; attempt <= 5; attempt++) await guess(user, '198.51.100.8').expect(401);
    await guess(user, '198.51.100.8', TEST_PASSWORD).expect(429);

    // The owner's known browser signs in, even from the attacker's own network address.
    owners.from = '198.51.100.7';
    const back = await owners.submit('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/applications');
    owners.forget('grants_session');
    // Its device cookie is what counts: without it, the same request is one more from a locked pair.
    owners.forget('grants_device');
    const unknown = await owners.submit('/sign-in', { email: user.email, password: TEST_PASSWORD });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.text).toContain('Too many wrong passwords were tried for this address from here.');

    const [notice] = await mailbox.waitFor(user.email);
    expect(notice!.subject).toBe(LOCKED_SUBJECT);
    expect(notice!.text).toContain('/password-reset');
    expect(notice!.text.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/On \w+ \d+, \d{4} at \d+:\d\d [ap]\.m\. E[SD]T \(Ontario time\)/);

    // A reset works while locked, and ends the locks of the address.
    await api().post('/api/v1/auth/password-reset').set('X-Forwarded-For', '198.51.100.7').send({ email: user.email }).expect(202);
    const reset = (await mailbox.waitFor(user.email, { count: 2 })).find((message) => message.subject === 'Choose a new password')!;
    await api().post('/api/v1/auth/password-reset/confirm').set('X-Forwarded-For', '198.51.100.7').send({ token: tokenIn(reset.text), password: 'a fresh passphrase here' }).expect(204);
    await guess(user, '198.51.100.7', 'a fresh passphrase here').expect(200);
    await guess(user, '198.51.100.8', 'a fresh passphrase here').expect(200);
    expect((await mailbox.messagesTo(user.email)).filter((message) => message.subject === LOCKED_SUBJECT)).toHaveLength(1);
  }, 60_000);

  it('counts an IPv6 client by its /64, and slows guesses spread over many clients without ever locking the owner out', async () => {
    const user = await signedInUser(app);
    // Five addresses of one /64 are one client: the sixth is locked with them; another /64 is not.
    for (let host = 1; host <= 5; host++) await guess(user, `2001:db8:aa:1::${host}`).expect(401);
    expect((await guess(user, '2001:db8:aa:1:ffff::99', TEST_PASSWORD).expect(429)).body.code).toBe('TOO_MANY_FAILED_LOGINS');
    await guess(user, '2001:db8:bb:1::1', TEST_PASSWORD).expect(200);

    // Spread over fresh clients, each guess is a first one for its pair; past 20 for the address, each takes 2 s.
    const took: number[] = [];
    for (let host = 1; host <= 16; host++) {
      const started = Date.now();
      await guess(user, `203.0.113.${host}`).expect(401);
      took.push(Date.now() - started);
    }
    expect(Math.max(...took.slice(0, 15))).toBeLessThan(1500);
    expect(took[15]).toBeGreaterThanOrEqual(1900);
    // Slowed, never locked: the owner signs in from anywhere with the password.
    await guess(user, '203.0.113.200', TEST_PASSWORD).expect(200);
  }, 60_000);

  it('does the same work when a lock falls on an address without an account as on one with an account', async () => {
    const user = await signedInUser(app);
    const nobody = uniqueEmail('nobody');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await guess(user, '198.51.100.30').expect(401);
      await api().post('/api/v1/auth/login').set('X-Forwarded-For', '198.51.100.31').send({ email: nobody, password: 'a wrong guess' }).expect(401);
    }
    // Both locks are queued for the worker, which alone looks the address up and tells its owner, if any.
    const queued = (await app.get(DataSource).query(`SELECT payload->>'email' AS email FROM outbox_message WHERE job_name = 'sign-in-locked' AND payload->>'email' IN ($1, $2)`, [user.email, nobody])) as Array<{ email: string }>;
    expect(queued.map((job) => job.email).sort()).toEqual([user.email, nobody].sort());
    const [notice] = await mailbox.waitFor(user.email);
    expect(notice!.subject).toBe(LOCKED_SUBJECT);
    expect(await mailbox.messagesTo(nobody)).toEqual([]);
  }, 60_000);

  it('answers a reset request for an unknown address exactly as for a known one, and leaves the work to the worker', async () => {
    const user = await signedInUser(app, ['applicant'], { locale: 'fr' });
    const nobody = uniqueEmail('nobody');
    const known = await api().post('/api/v1/auth/password-reset').send({ email: user.email });
    const unknown = await api().post('/api/v1/auth/password-reset').send({ email: nobody });
    expect([known.status, known.text]).toEqual([202, '']);
    expect([unknown.status, unknown.text]).toEqual([known.status, known.text]);

    // The pages too: the same confirmation for both.
    const sentPage = async (email: string) => (await new Browser(app).submit('/password-reset', { email })).text.replace(/name="_csrf" value="[^"]+"/, '');
    const [knownPage, unknownPage] = await Promise.all([sentPage(user.email), sentPage(nobody)]);
    expect(knownPage).toBe(unknownPage);

    // Each request recorded the same work, whether or not the address has an account...
    const queued = (await app.get(DataSource).query(`SELECT payload->>'email' AS email FROM outbox_message WHERE job_name = 'password-reset-request'`)) as Array<{ email: string }>;
    expect(queued.filter((job) => job.email === user.email)).toHaveLength(2);
    expect(queued.filter((job) => job.email === nobody)).toHaveLength(2);
    // ...and the worker sent the owner the links.
    const links = await mailbox.waitFor(user.email, { count: 2 });
    expect(links.map((message) => message.subject)).toEqual(['Choisissez un nouveau mot de passe', 'Choisissez un nouveau mot de passe']);
  }, 30_000);

  it('ends a web session at its absolute lifetime however active, says why, and still keeps what was typed', async () => {
    const officer = await signedInUser(app, ['officer']);
    const browser = new Browser(app);
    expect((await browser.submit('/sign-in', { email: officer.email, password: TEST_PASSWORD })).status).toBe(303);
    expect((await browser.get('/officer/calls/new')).text).not.toContain('data-final');

    // Ten minutes before the end, using the session no longer extends it, and the warning says so.
    const aged = (age: string) => app.get(DataSource).query(`UPDATE session SET created_at = now() - $2::interval WHERE user_id = $1 AND kind = 'web'`, [officer.id, age]);
    await aged('11 hours 50 minutes');
    const form = await browser.get('/officer/calls/new');
    expect(form.status).toBe(200);
    expect(form.text).toContain('data-final');
    expect(form.text).toContain('yours ends soon');
    expect(Number(/data-expires-in="(\d+)"/.exec(form.text)?.[1])).toBeLessThanOrEqual(600);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;

    // Twelve hours (the default) and a minute after signing in, the idle timeout not reached.
    await aged('12 hours 1 minute');
    const refused = await browser.get('/officer/calls/new');
    expect(refused.status).toBe(303);
    expect(refused.headers.location).toBe('/sign-in?next=%2Fofficer%2Fcalls%2Fnew&notice=lifetime');
    expect((await browser.get(refused.headers.location as string)).text).toContain('a session lasts a limited number of hours after signing in');
    // The API's own tokens are not web sessions: this one still works.
    await api().get('/api/v1/me').set(officer.auth).expect(200);

    // A form posted then is kept, and back on the form after signing in again.
    const posted = await browser.post('/officer/calls/new', { fundId: '', titleEn: 'Kept across the end', titleFr: '', _csrf: csrf });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/sign-in?next=%2Fofficer%2Fcalls%2Fnew&notice=kept');
    const again = await browser.submit('/sign-in', { email: officer.email, password: TEST_PASSWORD, next: '/officer/calls/new' });
    expect(again.headers.location).toBe('/officer/calls/new');
    expect((await browser.get('/officer/calls/new')).text).toContain('value="Kept across the end"');
  }, 30_000);
});
