import 'reflect-metadata';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplication, INestApplicationContext } from '@nestjs/common';
import { ReleaseService } from '@grants/awards';
import { CallsDemoSeeder, DEMO_CBSF_CALL_ID } from '@grants/calls';
import { loadConfig, runMigrations } from '@grants/core';
import { Actor, IdentityDemoSeeder } from '@grants/identity';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import { createWorker } from '../apps/worker/src/create-worker';
import { freePort } from '../scripts/services/ports';
import { startEmbeddedPostgres } from '../scripts/services/postgres';
import { ensureRedisServer, startRedis } from '../scripts/services/redis';
import { runBenchmark, say, stopLater } from './lifecycle';
import { seedDecisions } from './seed-decisions';
import { startSmtpSink } from './smtp-sink';

/**
 * `npm run bench:letters`: releasing the decisions of a call of BENCH_LETTERS applications (default
 * 300) on real services: how long the release request takes, then how fast the worker renders the
 * PDF letters and emails them (with the PDF attached) to an SMTP sink.
 */

async function main(): Promise<void> {
  const count = countOrExit(process.env.BENCH_LETTERS);
  const baseDir = await mkdtemp(path.join(tmpdir(), 'grants-bench-letters-'));
  await chmod(baseDir, 0o755);
  stopLater('temp dir', { stop: () => rm(baseDir, { recursive: true, force: true }) });
  ensureRedisServer(say);
  say('starting PostgreSQL, Redis and the SMTP sink on loopback...');
  const [postgres, redis, sink] = await Promise.all([
    freePort()
      .then((port) => startEmbeddedPostgres({ dataDir: path.join(baseDir, 'postgres'), port, database: 'grants_bench', ephemeral: true }))
      .then((service) => stopLater('PostgreSQL', service)),
    freePort()
      .then((port) => startRedis({ port }))
      .then((service) => stopLater('Redis', service)),
    startSmtpSink().then((service) => stopLater('SMTP sink', service)),
  ]);
  await runMigrations(postgres.url);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: postgres.url, REDIS_URL: redis.url, SMTP_URL: sink.url, OUTBOX_POLL_MS: '50', DATA_DIR: path.join(baseDir, 'data') });
  const api: INestApplication = await createApi(config);
  stopLater('api', { stop: () => api.close() });
  await api.get(IdentityDemoSeeder).seed();
  await api.get(CallsDemoSeeder).seed();
  const dataSource = api.get(DataSource);
  say(`seeding ${count} decided applications...`);
  const recipients = await seedDecisions(dataSource, count);

  const worker: INestApplicationContext = await createWorker(config);
  stopLater('worker', { stop: () => worker.close() });
  const [officer] = (await dataSource.query(`SELECT id, email, name FROM user_account WHERE email = 'officer@example.org'`)) as Array<{ id: string; email: string; name: string }>;
  const actor: Actor = { userId: officer!.id, email: officer!.email, name: officer!.name, locale: 'en', roles: ['officer'], panels: [], sessionId: 'bench' };

  say(`releasing ${count} decisions...`);
  const begin = performance.now();
  const release = await api.get(ReleaseService).release(actor, DEMO_CBSF_CALL_ID);
  const released = performance.now();
  const letterTimes: number[] = [];
  let lettersDone = 0;
  const watchLetters = (async () => {
    while (lettersDone < count) {
      const [{ generated }] = (await dataSource.query(`SELECT count(*)::int AS generated FROM decision_letter WHERE release_id = $1 AND generated_at IS NOT NULL`, [release.id])) as Array<{ generated: number }>;
      while (lettersDone < generated) (letterTimes[lettersDone++] = performance.now());
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const received = await sink.waitFor(recipients, 60_000 + count * 200);
  await watchLetters;
  const emailed = Math.max(...received.values());
  const progress = await api.get(ReleaseService).progress(actor, DEMO_CBSF_CALL_ID, release.id);
  if (progress.emailsSent !== count || progress.failed !== 0) throw new Error(`release ended with ${JSON.stringify(progress)}`);
  const [{ bytes }] = (await dataSource.query(`SELECT avg(size_bytes)::int AS bytes FROM decision_letter WHERE release_id = $1`, [release.id])) as Array<{ bytes: number }>;

  const lastLetter = letterTimes[letterTimes.length - 1]!;
  process.stdout.write(
    [
      '',
      `Releasing the decisions of one call: ${count} applications (two thirds approved, one third declined; English and French)`,
      `Node ${process.version}, ${availableParallelism()} CPUs; PostgreSQL, Redis and the SMTP sink on loopback; the worker in this process (4 jobs at a time per queue)`,
      '',
      `release request (awards, payment schedules, outbox):  ${ms(released - begin)}`,
      `all letters rendered and stored:                       ${seconds(lastLetter - begin)}   ${Math.round(count / ((lastLetter - begin) / 1000))} letters/s`,
      `all letters emailed, PDF attached:                     ${seconds(emailed - begin)}   ${Math.round(count / ((emailed - begin) / 1000))} emails/s`,
      `first letter emailed after:                            ${ms(Math.min(...received.values()) - begin)}`,
      `average letter size:                                   ${Math.round(bytes / 1024)} KiB`,
      '',
    ].join('\n'),
  );
}

function countOrExit(value: string | undefined): number {
  if (value === undefined || value === '') return 300;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) {
    process.stderr.write(`[bench] BENCH_LETTERS must be a whole number of 1 or more, not "${value}"\n`);
    process.exit(1);
  }
  return count;
}

const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(2)} s`;
const ms = (milliseconds: number): string => `${Math.round(milliseconds)} ms`;

runBenchmark(main);
