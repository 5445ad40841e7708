import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { OutboxService } from '@grants/core';
import { NotificationService } from '@grants/notifications';
import { uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi, testConfig } from '../support/apps';
import { Client } from 'pg';
import { isolatedEnvironment } from '../support/databases';

const TOKEN = 'scrape-token-for-the-monitoring-system';

describe('metrics for a monitoring system', () => {
  let open: INestApplication;
  let closed: INestApplication;
  let env: Record<string, string>;

  const scrape = async (app: INestApplication): Promise<string> => (await request(app.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200)).text;

  beforeAll(async () => {
    env = await isolatedEnvironment('metrics');
    [open, closed] = await Promise.all([startApi(testConfig({ ...env, METRICS_TOKEN: TOKEN })), startApi(testConfig(env))]);
  });
  afterAll(() => Promise.all([open.close(), closed.close()]));

  it('are not there for anyone when no token is configured, and need the bearer token when one is', async () => {
    const unknown = await request(closed.getHttpServer()).get('/api/v1/no-such-route').expect(404);
    const off = await request(closed.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    // Answered word for word as a route the API does not have, so the public cannot tell it is there.
    expect(unknown.body).toMatchObject({ message: 'Cannot GET /api/v1/no-such-route' });
    expect(off.body).toEqual({ ...unknown.body, message: 'Cannot GET /api/v1/metrics' });
    expect(off.headers['content-type']).toBe(unknown.headers['content-type']);
    await request(open.getHttpServer()).get('/api/v1/metrics').expect(401);
    await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', TOKEN).expect(401);
  });

  it('count requests by route pattern, never by the id asked for, and read the outbox and the queues', async () => {
    const id = randomUUID();
    await request(open.getHttpServer()).get(`/api/v1/applications/${id}`).expect(401);
    await request(open.getHttpServer()).get(`/api/v1/no-such-route/${id}`).expect(404);
    const to = uniqueEmail('metrics');
    await open.get(DataSource).transaction((manager) =>
      new NotificationService(open.get(OutboxService)).sendEmail(manager, { key: `metrics/${to}`, to: [to], locale: 'en', template: 'account-verification', data: { name: 'Metrics', verifyUrl: 'http://localhost:3000/verify?token=abc' } }),
    );

    const scrape = await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(scrape.text).toMatch(/grants_http_requests_total\{method="GET",route="\/api\/v1\/applications\/:id",status="401"\} 1/);
    expect(scrape.text).toMatch(/grants_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(scrape.text).not.toContain(id);
    expect(scrape.text).toMatch(/grants_http_request_duration_seconds_bucket\{le="0.1",method="GET",route="\/api\/v1\/applications\/:id",status="401"\}/);
    // No worker runs on this database: the email waits in the outbox.
    expect(scrape.text).toMatch(/^grants_outbox_pending 1$/m);
    expect(scrape.text).toMatch(/^grants_outbox_lag_seconds \d/m);
    expect(scrape.text).toMatch(/^grants_queue_jobs\{queue="notifications",state="waiting"\} 0$/m);
    expect(scrape.text).toMatch(/^grants_workers_alive 0$/m);
    expect(scrape.text).toMatch(/^grants_metrics_source_up\{source="database"\} 1$/m);
    expect(scrape.text).toMatch(/^grants_metrics_source_up\{source="queue"\} 1$/m);
    expect(scrape.text).toContain('grants_process_resident_memory_bytes');
  });

  it('still answer while Redis is away, leaving out the queue and worker figures rather than writing 0', async () => {
    const withoutRedis = await startApi(testConfig({ ...env, METRICS_TOKEN: TOKEN, REDIS_URL: 'redis://127.0.0.1:1' }));
    try {
      const text = await scrape(withoutRedis);
      expect(text).toMatch(/^grants_metrics_source_up\{source="queue"\} 0$/m);
      expect(text).not.toMatch(/^grants_queue_jobs/m);
      expect(text).not.toMatch(/^grants_workers_alive/m);
      expect(text).toMatch(/^grants_metrics_source_up\{source="database"\} 1$/m);
      expect(text).toMatch(/^grants_outbox_pending 1$/m);
    } finally {
      await withoutRedis.close();
    }
  });

  // Read from the service: over HTTP the global AuthGuard looks the bearer token up as a session
  // first, so while the database is away a scrape is answered 503 before it reaches the metrics.
  it('still read while the database refuses connections, leaving out the outbox and failure figures', async () => {
    const name = new URL(env.DATABASE_URL!).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      // Over HTTP: the token is the monitoring system's own, so no session is looked up in the database that is away.
      const { text } = await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
      expect(text).toMatch(/^grants_metrics_source_up\{source="database"\} 0$/m);
      expect(text).not.toMatch(/^grants_outbox_(pending|lag_seconds)/m);
      expect(text).not.toMatch(/^grants_job_failures/m);
      expect(text).toMatch(/^grants_metrics_source_up\{source="queue"\} 1$/m);
      expect(text).toMatch(/^grants_queue_jobs\{queue="notifications",state="waiting"\} 0$/m);
      expect(text).toMatch(/grants_http_requests_total\{method="GET",route="\/api\/v1\/metrics",status="200"\}/);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });
});
