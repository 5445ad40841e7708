import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { uniqueEmail } from '@grants/testing';
import { Client } from 'pg';
import request from 'supertest';
import { freePort } from '../../scripts/services/ports';
import { signedInUser, TEST_PASSWORD } from '../support/accounts';
import { startApi, testConfig } from '../support/apps';
import { createIsolatedDatabase, isolatedEnvironment } from '../support/databases';

const ROOT = path.resolve(__dirname, '../..');
const HTTPS_APP_URL = 'https://grants.ontario.example.ca';

/** A page form as a browser has it: the cookies its page set, and the token in its `_csrf` field. */
interface PageForm {
  cookie: string;
  token: string;
}

function setCookies(response: request.Response): string[] {
  return ([] as string[]).concat(response.headers['set-cookie'] ?? []);
}

async function openForm(app: INestApplication, path: string): Promise<PageForm> {
  const page = await request(app.getHttpServer()).get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const cookie = setCookies(page).map((header) => header.split(';')[0]).join('; ');
  if (!token || !cookie) throw new Error(`${path} has no CSRF field or cookie`);
  return { cookie, token };
}

/** Nested arrays, `depth` levels deep. */
function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('production refuses to start unsafe, and starts when it is not', () => {
  interface Run {
    child: ChildProcess;
    output: () => string;
    exited: Promise<number | null>;
  }
  const runs: Run[] = [];
  let productionEnv: Record<string, string>;
  let demoDatabaseUrl: string;

  /** The real entry point (main.ts) from the sources, as `npm run start:api` runs its build. */
  function run(app: 'api' | 'worker', env: Record<string, string>): Run {
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test/support/ts-register.js'), path.join(ROOT, `apps/${app}/src/main.ts`)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = { child, output: () => output, exited };
    runs.push(started);
    return started;
  }

  /** A database user whose password is not the embedded cluster's default, as production needs. */
  function asProductionUser(databaseUrl: string, user: string, password: string): string {
    const url = new URL(databaseUrl);
    url.username = user;
    url.password = password;
    return url.toString();
  }

  beforeAll(async () => {
    const user = `grants_prod_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${user} LOGIN SUPERUSER PASSWORD '${password}'`);
    } finally {
      await admin.end();
    }
    const clean = await isolatedEnvironment('production_clean');
    demoDatabaseUrl = await createIsolatedDatabase('production_demo');
    const demo = new Client({ connectionString: demoDatabaseUrl });
    await demo.connect();
    try {
      // What `npm start` or `npm run seed` left behind: the demo administrator, password in the README.
      await demo.query(`INSERT INTO user_account (email, name, locale, password_hash, roles, panels, email_verified_at) VALUES ('admin@example.org', 'Alex Administrator', 'en', 'x', '{applicant,admin}', '{}', now())`);
    } finally {
      await demo.end();
    }
    productionEnv = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      DATABASE_URL: asProductionUser(clean.DATABASE_URL!, user, password),
      QUEUE_PREFIX: clean.QUEUE_PREFIX!,
      REDIS_URL: process.env.REDIS_URL!,
      SMTP_URL: process.env.SMTP_URL!,
      DATA_DIR: process.env.DATA_DIR!,
      APP_URL: HTTPS_APP_URL,
      CSRF_SECRET: randomBytes(32).toString('hex'),
      MAIL_FROM: 'Ontario Grants <grants@ontario.ca>',
      OFFICE_CONTACT_EMAIL: 'grants-office@ontario.ca',
      OFFICE_CONTACT_PHONE: '1-800-268-8258',
      PORT: String(await freePort()),
    };
    demoDatabaseUrl = asProductionUser(demoDatabaseUrl, user, password);
  }, 120_000);

  afterAll(async () => {
    for (const { child, exited } of runs) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses, with exit code 78, a default secret or placeholder, and says which', async () => {
    const { CSRF_SECRET: _secret, OFFICE_CONTACT_PHONE: _phone, ...withDefaults } = productionEnv;
    const [api, worker] = [run('api', withDefaults), run('worker', withDefaults)];
    for (const refused of [api, worker]) {
      expect(await refused.exited).toBe(78);
      expect(refused.output()).toContain('Refusing to start with NODE_ENV=production');
      expect(refused.output()).toContain('CSRF_SECRET is not set');
      expect(refused.output()).toContain('OFFICE_CONTACT_PHONE must be the program office');
      expect(refused.output()).not.toContain('APP_URL');
    }
  }, 90_000);

  it('refuses, with exit code 78, a database that holds demo accounts, in the API and the worker', async () => {
    const env = { ...productionEnv, DATABASE_URL: demoDatabaseUrl };
    const [api, worker] = [run('api', env), run('worker', env)];
    for (const refused of [api, worker]) {
      expect(await refused.exited).toBe(78);
      expect(refused.output()).toContain('the database holds demo accounts (admin@example.org)');
    }
  }, 90_000);

  it('starts with a proper configuration: __Host- Secure cookies, and no one-time token in its request log', async () => {
    const api = run('api', productionEnv);
    const url = `http://127.0.0.1:${productionEnv.PORT}`;
    const deadline = Date.now() + 80_000;
    let healthy = false;
    while (!healthy && api.child.exitCode === null && Date.now() < deadline) {
      // No worker runs here: the API is up once health answers with the database up.
      healthy = await fetch(`${url}/api/v1/health`).then(async (response) => ((await response.json()) as { db?: string }).db === 'up', () => false);
      if (!healthy) await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect({ healthy, output: healthy ? '' : api.output() }).toEqual({ healthy: true, output: '' });

    const signIn = await request(url).get('/sign-in').expect(200);
    expect(signIn.headers['cache-control']).toBe('no-store');
    const csrf = setCookies(signIn).find((cookie) => cookie.startsWith('__Host-grants_csrf='));
    expect(csrf).toMatch(/; Path=\/;.*HttpOnly; Secure; SameSite=Lax$/);
    expect(csrf).not.toMatch(/Domain=/i);

    const tokens = ['verifyTokenInTheQuery1234567890', 'resetTokenInTheQuery1234567890', 'verifyTokenInTheBody1234567890', 'resetTokenInTheBody1234567890'];
    await request(url).get(`/verify-email?token=${tokens[0]}`).expect(200);
    await request(url).get(`/password-reset/confirm?token=${tokens[1]}&lang=fr`).expect(200);
    await request(url).post('/api/v1/auth/verify-email').send({ token: tokens[2] }).expect(400);
    await request(url).post(`/api/v1/auth/password-reset/confirm?token=${tokens[3]}`).send({ token: tokens[3], password: 'a new long passphrase' });
    const logged = async (): Promise<string> => {
      for (let wait = 0; wait < 50 && !api.output().includes('/api/v1/auth/password-reset/confirm?[redacted]'); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
      return api.output();
    };
    const log = await logged();
    expect(log).toContain('"url":"/verify-email?[redacted]"');
    expect(log).toContain('"url":"/api/v1/auth/password-reset/confirm?[redacted]"');
    for (const token of tokens) expect(log).not.toContain(token);
  }, 120_000);
});

describe('the site’s cookies under an https APP_URL', () => {
  let app: INestApplication;

  beforeAll(async () => {
    // The proxy in front says the request came over http: the cookies are Secure all the same.
    app = await startApi(testConfig({ APP_URL: HTTPS_APP_URL, TRUST_PROXY: '1' }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('are all __Host- prefixed, Secure, HttpOnly, on every path, and cleared the same way', async () => {
    const user = await signedInUser(app);
    const form = await openForm(app, '/sign-in');
    const signIn = await request(app.getHttpServer())
      .post('/sign-in')
      .set('X-Forwarded-Proto', 'http')
      .set('Cookie', form.cookie)
      .type('form')
      .send({ email: user.email, password: TEST_PASSWORD, _csrf: form.token })
      .expect(303);
    const session = setCookies(signIn).find((cookie) => cookie.startsWith('__Host-grants_session='));
    expect(session).toMatch(/^__Host-grants_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax$/);

    const sessionCookie = session!.split(';')[0]!;
    const page = await request(app.getHttpServer()).get('/applications').set('Cookie', sessionCookie).expect(200);
    expect(page.headers['cache-control']).toBe('no-store');
    // The plain name is no longer the site's: a cookie set by someone else under it signs nobody in.
    await request(app.getHttpServer()).get('/applications').set('Cookie', sessionCookie.replace('__Host-', '')).expect(303);

    const language = await request(app.getHttpServer()).get('/language?to=fr&next=/').expect(303);
    expect(setCookies(language)[0]).toMatch(/^__Host-grants_lang=fr; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/);

    const signOutForm = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const csrfCookie = setCookies(page).map((cookie) => cookie.split(';')[0]).find((cookie) => cookie?.startsWith('__Host-grants_csrf=')) ?? form.cookie;
    const signOut = await request(app.getHttpServer())
      .post('/sign-out')
      .set('Cookie', `${sessionCookie}; ${csrfCookie}`)
      .type('form')
      .send({ _csrf: signOutForm })
      .expect(303);
    expect(setCookies(signOut).find((cookie) => cookie.startsWith('__Host-grants_session=;'))).toMatch(/Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax$/);
  });
});

describe('a forged X-Forwarded-For does not reset a rate limit', () => {
  const LIMIT = 3;
  let direct: INestApplication;
  let behindProxy: INestApplication;

  beforeAll(async () => {
    const isolated = await isolatedEnvironment('forged_forwarded_for');
    const limits = { ...isolated, AUTH_RATE_LIMIT_PER_MINUTE: String(LIMIT) };
    [direct, behindProxy] = await Promise.all([startApi(testConfig(limits)), startApi(testConfig({ ...limits, TRUST_PROXY: '1' }))]);
  });
  afterAll(async () => {
    await Promise.all([direct?.close(), behindProxy?.close()]);
  });

  const login = (app: INestApplication, forwardedFor: string): request.Test =>
    request(app.getHttpServer()).post('/api/v1/auth/login').set('X-Forwarded-For', forwardedFor).send({ email: uniqueEmail('guess'), password: 'one guess among many' });

  it('counts by the connection’s address when no proxy is trusted (the default)', async () => {
    for (let attempt = 0; attempt < LIMIT; attempt++) await login(direct, `203.0.113.${attempt + 1}`).expect(401);
    const refused = await login(direct, '203.0.113.99').expect(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('counts by the address the trusted proxy saw, whatever the client wrote before it', async () => {
    for (let attempt = 0; attempt < LIMIT; attempt++) await login(behindProxy, `198.51.100.${attempt + 1}, 192.0.2.7`).expect(401);
    await login(behindProxy, '198.51.100.99, 192.0.2.7').expect(429);
    // Another client of the same proxy is counted apart.
    await login(behindProxy, '192.0.2.8').expect(401);
  });
});

describe('malformed input gets a 4xx naming the problem, never a 500', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startApi();
  });
  afterAll(async () => {
    await app?.close();
  });

  const postJson = (body: string): request.Test => request(app.getHttpServer()).post('/api/v1/auth/login').set('Content-Type', 'application/json').send(body);

  it('refuses a JSON body nested too deep, however deep, and names a body that is not JSON', async () => {
    const tooDeep = await postJson(`{"email":"a@example.org","password":"x","extra":${nested(32)}}`).expect(400);
    expect(tooDeep.body).toMatchObject({ statusCode: 400, code: 'BODY_TOO_DEEP', details: { maxDepth: 32 } });
    expect((await postJson(nested(100_000)).expect(400)).body.code).toBe('BODY_TOO_DEEP');
    // 32 levels are read, and validated as any body is.
    expect((await postJson(`{"email":"a@example.org","password":"x","extra":${nested(31)}}`).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await postJson('{"email": "a@example.org",').expect(400)).body).toMatchObject({ code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
  });

  it('refuses a query parameter sent twice, in the API and on the pages', async () => {
    const api = await request(app.getHttpServer()).get('/api/v1/calls?status=open&status=closed').expect(400);
    expect(api.body).toMatchObject({ code: 'REPEATED_PARAMETER', details: { parameter: 'status' } });
    expect(api.headers['cache-control']).toBe('no-store');
    const page = await request(app.getHttpServer()).get('/sign-in?next=/applications&next=//elsewhere.example').expect(400).expect('Content-Type', /html/);
    expect(page.text).toContain('REPEATED_PARAMETER');
    await request(app.getHttpServer()).get('/api/v1/calls?status=open').expect(200);
  });

  it('refuses a form field of one value sent twice', async () => {
    const form = await openForm(app, '/sign-in');
    const page = await request(app.getHttpServer())
      .post('/sign-in')
      .set('Cookie', form.cookie)
      .type('form')
      .send(`email=${encodeURIComponent(uniqueEmail('one'))}&email=${encodeURIComponent(uniqueEmail('two'))}&password=x&_csrf=${encodeURIComponent(form.token)}`)
      .expect(400)
      .expect('Content-Type', /html/);
    expect(page.text).toContain('REPEATED_FIELD');
  });

  it('keeps personal answers out of caches; only assets may be kept', async () => {
    const user = await signedInUser(app);
    expect((await request(app.getHttpServer()).get('/api/v1/me').set(user.auth).expect(200)).headers['cache-control']).toBe('no-store');
    expect((await request(app.getHttpServer()).get('/').expect(200)).headers['cache-control']).toBe('no-store');
    expect((await request(app.getHttpServer()).get('/assets/web.css').expect(200)).headers['cache-control']).toMatch(/^public, max-age=\d+$/);
  });
});
