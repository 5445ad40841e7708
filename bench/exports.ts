import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { INestApplication } from '@nestjs/common';
import { loadConfig, runMigrations } from '@grants/core';
import { argon2id, hash } from 'argon2';
import { Client, Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApi } from '../apps/api/src/create-api';
import { CBSF_FUND_ID } from '../migrations/1795428000000-Intake';
import { AppProcess, startWorkerProcess, WORKER_NODE_ARGS } from '../scripts/services/app-processes';
import { freePort } from '../scripts/services/ports';
import { runBenchmark, say, stopLater } from './lifecycle';
import { countFromEnv, ms, seconds, table } from './report';
import { seedReviews } from './seed-reviews';
import { startBenchServices } from './services';
import { callBody } from './spike-http';

/**
 * `npm run bench:exports`: the officer's applications export of a call of BENCH_APPLICATIONS
 * applications (default 10,000, seeded as bench:ranking seeds them), asked through the API as XLSX
 * and then as CSV. EXPORT_INLINE_ROWS is set to 100, so that both take the background path: the
 * worker, a process of its own from dist/ as in production, builds each file into storage while the
 * bench polls its progress. It prints how long each took from the request to ready, rows per second,
 * and the worker's peak RSS beside its RSS at rest; and in the same run the baseline: the bare SQL
 * reading the same rows with pg, all at once.
 */
const PASSWORD = 'correct horse battery staple';
const RSS_SAMPLE_MS = 100;
const POLL_MS = 100;
/** The worker's resident memory may grow by this much over its RSS at rest while exporting, whatever the size. */
const RSS_GROWTH_LIMIT_MB = 150;
const INLINE_ROWS = '100';

interface Run {
  format: 'xlsx' | 'csv';
  ms: number;
  rows: number;
  bytes: number;
  peakMb: number;
  progressSeen: number;
}

async function main(): Promise<void> {
  const count = countFromEnv('BENCH_APPLICATIONS', 10_000);
  const started = performance.now();
  const { baseDir, postgres, redis, sink } = await startBenchServices('exports');
  await runMigrations(postgres.url);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SMTP_URL: sink.url,
    OUTBOX_POLL_MS: '50',
    DATA_DIR: path.join(baseDir, 'data'),
    EXPORT_INLINE_ROWS: INLINE_ROWS,
    RATE_LIMIT_PER_MINUTE: '1000000',
    AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  };
  const api: INestApplication = await createApi(loadConfig(env));
  stopLater('api', { stop: () => api.close() });
  const port = await freePort();
  await api.listen(port, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${port}/api/v1`;
  const dataSource = api.get(DataSource);

  const officer = { id: randomUUID(), email: 'officer@bench.ontario.ca' };
  await dataSource.query(`INSERT INTO user_account (id, email, name, locale, password_hash, roles, email_verified_at) VALUES ($1, $2, 'Olivia Officer', 'en', $3, '{applicant,officer}', now())`, [
    officer.id,
    officer.email,
    await hash(PASSWORD, { type: argon2id }),
  ]);
  const login = (await call(baseUrl, 'POST', '/auth/login', '', { email: officer.email, password: PASSWORD }, 200)) as { accessToken: string };
  const token = login.accessToken;
  const created = (await call(baseUrl, 'POST', '/calls', token, { ...callBody(CBSF_FUND_ID), minRequestCents: 2_000_000, maxRequestCents: 25_000_000, reviewersPerApplication: 3 }, 201)) as { id: string };
  const callId = created.id;
  await call(baseUrl, 'POST', `/calls/${callId}/publish`, token, undefined, 200);
  await dataSource.query(`UPDATE call SET opens_at = now() - interval '60 days', closes_at = now() - interval '5 days' WHERE id = $1`, [callId]);

  say(`seeding ${count} applications (bench/seed-reviews.ts)...`);
  const seedStarted = performance.now();
  const pool = new Pool({ connectionString: postgres.url, max: 1 });
  pool.on('error', () => undefined);
  stopLater('seed pool', { stop: () => pool.end() });
  const client = await pool.connect();
  await seedReviews(client, callId, officer.id, count).finally(() => client.release());
  const seedMs = performance.now() - seedStarted;

  say('starting the worker process (dist/apps/worker)...');
  const worker: AppProcess = stopLater('worker', await startWorkerProcess(env));
  // At rest: booted, connected, and idle for a moment.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const restMb = (await memoryOf(worker.pid)).rssMb;

  const runs: Run[] = [];
  for (const format of ['xlsx', 'csv'] as const) {
    say(`exporting ${count} applications as ${format.toUpperCase()} in the background...`);
    runs.push(await exportOnce(baseUrl, token, callId, format, worker.pid));
  }

  say('baseline: the same rows in bare SQL with pg...');
  const baseline = new Client({ connectionString: postgres.url });
  await baseline.connect();
  stopLater('baseline client', { stop: () => baseline.end() });
  const sqlStarted = performance.now();
  const read = await baseline.query(
    `SELECT a.reference_number, c.title, f.code, o.legal_name, o.region, a.status, a.title, a.submitted_at, a.requested_cents, a.answers
       FROM application a JOIN organization o ON o.id = a.organization_id JOIN call c ON c.id = a.call_id JOIN fund f ON f.id = c.fund_id
      WHERE a.call_id = $1 ORDER BY a.reference_number`,
    [callId],
  );
  const sqlMs = performance.now() - sqlStarted;

  const rowsPerSecond = (rows: number, milliseconds: number): string => `${Math.round(rows / (milliseconds / 1000)).toLocaleString('en-CA')}`;
  const worst = Math.max(...runs.map((run) => run.peakMb));
  process.stdout.write(
    [
      '',
      `The applications export of one call: ${count} applications (seeded in ${seconds(seedMs)}), through the API, built by the worker (EXPORT_INLINE_ROWS=${INLINE_ROWS}: the background path)`,
      `Node ${process.version}, ${availableParallelism()} CPUs; PostgreSQL, Redis and the API in this process on loopback; the worker a process of its own (dist/, ${WORKER_NODE_ARGS.join(' ')})`,
      '',
      table(
        ['', 'request to ready', 'rows/s', 'file', 'progress polls seen', 'worker peak RSS'],
        [
          ...runs.map((run) => [`export ${run.format.toUpperCase()}`, seconds(run.ms), rowsPerSecond(run.rows, run.ms), `${(run.bytes / 1024 / 1024).toFixed(1)} MiB`, String(run.progressSeen), `${Math.round(run.peakMb)} MB`]),
          [`baseline: bare SQL, pg, all at once (${read.rowCount} rows)`, ms(sqlMs), rowsPerSecond(read.rowCount ?? 0, sqlMs), '', '', ''],
          ['worker at rest, before the exports', '', '', '', '', `${Math.round(restMb)} MB`],
        ],
      ),
      '',
      `worker RSS: at rest ${Math.round(restMb)} MB, peak while exporting ${Math.round(worst)} MB (+${Math.round(worst - restMb)} MB; bound +${RSS_GROWTH_LIMIT_MB} MB)`,
      '',
    ].join('\n'),
  );
  say(`done in ${((performance.now() - started) / 1000).toFixed(1)} s, stopping...`);
  for (const run of runs) if (run.rows !== count) throw new Error(`the ${run.format} export has ${run.rows} rows, not ${count}`);
  if (worst - restMb > RSS_GROWTH_LIMIT_MB) throw new Error(`the worker grew by ${Math.round(worst - restMb)} MB while exporting, over the ${RSS_GROWTH_LIMIT_MB} MB bound`);
}

/** Asks for the export, polls its progress until ready while sampling the worker's memory, then downloads the file. */
async function exportOnce(baseUrl: string, token: string, callId: string, format: 'xlsx' | 'csv', workerPid: number): Promise<Run> {
  const memory = sampleMemory(workerPid);
  const begin = performance.now();
  const asked = (await call(baseUrl, 'GET', `/exports/applications.${format}?callId=${callId}`, token, undefined, 202)) as { id: string; totalRows: number };
  let progressSeen = 0;
  for (;;) {
    const progress = (await call(baseUrl, 'GET', `/exports/${asked.id}`, token, undefined, 200)) as { status: string; rowsWritten: number; totalRows: number; error: string | null };
    if (progress.rowsWritten > 0 && progress.status === 'running') progressSeen++;
    if (progress.status === 'ready') break;
    if (progress.status === 'failed') throw new Error(`the ${format} export failed: ${progress.error}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const elapsed = performance.now() - begin;
  const peakMb = await memory.stop();
  const done = (await call(baseUrl, 'GET', `/exports/${asked.id}`, token, undefined, 200)) as { rowsWritten: number; totalRows: number };
  const file = await fetch(`${baseUrl}/exports/${asked.id}/file`, { headers: { authorization: `Bearer ${token}` } });
  if (file.status !== 200) throw new Error(`the ${format} file answered ${file.status}`);
  const bytes = (await file.arrayBuffer()).byteLength;
  if (done.rowsWritten !== done.totalRows) throw new Error(`rowsWritten ${done.rowsWritten} is not totalRows ${done.totalRows}`);
  return { format, ms: elapsed, rows: done.rowsWritten, bytes, peakMb, progressSeen };
}

async function call(baseUrl: string, method: string, route: string, token: string, body: unknown, status: number): Promise<unknown> {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== status) throw new Error(`${method} ${route} answered ${response.status}, not ${status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : null;
}

/** The process's resident memory now and its high-water mark, from /proc/<pid>/status, in MB. */
async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kilobytes = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rssMb: kilobytes('VmRSS') / 1024, peakMb: kilobytes('VmHWM') / 1024 };
}

/** Samples the process's RSS every RSS_SAMPLE_MS until stopped; resolves with the peak seen. */
function sampleMemory(pid: number): { stop(): Promise<number> } {
  let peak = 0;
  const sample = async (): Promise<void> => {
    peak = Math.max(peak, (await memoryOf(pid)).rssMb);
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
