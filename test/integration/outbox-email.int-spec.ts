import { INestApplicationContext } from '@nestjs/common';
import { OutboxService, QueueRegistry } from '@grants/core';
import { EmailAcceptanceLedger, messageIdFor, NotificationService, sendEmailJob } from '@grants/notifications';
import { eventually, Mailbox, uniqueEmail } from '@grants/testing';
import { DataSource } from 'typeorm';
import { freePort } from '../../scripts/services/ports';
import { RunningRedis, startRedis } from '../../scripts/services/redis';
import { startWorker, testConfig } from '../support/apps';
import { createIsolatedDatabase } from '../support/databases';

const mailbox = new Mailbox();

function sendVerification(worker: INestApplicationContext, to: string, key: string, rollBack = false): Promise<void> {
  const notifications = new NotificationService(worker.get(OutboxService));
  return worker.get(DataSource).transaction(async (manager) => {
    await notifications.sendEmail(manager, {
      key,
      to: [to],
      locale: 'fr',
      template: 'account-verification',
      data: { name: 'Amélie Côté-Wâpos', verifyUrl: 'http://localhost:3000/verify?token=abc' },
    });
    if (rollBack) throw new Error('the state change failed');
  });
}

describe('email through the transactional outbox', () => {
  let worker: INestApplicationContext;

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(() => worker.close());

  it('delivers an email written in a committed transaction, rendered in the recipient’s language', async () => {
    const to = uniqueEmail('outbox');
    await sendVerification(worker, to, `test/${to}`);

    const [message] = await mailbox.waitFor(to);
    expect(message!.subject).toBe('Confirmez votre adresse courriel');
    expect(message!.text).toContain('Bonjour Amélie Côté-Wâpos,');
    expect(message!.text).toContain('http://localhost:3000/verify?token=abc');
    expect(message!.html).toContain('<html lang="fr">');
    expect(message!.html).toContain('Amélie Côté-Wâpos');
  });

  it('sends nothing for a transaction that rolled back', async () => {
    const rolledBack = uniqueEmail('rolled-back');
    const committed = uniqueEmail('committed');
    await expect(sendVerification(worker, rolledBack, `test/${rolledBack}`, true)).rejects.toThrow('the state change failed');
    await sendVerification(worker, committed, `test/${committed}`);

    await mailbox.waitFor(committed);
    expect(await mailbox.messagesTo(rolledBack)).toHaveLength(0);
  });

  it('sends an email once however often the same work is requested', async () => {
    const to = uniqueEmail('twice');
    await sendVerification(worker, to, `test/${to}`);
    await sendVerification(worker, to, `test/${to}`);
    await mailbox.waitFor(to);
    // Jobs run in parallel, so wait for later work to be through before counting again.
    const later = uniqueEmail('later');
    await sendVerification(worker, later, `test/${later}`);
    await mailbox.waitFor(later);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await mailbox.messagesTo(to)).toHaveLength(1);
  });
});

describe('email through the outbox while Redis is down', () => {
  let redis: RunningRedis;
  let redisPort: number;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    redisPort = await freePort();
    redis = await startRedis({ port: redisPort });
    const databaseUrl = await createIsolatedDatabase('outbox_redis_down');
    worker = await startWorker(testConfig({ REDIS_URL: redis.url, DATABASE_URL: databaseUrl }));
    dataSource = worker.get(DataSource);
  });
  afterAll(async () => {
    await worker.close();
    await redis.stop();
  });

  it('keeps the email while Redis is stopped and delivers it exactly once when Redis is back', async () => {
    await redis.stop();
    const to = uniqueEmail('redis-down');
    await sendVerification(worker, to, `test/${to}`);

    // The relay tried, failed, and kept the row.
    const failed = await eventually('the relay to record a failed attempt', async () => {
      const [row] = await dataSource.query(`SELECT relay_attempts, dispatched_at, last_error FROM outbox_message WHERE job_id = $1`, [`email-send/test/${to}`]);
      return row && row.relay_attempts >= 2 ? row : undefined;
    });
    expect(failed.dispatched_at).toBeNull();
    expect(failed.last_error).toEqual(expect.any(String));
    expect(await mailbox.messagesTo(to)).toHaveLength(0);

    redis = await startRedis({ port: redisPort });
    await mailbox.waitFor(to, { timeoutMs: 30_000 });

    // A relay that died after handing the job over but before marking it hands it over again:
    // the job id and the delivery record keep that from sending a second email.
    await dataSource.query(`UPDATE outbox_message SET dispatched_at = NULL WHERE job_id = $1`, [`email-send/test/${to}`]);
    const marker = uniqueEmail('marker');
    await sendVerification(worker, marker, `test/${marker}`);
    await mailbox.waitFor(marker, { timeoutMs: 30_000 });
    expect(await mailbox.messagesTo(to)).toHaveLength(1);
  });
});

describe('email when the database fails after SMTP accepted it', () => {
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    const databaseUrl = await createIsolatedDatabase('outbox_delivery_refused');
    worker = await startWorker(testConfig({ DATABASE_URL: databaseUrl, JOB_BACKOFF_MS: '200' }));
    dataSource = worker.get(DataSource);
  });
  afterAll(() => worker.close());

  it('sends once: the retry finds the acceptance in Redis and records it when the database takes writes again', async () => {
    // The database refuses the delivery record, as it does when it restarts between send and record.
    await dataSource.query(`
      CREATE FUNCTION refuse_delivery() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'the database is restarting'; END $$;
      CREATE TRIGGER refuse_delivery BEFORE INSERT ON email_delivery FOR EACH ROW EXECUTE FUNCTION refuse_delivery();`);
    const to = uniqueEmail('delivery-refused');
    const jobId = `email-send/test/${to}`;
    await sendVerification(worker, to, `test/${to}`);

    const [sent] = await mailbox.waitFor(to);
    const ledger = worker.get(EmailAcceptanceLedger);
    const queue = worker.get(QueueRegistry).get(sendEmailJob.queue);
    await eventually('a retry to have run into the refusal too', async () => ((await queue.getJob(jobId))?.attemptsMade ?? 0) >= 2 || undefined);
    expect(await ledger.find(jobId)).toMatchObject({ jobId, recipients: [to], messageId: sent!.messageId });

    await dataSource.query(`DROP TRIGGER refuse_delivery ON email_delivery`);
    const delivery = await eventually('the delivery to be recorded', async () => {
      const [row] = await dataSource.query(`SELECT message_id FROM email_delivery WHERE job_id = $1`, [jobId]);
      return row as { message_id: string } | undefined;
    });
    expect(delivery.message_id).toBe(sent!.messageId);
    expect(await ledger.find(jobId)).toBeNull();
    expect(await mailbox.messagesTo(to)).toHaveLength(1);
    // Derived from the job id: a copy SMTP itself makes carries the same one.
    expect(sent!.messageId).toBe(messageIdFor(jobId, testConfig().appUrl));
  });
});
