import { INestApplicationContext } from '@nestjs/common';
import { ReleaseService } from '@grants/awards';
import { OutboxRelay, QueueRegistry } from '@grants/core';
import { reviewRemindersJob } from '@grants/reviews';
import { createApplicationInReview, createPublishedCall, decideApplication, Mailbox, passesWithin, releaseDecisions, serviceTestContext, ServiceTestContext } from '@grants/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { freePort } from '../../scripts/services/ports';
import { RunningRedis, startRedis } from '../../scripts/services/redis';
import { startWorker, testConfig } from '../support/apps';
import { isolatedEnvironment } from '../support/databases';

const mailbox = new Mailbox();

describe('a release when Redis comes back without its data', () => {
  let redis: RunningRedis;
  let env: Record<string, string>;
  let services: ServiceTestContext;
  let worker: INestApplicationContext | undefined;

  beforeAll(async () => {
    redis = await startRedis({ port: await freePort() });
    env = { ...(await isolatedEnvironment('release_recovery')), REDIS_URL: redis.url, OUTBOX_RECONCILE_MS: '300' };
    services = await serviceTestContext({ env });
  });
  afterAll(async () => {
    await worker?.close();
    await services.close();
    await redis.stop();
  });

  it('says it is stalled rather than running, then the reconciler queues the lost letters again and each goes out once', async () => {
    const call = await createPublishedCall(services);
    const applications = [];
    for (const outcome of ['approved', 'declined', 'declined'] as const) {
      const application = await createApplicationInReview(services, { call });
      await decideApplication(services, application, outcome);
      applications.push(application);
    }
    const release = await releaseDecisions(services, call);
    // Relayed (the letters among the submissions' work), then lost.
    await passesWithin(10_000, async () => {
      await services.get(OutboxRelay).relayPending();
      expect(await services.get(DataSource).query(`SELECT job_id FROM outbox_message WHERE dispatched_at IS NULL`)).toEqual([]);
    });
    // What a Redis that restarted without its data (no persistence, or a new instance) holds.
    const client = new Redis(redis.url);
    await client.flushall();
    client.disconnect();

    const releases = services.get(ReleaseService);
    expect(await releases.progress(call.officer, call.call.id, release.id)).toMatchObject({ total: 3, emailsSent: 0, failed: 0, stalled: 3, status: 'stalled' });

    worker = await startWorker(testConfig(env));
    await passesWithin(30_000, async () => expect(await releases.progress(call.officer, call.call.id, release.id)).toMatchObject({ emailsSent: 3, stalled: 0, status: 'completed' }));
    for (const { owner } of applications) {
      expect((await mailbox.messagesTo(owner.email)).filter((message) => message.attachments.some((file) => file.contentType === 'application/pdf'))).toHaveLength(1);
    }
    // The recurring jobs' schedules were lost with the rest, and are back.
    await passesWithin(5_000, async () => expect(await services.get(QueueRegistry).get(reviewRemindersJob.queue).getJobScheduler(reviewRemindersJob.name)).toBeDefined());
  });
});

describe('a release while the mail server is down', () => {
  let services: ServiceTestContext;
  let worker: INestApplicationContext;

  beforeAll(async () => {
    // Nothing listens on port 9; the next try is a minute away.
    const env = { ...(await isolatedEnvironment('release_retrying')), SMTP_URL: 'smtp://127.0.0.1:9', JOB_BACKOFF_MS: '60000' };
    services = await serviceTestContext({ env });
    worker = await startWorker(testConfig(env));
  });
  afterAll(async () => {
    await worker.close();
    await services.close();
  });

  it('shows the letter being retried and why while it happens, not "running, 0 failed" until its tries are used up', async () => {
    const application = await createApplicationInReview(services);
    await decideApplication(services, application, 'declined');
    const release = await releaseDecisions(services, application);
    const progress = await passesWithin(20_000, async () => {
      const now = await services.get(ReleaseService).progress(application.officer, application.call.id, release.id);
      expect(now).toMatchObject({ total: 1, lettersGenerated: 1, emailsSent: 0, failed: 0, retrying: 1, stalled: 0, status: 'running' });
      return now;
    });
    expect(progress.retries).toEqual([
      expect.objectContaining({ referenceNumber: application.application.referenceNumber, stage: 'email', attempts: 1, error: expect.stringMatching(/ECONNREFUSED|connect/i) }),
    ]);
    expect(progress.retries[0]!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
  });
});
