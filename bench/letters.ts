import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { DecisionLetterEntity, LetterService, ReleaseService } from '@grants/awards';
import { CallsDemoSeeder, DEMO_CBSF_CALL_ID } from '@grants/calls';
import { loadConfig, runMigrations } from '@grants/core';
import { LetterContent, renderLetterInThisThread } from '@grants/documents';
import { Actor, IdentityDemoSeeder } from '@grants/identity';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import { AppProcess, startWorkerProcess } from '../scripts/services/app-processes';
import { runBenchmark, say, stopLater } from './lifecycle';
import { countFromEnv, ms, seconds } from './report';
import { seedDecisions } from './seed-decisions';
import { startBenchServices } from './services';

/**
 * `npm run bench:letters`: releasing the decisions of a call of BENCH_LETTERS applications (default
 * 2000) on real services: how long the release request takes, then how fast the worker, a process of
 * its own from dist/ as in production, renders the PDF letters and emails them (with the PDF
 * attached) to an SMTP sink, and how much memory it takes meanwhile. In the same run, the baseline:
 * the project's own renderer called in a bare loop in this process's main thread (one core, no
 * pool, no database or SMTP) on the contents of the first BASELINE_LETTERS of those letters.
 */
const DEFAULT_LETTERS = 2000;
const BASELINE_LETTERS = 200;
/** Letters rendered before the baseline's clock starts, so it leaves out reading the fonts, as a render thread does after its first. */
const BASELINE_WARM_UP = 10;
/** The target: 60% of what the bare renderer does on both cores, that is 1.2 times the bare loop on one core. */
const TARGET_RATIO = 1.2;
const RSS_LIMIT_MB = 300;
const RSS_SAMPLE_MS = 200;

async function main(): Promise<void> {
  const count = countFromEnv('BENCH_LETTERS', DEFAULT_LETTERS);
  const { baseDir, postgres, redis, sink } = await startBenchServices('letters');
  await runMigrations(postgres.url);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SMTP_URL: sink.url,
    OUTBOX_POLL_MS: '50',
    DATA_DIR: path.join(baseDir, 'data'),
    ...(process.env.RENDER_THREADS ? { RENDER_THREADS: process.env.RENDER_THREADS } : {}),
  };
  const config = loadConfig(env);
  const api: INestApplication = await createApi(config);
  stopLater('api', { stop: () => api.close() });
  await api.get(IdentityDemoSeeder).seed();
  await api.get(CallsDemoSeeder).seed();
  const dataSource = api.get(DataSource);
  say(`seeding ${count} decided applications...`);
  const recipients = await seedDecisions(dataSource, count);

  say('starting the worker process (dist/apps/worker)...');
  // e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the worker.
  const nodeArgs = process.env.BENCH_WORKER_NODE_ARGS ? process.env.BENCH_WORKER_NODE_ARGS.split(' ') : [];
  const worker: AppProcess = stopLater('worker', await startWorkerProcess(env, { nodeArgs }));
  const rssAtReady = (await memoryOf(worker.pid)).rssMb;
  const [officer] = (await dataSource.query(`SELECT id, email, name FROM user_account WHERE email = 'officer@example.org'`)) as Array<{ id: string; email: string; name: string }>;
  const actor: Actor = { userId: officer!.id, email: officer!.email, name: officer!.name, locale: 'en', roles: ['officer'], panels: [], sessionId: 'bench' };

  say(`releasing ${count} decisions...`);
  const memory = sampleMemory(worker.pid);
  const loadBefore = loadavg();
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
  const loadDuring = loadavg();
  const peak = await memory.stop();
  const emailed = Math.max(...received.values());
  // The sink has a message a moment before the worker records it as sent.
  let progress = await api.get(ReleaseService).progress(actor, DEMO_CBSF_CALL_ID, release.id);
  for (const settleBy = performance.now() + 10_000; progress.emailsSent < count && progress.failed === 0 && performance.now() < settleBy; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    progress = await api.get(ReleaseService).progress(actor, DEMO_CBSF_CALL_ID, release.id);
  }
  if (progress.emailsSent !== count || progress.failed !== 0) throw new Error(`release ended with ${JSON.stringify(progress)}`);
  if (sink.messages !== count) throw new Error(`the sink accepted ${sink.messages} messages for ${count} letters`);
  const [{ bytes }] = (await dataSource.query(`SELECT avg(size_bytes)::int AS bytes FROM decision_letter WHERE release_id = $1`, [release.id])) as Array<{ bytes: number }>;

  say(`baseline: the same renderer in a bare loop in this thread, ${BASELINE_LETTERS} of the letters...`);
  const contents = await letterContents(api, dataSource, release.id, BASELINE_LETTERS);
  const baseline = await bareLoop(contents);

  const lastLetter = letterTimes[letterTimes.length - 1]!;
  const lettersPerSecond = count / ((lastLetter - begin) / 1000);
  const emailsPerSecond = count / ((emailed - begin) / 1000);
  const threads = process.env.RENDER_THREADS ?? `${availableParallelism()} (the default, one per core)`;
  process.stdout.write(
    [
      '',
      `Releasing the decisions of one call: ${count} applications (two thirds approved, one third declined; English and French)`,
      `Node ${process.version}, ${availableParallelism()} CPUs; PostgreSQL, Redis, the SMTP sink and the API's services in this process on loopback; the worker a process of its own (dist/), ${threads} render threads`,
      `load average before ${loadBefore.map((load) => load.toFixed(2)).join(' ')}, after ${loadDuring.map((load) => load.toFixed(2)).join(' ')}`,
      '',
      `release request:                                       ${ms(released - begin)}`,
      `all letters rendered and stored:                       ${seconds(lastLetter - begin)}   ${lettersPerSecond.toFixed(1)} letters/s`,
      `all letters emailed, PDF attached:                     ${seconds(emailed - begin)}   ${emailsPerSecond.toFixed(1)} emails/s`,
      `first letter emailed after:                            ${ms(Math.min(...received.values()) - begin)}`,
      `average letter size:                                   ${Math.round(bytes / 1024)} KiB`,
      `baseline, bare renderer on one core (${contents.length} letters):    ${baseline.toFixed(1)} letters/s`,
      `ratio rendered and stored / baseline:                  ${(lettersPerSecond / baseline).toFixed(2)}   (target at least ${TARGET_RATIO}: 60% of the bare renderer on both cores)`,
      `ratio emailed / baseline:                              ${(emailsPerSecond / baseline).toFixed(2)}`,
      `worker RSS: ready ${Math.round(rssAtReady)} MB, peak ${Math.round(peak)} MB   (target under ${RSS_LIMIT_MB} MB)`,
      '',
    ].join('\n'),
  );
}

/** The letters' contents as the render handler reads them, ordered as the seed made them (every kind and language in turn). */
async function letterContents(api: INestApplication, dataSource: DataSource, releaseId: string, limit: number): Promise<LetterContent[]> {
  const rows = (await dataSource.query(
    `SELECT letter.application_id AS "applicationId" FROM decision_letter letter JOIN application ON application.id = letter.application_id
     WHERE letter.release_id = $1 ORDER BY application.reference_number LIMIT $2`,
    [releaseId, limit],
  )) as Array<{ applicationId: string }>;
  const letters = await Promise.all(rows.map(({ applicationId }) => dataSource.manager.findOneByOrFail(DecisionLetterEntity, { applicationId })));
  const service = api.get(LetterService);
  return Promise.all(letters.map((letter) => service.contentFor(dataSource.manager, letter)));
}

/** Letters per second of the renderer called one letter after another in this thread, the fonts already read. */
async function bareLoop(contents: readonly LetterContent[]): Promise<number> {
  for (const content of contents.slice(0, BASELINE_WARM_UP)) await renderLetterInThisThread(content);
  const started = performance.now();
  for (const content of contents) await renderLetterInThisThread(content);
  return contents.length / ((performance.now() - started) / 1000);
}

/** The process's resident memory now and its high-water mark, from /proc/<pid>/status, in MB. */
async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

/** Samples the process's memory every RSS_SAMPLE_MS until stopped; resolves with the peak seen (the high-water mark covers what falls between samples). */
function sampleMemory(pid: number): { stop(): Promise<number> } {
  let peak = 0;
  const sample = async (): Promise<void> => {
    const { rssMb, peakMb } = await memoryOf(pid);
    peak = Math.max(peak, rssMb, peakMb);
  };
  const timer = setInterval(() => void sample(), RSS_SAMPLE_MS);
  return {
    stop: async () => {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}

runBenchmark(main);
