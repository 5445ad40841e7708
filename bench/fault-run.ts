import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { ReleaseProgress, ReleaseService } from '@grants/awards';
import { CallsDemoSeeder, DEMO_CBSF_CALL_ID } from '@grants/calls';
import { loadConfig, runMigrations } from '@grants/core';
import { Actor, IdentityDemoSeeder } from '@grants/identity';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import { AppProcess, startWorkerProcess } from '../scripts/services/app-processes';
import { freePort } from '../scripts/services/ports';
import { RunningPostgres, startEmbeddedPostgres } from '../scripts/services/postgres';
import { RunningRedis, startRedis } from '../scripts/services/redis';
import { seedDecisions } from './seed-decisions';
import { SmtpSink, startSmtpSink } from './smtp-sink';

/** Jobs a worker runs at once per queue (apps/worker/src/job-runtime.ts). */
const WORKER_CONCURRENCY = 4;

/** One piece of the system broken in the middle of a release, then brought back. */
export const FAULTS = ['worker-killed', 'redis-restarted', 'redis-emptied', 'postgres-restarted', 'smtp-down', 'smtp-crash-after-accept'] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultOutcome {
  fault: Fault;
  decisions: number;
  /** Emails the worker recorded as sent (one per letter). */
  emails: number;
  /** Copies that reached a mailbox more than once, all with the same Message-ID as the first. */
  sameIdCopies: number;
  /** Emails received that no recorded delivery explains: a second email, different, for the same letter. */
  unexplained: number;
  /** Recorded deliveries some recipient never received, and letters never emailed. */
  missing: number;
  seconds: number;
  /** What the release said while the fault lasted (and until the work moved again). */
  statusesDuringFault: string[];
  maxRetrying: number;
  maxStalled: number;
  finalStatus: string;
}

export interface FaultRig {
  run(fault: Fault, decisions: number): Promise<FaultOutcome>;
  stop(): Promise<void>;
}

/** Worker settings that make a fault run take seconds: short retries, locks and reconciliation. */
const QUICK_RECOVERY = { OUTBOX_POLL_MS: '100', JOB_BACKOFF_MS: '500', OUTBOX_RECONCILE_MS: '1000', JOB_LOCK_MS: '4000', JOB_STALLED_CHECK_MS: '1000' };

/**
 * PostgreSQL, Redis and an SMTP sink of its own (so it can break them), and for each run a fresh
 * database, two worker processes (the built dist/, as in production) and the API's services in
 * this process, which release the decisions and follow the release as an officer's page would.
 */
export async function startFaultRig(baseDir: string, say: (line: string) => void): Promise<FaultRig> {
  const postgresPort = await freePort();
  const redisPort = await freePort();
  const startPostgres = (): Promise<RunningPostgres> => startEmbeddedPostgres({ dataDir: path.join(baseDir, 'postgres'), port: postgresPort, database: 'postgres' });
  let postgres = await startPostgres();
  let redisData = 0;
  const startRedisWith = (keep: boolean): Promise<RunningRedis> => startRedis({ port: redisPort, dataDir: path.join(baseDir, `redis-${keep ? redisData : ++redisData}`) });
  let redis = await startRedisWith(true);
  const sink: SmtpSink = await startSmtpSink();
  let round = 0;

  const breakAndMend: Record<Fault, (workers: AppProcess[], env: Record<string, string>) => Promise<void>> = {
    'worker-killed': async (workers, env) => {
      await workers[0]!.kill('SIGKILL');
      workers[0] = await startWorkerProcess(env); // the host restarts it; meanwhile the other worker takes over its jobs
    },
    'redis-restarted': async () => {
      await redis.stop();
      await pause(1500);
      redis = await startRedisWith(true);
    },
    'redis-emptied': async () => {
      await redis.stop();
      await pause(1500);
      redis = await startRedisWith(false);
    },
    'postgres-restarted': async () => {
      await postgres.stop();
      await pause(1500);
      postgres = await startPostgres();
    },
    'smtp-down': async () => {
      await sink.down();
      await pause(4000);
      await sink.up();
    },
    'smtp-crash-after-accept': async () => sink.crashAfterAccepting(3),
  };

  return {
    async run(fault, decisions) {
      const database = `faults_${++round}_${fault.replace(/-/g, '_')}`;
      const admin = new Client({ connectionString: postgres.url });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${database}"`);
      await admin.end();
      const databaseUrl = postgres.url.replace(/\/postgres$/, `/${database}`);
      await runMigrations(databaseUrl);
      const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: databaseUrl,
        REDIS_URL: redis.url,
        SMTP_URL: sink.url,
        QUEUE_PREFIX: database,
        DATA_DIR: path.join(baseDir, database),
        ...QUICK_RECOVERY,
      };
      const api: INestApplication = await createApi(loadConfig({ ...env, LOG_LEVEL: 'silent' }));
      const workers: AppProcess[] = [];
      try {
        await api.get(IdentityDemoSeeder).seed();
        await api.get(CallsDemoSeeder).seed();
        const dataSource = api.get(DataSource);
        const recipients = await seedDecisions(dataSource, decisions, database.replace(/_/g, '-'));
        workers.push(...(await Promise.all([startWorkerProcess(env), startWorkerProcess(env)])));
        const actor = await demoOfficer(dataSource);
        const releases = api.get(ReleaseService);

        const begin = performance.now();
        const release = await releases.release(actor, DEMO_CBSF_CALL_ID);
        const seen = { statuses: new Set<string>(), maxRetrying: 0, maxStalled: 0, watching: false, last: null as ReleaseProgress | null };
        const follow = async (): Promise<ReleaseProgress | null> => {
          const progress = await releases.progress(actor, DEMO_CBSF_CALL_ID, release.id).catch(() => null);
          if (seen.watching) {
            seen.statuses.add(progress?.status ?? 'database away');
            seen.maxRetrying = Math.max(seen.maxRetrying, progress?.retrying ?? 0);
            seen.maxStalled = Math.max(seen.maxStalled, progress?.stalled ?? 0);
          }
          if (progress) seen.last = progress;
          return progress;
        };
        const watcher = setInterval(() => void follow(), 200);
        try {
          // Break it once the first emails are out and most of the work is still to do.
          await until(() => recipients.some((address) => sink.messageIdsTo(address).length > 0), 60_000, 'the first email');
          seen.watching = true;
          say(`${fault}: breaking it with ${recipients.filter((address) => sink.messageIdsTo(address).length > 0).length} of ${decisions} emailed`);
          await breakAndMend[fault](workers, env);
          const emailedAtMend = sink.messages;
          await until(() => sink.messages > emailedAtMend, 60_000, 'work to move again').catch(() => undefined);
          seen.watching = false;
          await until(async () => ['completed', 'completed_with_failures'].includes((await follow())?.status ?? ''), 120_000 + decisions * 500, 'the release to finish');
        } finally {
          clearInterval(watcher);
        }
        const seconds = (performance.now() - begin) / 1000;
        await pause(1500); // a late copy (a retry in flight) would land now
        const delivered: Array<{ recipients: string[]; message_id: string }> = await dataSource.query(`SELECT recipients, message_id FROM email_delivery WHERE job_id LIKE 'email-send/letter/%'`);
        let sameIdCopies = 0;
        let unexplained = 0;
        let missing = decisions - delivered.length;
        for (const address of recipients) {
          const expected = new Set(delivered.filter((row) => row.recipients.includes(address)).map((row) => row.message_id));
          const received = sink.messageIdsTo(address);
          for (const id of expected) if (!received.includes(id)) missing++;
          const distinct = new Set(received);
          unexplained += [...distinct].filter((id) => !expected.has(id)).length;
          sameIdCopies += received.length - distinct.size;
        }
        return {
          fault,
          decisions,
          emails: delivered.length,
          sameIdCopies,
          unexplained,
          missing,
          seconds,
          statusesDuringFault: [...seen.statuses],
          maxRetrying: seen.maxRetrying,
          maxStalled: seen.maxStalled,
          finalStatus: seen.last?.status ?? 'unknown',
        };
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
        await api.close();
      }
    },
    async stop() {
      await sink.stop();
      await redis.stop();
      await postgres.stop();
    },
  };
}

/** What did not hold: every letter emailed once; a copy only in SMTP's own window, with the first one's Message-ID. */
export function brokenPromises(outcome: FaultOutcome): string[] {
  const problems: string[] = [];
  if (outcome.missing > 0) problems.push(`${outcome.missing} letter email(s) missing`);
  if (outcome.unexplained > 0) problems.push(`${outcome.unexplained} email(s) sent twice with a different Message-ID`);
  // A worker killed after SMTP accepted and before it heard so is the same window as SMTP's own:
  // at most the emails it had in flight (4 at a time), each copy with the first one's Message-ID.
  const window = outcome.fault === 'smtp-crash-after-accept' ? 3 : outcome.fault === 'worker-killed' ? WORKER_CONCURRENCY : 0;
  if (outcome.sameIdCopies > window) problems.push(`${outcome.sameIdCopies} copy(ies), more than the ${window} SMTP's own window allows`);
  if (outcome.finalStatus !== 'completed') problems.push(`the release ended ${outcome.finalStatus}`);
  return problems;
}

async function demoOfficer(dataSource: DataSource): Promise<Actor> {
  const [officer] = (await dataSource.query(`SELECT id, email, name FROM user_account WHERE email = 'officer@example.org'`)) as Array<{ id: string; email: string; name: string }>;
  return { userId: officer!.id, email: officer!.email, name: officer!.name, locale: 'en', roles: ['officer'], panels: [], sessionId: 'fault-run' };
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${Math.round(timeoutMs / 1000)} s`);
    await pause(100);
  }
}

const pause = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));
