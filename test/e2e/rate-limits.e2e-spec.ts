import { INestApplication } from '@nestjs/common';
import { AppConfig } from '@grants/core';
import { uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { startApi, testConfig } from '../support/apps';
import { isolatedEnvironment } from '../support/databases';
import { freePort } from '../../scripts/services/ports';

const AUTH_LIMIT = 4;
const ROUTE_LIMIT = 6;

/** A page form as a browser has it: the CSRF cookie the form's page set, and the token in its `_csrf` field. */
interface PageForm {
  cookie: string;
  token: string;
}

/** Each test sends from its own client address (behind the trusted proxy), so their counts stay apart. */
describe('rate limits per address, shared in Redis by two API processes', () => {
  let config: AppConfig;
  let first: INestApplication;
  let second: INestApplication;

  beforeAll(async () => {
    // Its own namespace in the shared Redis: the counts of other test files never reach these.
    config = testConfig({
      ...(await isolatedEnvironment('rate_limits')),
      TRUST_PROXY: '1',
      AUTH_RATE_LIMIT_PER_MINUTE: String(AUTH_LIMIT),
      RATE_LIMIT_PER_MINUTE: String(ROUTE_LIMIT),
    });
    [first, second] = await Promise.all([startApi(config), startApi(config)]);
  });
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()]);
  });

  async function openForm(app: INestApplication, path: string, address: string): Promise<PageForm> {
    const page = await request(app.getHttpServer()).get(path).set('X-Forwarded-For', address).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((header) => header.split(';')[0]).join('; ');
    if (!token || !cookie) throw new Error(`${path} has no CSRF field or cookie`);
    return { cookie, token };
  }

  function postForm(app: INestApplication, path: string, address: string, form: PageForm, fields: Record<string, string>, language = 'en'): request.Test {
    return request(app.getHttpServer())
      .post(path)
      .set('X-Forwarded-For', address)
      .set('Cookie', form.cookie)
      .set('Accept-Language', language)
      .type('form')
      .send({ ...fields, _csrf: form.token });
  }

  function apiLogin(app: INestApplication, address: string): request.Test {
    return request(app.getHttpServer()).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email: uniqueEmail('sprayed'), password: 'one guess among many' });
  }

  it('counts sign-in attempts through the API on one process and the page on the other as one, per address', async () => {
    const address = '203.0.113.10';
    const form = await openForm(second, '/sign-in', address);
    const pageSignIn = (language?: string) => postForm(second, '/sign-in', address, form, { email: uniqueEmail('sprayed'), password: 'one guess among many' }, language);

    for (let attempt = 0; attempt < AUTH_LIMIT / 2; attempt++) {
      await apiLogin(first, address).expect(401);
      await pageSignIn().expect(422);
    }

    const api = await apiLogin(first, address).expect(429);
    expect(api.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    const page = await pageSignIn().expect(429).expect('Content-Type', /html/);
    expect(page.text).toContain('Too many requests');
    const french = await pageSignIn('fr').expect(429);
    expect(french.text).toContain('Trop de demandes');

    // Reading the form is not an attempt; another address is not held back.
    await request(second.getHttpServer()).get('/sign-in').set('X-Forwarded-For', address).expect(200);
    await apiLogin(second, '203.0.113.11').expect(401);
  });

  it('limits password-reset requests through the page, across both processes', async () => {
    const address = '203.0.113.20';
    const forms = [await openForm(first, '/password-reset', address), await openForm(second, '/password-reset', address)];
    for (let attempt = 0; attempt < AUTH_LIMIT; attempt++) {
      const app = attempt % 2 === 0 ? first : second;
      const sent = await postForm(app, '/password-reset', address, forms[attempt % 2]!, { email: uniqueEmail('reset') });
      expect(sent.status).toBeLessThan(300);
    }
    const limited = await postForm(first, '/password-reset', address, forms[0]!, { email: uniqueEmail('reset') }).expect(429);
    expect(limited.text).toContain('Too many requests');
    await postForm(second, '/password-reset', address, forms[1]!, { email: uniqueEmail('reset') }).expect(429);
    const api = await request(first.getHttpServer()).post('/api/v1/auth/password-reset').set('X-Forwarded-For', address).send({ email: uniqueEmail('reset') }).expect(429);
    expect(api.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  });

  it('counts the general limit per route, across both processes', async () => {
    const address = '203.0.113.30';
    for (let visit = 0; visit < ROUTE_LIMIT; visit++) {
      await request((visit % 2 === 0 ? first : second).getHttpServer()).get('/password-reset').set('X-Forwarded-For', address).expect(200);
    }
    const limited = await request(first.getHttpServer()).get('/password-reset').set('X-Forwarded-For', address).expect(429);
    expect(limited.text).toContain('Too many requests');
    await request(second.getHttpServer()).get('/register').set('X-Forwarded-For', address).expect(200);
  });
});

describe('rate limits while Redis is out of reach', () => {
  let app: INestApplication;

  beforeAll(async () => {
    // A Redis that is not there: nothing listens on this port.
    const port = await freePort();
    app = await startApi(testConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, TRUST_PROXY: '1', AUTH_RATE_LIMIT_PER_MINUTE: String(AUTH_LIMIT) }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('still limits sign-in attempts per address, counted in the process', async () => {
    const attempt = () =>
      request(app.getHttpServer()).post('/api/v1/auth/login').set('X-Forwarded-For', '203.0.113.40').send({ email: uniqueEmail('outage'), password: 'one guess among many' });
    for (let count = 1; count <= AUTH_LIMIT; count++) await attempt().expect(401);
    await attempt().expect(429);
  });
});
