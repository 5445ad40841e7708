import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { passesWithin } from '@grants/testing';
import { startApi, startWorker, testConfig } from '../support/apps';
import { Client } from 'pg';
import { isolatedEnvironment } from '../support/databases';

async function health(app: INestApplication): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${await app.getUrl()}/api/v1/health`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/health during outages', () => {
  let env: Record<string, string>;
  let api: INestApplication;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    env = await isolatedEnvironment('health_outages');
    api = await startApi(testConfig(env));
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('says the worker is down while none runs, and up once one does', async () => {
    const without = await health(api);
    expect(without.status).toBe(503);
    expect(without.body).toMatchObject({ status: 'down', worker: 'down', workersAlive: 0 });
    expect(without.body.down).toContain('worker');
    worker = await startWorker(testConfig(env));
    await passesWithin(5000, async () => expect(await health(api)).toMatchObject({ status: 200, body: { status: 'ok', worker: 'up', mail: 'up', storage: 'up', down: [] } }));
  });

  it('names mail as down when the SMTP server does not answer', async () => {
    const apiWithoutMail = await startApi(testConfig({ ...env, SMTP_URL: 'smtp://127.0.0.1:1' }));
    try {
      const answer = await health(apiWithoutMail);
      expect(answer.status).toBe(503);
      expect(answer.body).toMatchObject({ status: 'down', mail: 'down' });
      expect(answer.body.down).toContain('mail');
    } finally {
      await apiWithoutMail.close();
    }
  });

  it('answers 503 with Retry-After, not 500, while the database refuses connections', async () => {
    const name = new URL(env.DATABASE_URL).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      const response = await fetch(`${await api.getUrl()}/api/v1/calls`);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(await response.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });
});
