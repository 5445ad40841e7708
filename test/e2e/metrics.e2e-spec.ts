import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { OutboxService } from '@grants/core';
import { NotificationService } from '@grants/notifications';
import { uniqueEmail } from '@grants/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi, testConfig } from '../support/apps';
import { isolatedEnvironment } from '../support/databases';

const TOKEN = 'scrape-token-for-the-monitoring-system';

describe('metrics for a monitoring system', () => {
  let open: INestApplication;
  let closed: INestApplication;

  beforeAll(async () => {
    const env = await isolatedEnvironment('metrics');
    [open, closed] = await Promise.all([startApi(testConfig({ ...env, METRICS_TOKEN: TOKEN })), startApi(testConfig(env))]);
  });
  afterAll(() => Promise.all([open.close(), closed.close()]));

  it('are not there for anyone when no token is configured, and need the bearer token when one is', async () => {
    const unknown = await request(closed.getHttpServer()).get('/api/v1/no-such-route').expect(404);
    const off = await request(closed.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    expect(off.body.code).toBe(unknown.body.code);
    await request(open.getHttpServer()).get('/api/v1/metrics').expect(401);
    await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}x`).expect(401);
    await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', TOKEN).expect(401);
  });

  it('count requests by route pattern, never by the id asked for, and read the outbox and the queues', async () => {
    const id = randomUUID();
    await request(open.getHttpServer()).get(`/api/v1/applications/${id}`).expect(401);
    const to = uniqueEmail('metrics');
    await open.get(DataSource).transaction((manager) =>
      new NotificationService(open.get(OutboxService)).sendEmail(manager, { key: `metrics/${to}`, to: [to], locale: 'en', template: 'account-verification', data: { name: 'Metrics', verifyUrl: 'http://localhost:3000/verify?token=abc' } }),
    );

    const scrape = await request(open.getHttpServer()).get('/api/v1/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(scrape.headers['content-type']).toMatch(/^text\/plain/);
    expect(scrape.text).toMatch(/grants_http_requests_total\{method="GET",route="\/api\/v1\/applications\/:id",status="401"\} 1/);
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
});
