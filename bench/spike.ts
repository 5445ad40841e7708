import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { runMigrations } from '@grants/core';
import { argon2id, hash } from 'argon2';
import { Pool } from 'pg';
import { CBSF_FUND_ID } from '../migrations/1795428000000-Intake';
import { ApiProcess, AppProcess, startApiProcess, startWorkerProcess } from '../scripts/services/app-processes';
import { freePort } from '../scripts/services/ports';
import { runBenchmark, say, stopLater } from './lifecycle';
import { BaselineResult, cloneDrafts, replayBaseline, ReplayIds, replayPlan } from './spike-baseline';
import { CapturedTransaction, StatementLog } from './spike-capture';
import { countFromEnv, ms, percentile, table } from './report';
import { productionEnv, RAISED_LIMIT, startBenchServices } from './services';
import { addressOf, callBody, expectStatus, inBatches, organizationBody, PDF, saveBodies, send, uploadForm } from './spike-http';

/**
 * `npm run bench:spike`: the deadline spike. BENCH_ORGS organizations (default 200) at once, each
 * saving its draft three times, uploading a PDF and submitting, in that order, against the built API
 * (API_PROCESSES processes, default one per core) and one worker, as separate processes, on real
 * PostgreSQL, Redis and an SMTP sink. Beside it, in the same run, its baseline: the same writes
 * (captured from PostgreSQL's log while one organization did the same) replayed with `pg` straight
 * against the same PostgreSQL, at the same concurrency. BENCH_LOG_LEVEL sets the processes' LOG_LEVEL
 * (default info, the configured default); BENCH_SHOW_CAPTURE=1 prints the captured statements.
 */

type Kind = 'save' | 'upload' | 'submit';
const KINDS: readonly Kind[] = ['save', 'upload', 'submit'];

interface Operation {
  kind: Kind;
  status: number;
  ms: number;
  endedAt: number;
  /** The body of an unexpected answer, for the report. */
  error?: string;
}

interface Applicant {
  index: number;
  userId: string;
  email: string;
  token: string;
  organizationId: string;
  applicationId: string;
  /** What the submit answered. */
  referenceNumber?: string;
}

const PASSWORD = 'correct horse battery staple';
/** Organizations that save, upload and submit before the spike, so its first requests do not meet a cold process; the first of them is captured. */
const WARM_UP_ORGS = 10;
/** Huge on purpose: the spike must measure the work, not the per-address limits (each organization also has its own address). */
/** Statuses each operation answers when it works. */
const EXPECTED: Record<Kind, number> = { save: 200, upload: 201, submit: 200 };
const SETUP_CONCURRENCY = 8;
const TARGET_RATIO = 0.4;
const TARGET_P99_MS = 300;
const OPERATIONS_PER_ORGANIZATION = 5;

async function main(): Promise<void> {
  const count = countFromEnv('BENCH_ORGS', 200);
  const started = performance.now();
  const statementLog = new StatementLog();
  const services = await startBenchServices('spike', { postgresLog: statementLog.sink });
  const { postgres, sink } = services;
  await runMigrations(postgres.url);
  const db = new Pool({ connectionString: postgres.url, max: 4 });
  // PostgreSQL stopping under an idle client is no error of the bench.
  db.on('error', () => undefined);
  stopLater('bench pool', { stop: () => db.end() });

  const logLevel = process.env.BENCH_LOG_LEVEL || 'info';
  const apiProcesses = process.env.API_PROCESSES || String(availableParallelism());
  const env = await productionEnv(services, db, { LOG_LEVEL: logLevel, API_PROCESSES: apiProcesses });
  say(`starting the API (API_PROCESSES=${apiProcesses}, LOG_LEVEL=${logLevel}, NODE_ENV=production)...`);
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the API processes.
  const nodeArgs = process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [];
  const api: ApiProcess = stopLater('API', await startApiProcess(env, { port: await freePort(), nodeArgs }));
  await waitForHealth(api.url);
  const apiPids = await settledApiPids(api.pid, Number(apiProcesses));

  say('setting up: a published call, accounts, organizations and drafts...');
  const passwordHash = await hash(PASSWORD, { type: argon2id });
  const createAccount = async (index: number, roles: string[]): Promise<{ id: string; email: string; token: string }> => {
    const id = randomUUID();
    const email = `${roles.includes('officer') ? 'officer' : 'applicant'}-${index}-${id.slice(0, 8)}@bench.ontario.ca`;
    await db.query(`INSERT INTO user_account (id, email, name, locale, password_hash, roles, panels, email_verified_at) VALUES ($1, $2, $3, 'en', $4, $5, '{}', now())`, [
      id,
      email,
      `Bench ${roles.includes('officer') ? 'Officer' : 'Applicant'} ${index}`,
      passwordHash,
      roles,
    ]);
    const login = await expectStatus(api.url, 200, '/auth/login', { json: { email, password: PASSWORD }, address: addressOf(index) });
    return { id, email, token: login.body.accessToken as string };
  };
  const officer = await createAccount(9999, ['applicant', 'officer']);
  const created = await expectStatus(api.url, 201, '/calls', { token: officer.token, json: callBody(CBSF_FUND_ID), address: addressOf(9999) });
  const callId = created.body.id as string;
  await expectStatus(api.url, 200, `/calls/${callId}/publish`, { token: officer.token, method: 'POST', address: addressOf(9999) });
  // Spike organizations first, then the warm-up ones (their own addresses), then the baseline's template.
  const applicants = await inBatches(count + WARM_UP_ORGS + 1, SETUP_CONCURRENCY, async (index): Promise<Applicant> => {
    const account = await createAccount(index, ['applicant']);
    const address = addressOf(index);
    const organization = await expectStatus(api.url, 201, '/organizations', { token: account.token, json: organizationBody(index, account.email), address });
    const draft = await expectStatus(api.url, 201, `/calls/${callId}/applications`, { token: account.token, json: { organizationId: organization.body.id }, address });
    return { index, userId: account.id, email: account.email, token: account.token, organizationId: organization.body.id as string, applicationId: draft.body.id as string };
  });
  const spikers = applicants.slice(0, count);
  const warmUps = applicants.slice(count, count + WARM_UP_ORGS);
  const template = applicants[count + WARM_UP_ORGS]!;

  say(`warm-up: ${WARM_UP_ORGS} organizations, the first with PostgreSQL logging its writes...`);
  await statementLog.start(postgres.url);
  const captureOps = await journey(api.url, warmUps[0]!);
  const captured = await statementLog.stop(postgres.url);
  for (const applicant of warmUps.slice(1)) await journey(api.url, applicant);
  const failedWarmUp = captureOps.find((operation) => operation.status !== EXPECTED[operation.kind]);
  if (failedWarmUp) throw new Error(`the warm-up ${failedWarmUp.kind} answered ${failedWarmUp.status}: ${failedWarmUp.error}`);
  if (process.env.BENCH_SHOW_CAPTURE) printCapture(captured);

  say('starting the worker...');
  const worker: AppProcess = stopLater('worker', await startWorkerProcess(env));

  // The spike.
  say(`spike: ${count} organizations at once, each 3 saves, 1 upload, 1 submit...`);
  const cpuBefore = await cpuTimes(apiPids, worker.pid);
  const loadBefore = loadavg();
  const connections = sampleConnections(db, apiPids.serving);
  const begin = performance.now();
  const results = await Promise.all(spikers.map((applicant) => journey(api.url, applicant)));
  const spikeMs = performance.now() - begin;
  const peakConnections = await connections.stop();
  const cpuAfter = await cpuTimes(apiPids, worker.pid);
  const loadDuring = loadavg();
  const operations = results.flat();

  say('checking the reference numbers...');
  const references = await checkReferences(db, spikers, results);

  say('waiting for the confirmation emails, then stopping the API and the worker...');
  const confirmations = await sink
    .waitFor(
      spikers.map((applicant) => applicant.email),
      60_000 + count * 500,
    )
    .then(() => null)
    .catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
  // The baseline has the machine to itself, as the spike had it (less its own processes).
  await worker.stop();
  await api.stop();

  // The baseline: the captured writes, replayed per organization on fresh drafts cloned from the template.
  const capturedIds: ReplayIds = { applicationId: warmUps[0]!.applicationId, organizationId: warmUps[0]!.organizationId, userId: warmUps[0]!.userId, email: warmUps[0]!.email };
  const [{ reference_number: capturedReference }] = (await db.query(`SELECT reference_number FROM application WHERE id = $1`, [capturedIds.applicationId])).rows as Array<{ reference_number: string }>;
  const plan = replayPlan(captured, capturedIds, { shared: [callId, CBSF_FUND_ID], referenceNumber: capturedReference, operations: OPERATIONS_PER_ORGANIZATION });
  const [{ max_connections: maxConnections }] = (await db.query(`SELECT current_setting('max_connections')::int AS max_connections`)).rows as Array<{ max_connections: number }>;
  // One client per organization, as far as the server's max_connections allows (a few kept for the bench and superusers).
  const perOrganization = Math.min(count, maxConnections - 10);
  const apiDbConcurrency = Math.max(1, peakConnections.api);
  const concurrencies = [...new Set([apiDbConcurrency, perOrganization])];
  const baselines: BaselineResult[] = [];
  for (const [index, concurrency] of concurrencies.entries()) {
    say(`baseline: the same writes for ${count} organizations, straight with pg, ${concurrency} clients...`);
    const targets = await cloneDrafts(db, template, count, String(index));
    baselines.push(await replayBaseline(postgres.url, plan, targets, concurrency));
  }

  printReport({ count, maxConnections, confirmations, spikeMs, operations, references, baselines, plan, apiPids, apiProcesses, logLevel, peakConnections, cpu: diffCpu(cpuBefore, cpuAfter), loadBefore, loadDuring });
  say(`done in ${((performance.now() - started) / 1000).toFixed(1)} s, stopping...`);
  if (operations.some((operation) => operation.status >= 500)) throw new Error('the spike had 5xx answers');
  if (!references.ok) throw new Error(`the reference numbers are wrong: ${references.problems.join('; ')}`);
  const unexpected = operations.filter((operation) => operation.status !== EXPECTED[operation.kind]);
  if (unexpected.length > 0) throw new Error(`${unexpected.length} operations did not answer as expected, the first: ${unexpected[0]!.kind} ${unexpected[0]!.status} ${unexpected[0]!.error ?? ''}`);
  if (operations.length !== count * OPERATIONS_PER_ORGANIZATION) throw new Error(`${operations.length} operations ran, not ${count * OPERATIONS_PER_ORGANIZATION}`);
  if (confirmations !== null) throw new Error(`confirmation emails missing: ${confirmations}`);
}

/** One organization's 3 saves, 1 upload and 1 submit, in order; stops at the first failure. */
async function journey(baseUrl: string, applicant: Applicant): Promise<Operation[]> {
  const operations: Operation[] = [];
  const address = addressOf(applicant.index);
  const run = async (kind: Kind, route: string, options: { method?: string; json?: unknown; form?: FormData }): Promise<boolean> => {
    try {
      const answer = await send(baseUrl, route, { ...options, token: applicant.token, address });
      const ok = answer.status === EXPECTED[kind];
      operations.push({ kind, status: answer.status, ms: answer.ms, endedAt: performance.now(), ...(ok ? {} : { error: JSON.stringify(answer.body).slice(0, 300) }) });
      if (kind === 'submit' && ok) applicant.referenceNumber = answer.body.referenceNumber as string;
      return ok;
    } catch (error: unknown) {
      operations.push({ kind, status: 0, ms: 0, endedAt: performance.now(), error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  for (const body of saveBodies(applicant.index)) {
    if (!(await run('save', `/applications/${applicant.applicationId}`, { method: 'PATCH', json: body }))) return operations;
  }
  if (!(await run('upload', `/applications/${applicant.applicationId}/attachments`, { form: uploadForm() }))) return operations;
  await run('submit', `/applications/${applicant.applicationId}/submit`, { method: 'POST' });
  return operations;
}

async function waitForHealth(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await send(baseUrl, '/health', { address: '198.19.0.1' }).catch(() => null);
    // It answers 503 until a worker's heartbeat is there; any answer means the API serves.
    if (answer) return;
    if (Date.now() > deadline) throw new Error(`the API at ${baseUrl} is not healthy`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The API's processes: with cluster mode, the primary's children serve; without it, the one process does. */
async function settledApiPids(pid: number, asked: number): Promise<{ primary: number; serving: number[] }> {
  // The cluster's processes come up one after another: wait until all that were asked for are there.
  const deadline = Date.now() + 15_000;
  let children = await childrenOf(pid);
  while (asked > 1 && children.length < asked && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    children = await childrenOf(pid);
  }
  // Each must also have its server up: give the last one a moment after its fork.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  children = await childrenOf(pid);
  return { primary: pid, serving: children.length > 0 ? children : [pid] };
}

async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[1]) === pid) children.push(Number(entry));
  }
  return children;
}

interface CpuTimes {
  api: number;
  worker: number;
  postgres: number;
  bench: number;
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

async function cpuSecondsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat (11 and 12 after the name and state).
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

async function postgresPids(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const comm = await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') pids.push(Number(entry));
  }
  return pids;
}

async function cpuTimes(apiPids: { primary: number; serving: number[] }, workerPid: number): Promise<CpuTimes> {
  const sum = async (pids: number[]): Promise<number> => (await Promise.all(pids.map(cpuSecondsOf))).reduce((a, b) => a + b, 0);
  const usage = process.cpuUsage();
  return {
    api: await sum([...new Set([apiPids.primary, ...apiPids.serving])]),
    worker: await sum([workerPid]),
    postgres: await sum(await postgresPids()),
    bench: (usage.user + usage.system) / 1e6,
  };
}

function diffCpu(before: CpuTimes, after: CpuTimes): CpuTimes {
  return { api: after.api - before.api, worker: after.worker - before.worker, postgres: after.postgres - before.postgres, bench: after.bench - before.bench };
}

interface PeakConnections {
  /** Most connections of the API processes' pools open at once. */
  api: number;
  /** Most connections of the app (API and worker) active or idle in transaction at once. */
  busy: number;
  /** Most connections of the worker's pool open at once. */
  worker: number;
}

/**
 * Samples pg_stat_activity every 100 ms while the spike runs; at the end, tells the API's
 * connections from the worker's by their client ports (the sockets the API processes hold).
 */
function sampleConnections(db: Pool, apiPids: number[]): { stop(): Promise<PeakConnections> } {
  let running = true;
  const samples: Array<Array<{ port: number; busy: boolean }>> = [];
  const loop = (async () => {
    while (running) {
      const { rows } = await db.query(`SELECT client_port AS port, state IN ('active', 'idle in transaction') AS busy FROM pg_stat_activity WHERE application_name = 'grants'`);
      samples.push(rows as Array<{ port: number; busy: boolean }>);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const apiPorts = await localPortsOf(apiPids);
      const peak = (pick: (row: { port: number; busy: boolean }) => boolean): number => Math.max(0, ...samples.map((rows) => rows.filter(pick).length));
      return { api: peak((row) => apiPorts.has(row.port)), busy: peak((row) => row.busy), worker: peak((row) => !apiPorts.has(row.port)) };
    },
  };
}

/** The local TCP ports of the sockets these processes hold (/proc/<pid>/fd and /proc/net/tcp). */
async function localPortsOf(pids: number[]): Promise<Set<number>> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(link);
      if (match) inodes.add(match[1]!);
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9 && inodes.has(fields[9]!)) ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

interface ReferenceCheck {
  ok: boolean;
  problems: string[];
  submitted: number;
  distinct: number;
  range: string;
}

/** Every spike submission has one reference number (the one it was answered), and the numbers of the fund and year run 1..N without a gap. */
async function checkReferences(db: Pool, spikers: Applicant[], results: Operation[][]): Promise<ReferenceCheck> {
  const problems: string[] = [];
  const rows = (
    await db.query(`SELECT id, status, reference_number FROM application WHERE id = ANY($1::uuid[])`, [spikers.map((applicant) => applicant.applicationId)])
  ).rows as Array<{ id: string; status: string; reference_number: string | null }>;
  const byId = new Map(rows.map((row) => [row.id, row]));
  spikers.forEach((applicant, index) => {
    const row = byId.get(applicant.applicationId);
    const submittedOk = results[index]!.some((operation) => operation.kind === 'submit' && operation.status === 200);
    const answered = applicant.referenceNumber;
    if (!row?.reference_number) problems.push(`application ${applicant.applicationId} has no reference number (status ${row?.status})`);
    else if (submittedOk && answered !== row.reference_number) problems.push(`application ${applicant.applicationId} was answered ${answered} but holds ${row.reference_number}`);
  });
  const numbers = rows.map((row) => row.reference_number).filter((number): number is string => number !== null);
  const distinct = new Set(numbers).size;
  if (distinct !== numbers.length) problems.push(`${numbers.length - distinct} reference numbers are held by more than one application`);
  // Gap-free over the whole fund and year, warm-up submissions included: the counter's last number is how many were taken.
  const all = (await db.query(`SELECT reference_number FROM application WHERE reference_number IS NOT NULL`)).rows as Array<{ reference_number: string }>;
  const counters = (await db.query(`SELECT fund_code, year, last_number FROM reference_sequence`)).rows as Array<{ fund_code: string; year: number; last_number: number }>;
  for (const counter of counters) {
    const prefix = `${counter.fund_code}-${counter.year}-`;
    const sequences = all.filter((row) => row.reference_number.startsWith(prefix)).map((row) => Number(row.reference_number.slice(prefix.length))).sort((a, b) => a - b);
    const expected = Array.from({ length: counter.last_number }, (_, index) => index + 1);
    if (sequences.length !== expected.length || sequences.some((sequence, index) => sequence !== expected[index])) {
      const missing = expected.filter((sequence) => !sequences.includes(sequence));
      problems.push(`${prefix}: counter at ${counter.last_number}, ${sequences.length} numbers held, missing ${missing.slice(0, 10).join(', ') || 'none'}`);
    }
  }
  const sorted = [...numbers].sort();
  return { ok: problems.length === 0, problems, submitted: numbers.length, distinct, range: sorted.length ? `${sorted[0]} .. ${sorted[sorted.length - 1]}` : '-' };
}

function printCapture(transactions: CapturedTransaction[]): void {
  for (const transaction of transactions) {
    process.stderr.write(`--- transaction ${transaction.vxid}\n`);
    for (const statement of transaction.statements) process.stderr.write(`  ${statement.sql.replace(/\s+/g, ' ').slice(0, 300)}\n    ${JSON.stringify(statement.params).slice(0, 400)}\n`);
  }
}

interface Report {
  count: number;
  maxConnections: number;
  /** Why not every spike organization got its confirmation email, or null when each did. */
  confirmations: string | null;
  spikeMs: number;
  operations: Operation[];
  references: ReferenceCheck;
  baselines: BaselineResult[];
  plan: ReturnType<typeof replayPlan>;
  apiPids: { primary: number; serving: number[] };
  apiProcesses: string;
  logLevel: string;
  peakConnections: PeakConnections;
  cpu: CpuTimes;
  loadBefore: number[];
  loadDuring: number[];
}

function printReport(report: Report): void {
  const { count, spikeMs, operations } = report;
  const perSecond = operations.length / (spikeMs / 1000);
  const byStatus = new Map<string, number>();
  for (const operation of operations) byStatus.set(`${operation.kind} ${operation.status}`, (byStatus.get(`${operation.kind} ${operation.status}`) ?? 0) + 1);
  const kindRows = KINDS.map((kind) => {
    const latencies = operations.filter((operation) => operation.kind === kind && operation.status === EXPECTED[kind]).map((operation) => operation.ms).sort((a, b) => a - b);
    return [kind, String(latencies.length), ...(latencies.length ? [50, 95, 99].map((p) => ms(percentile(latencies, p))) : ['-', '-', '-']), latencies.length ? ms(latencies[latencies.length - 1]!) : '-'];
  });
  const worstP99 = Math.max(
    ...KINDS.map((kind) => {
      const latencies = operations.filter((operation) => operation.kind === kind).map((operation) => operation.ms).sort((a, b) => a - b);
      return latencies.length ? percentile(latencies, 99) : Infinity;
    }),
  );
  const best = report.baselines.reduce((a, b) => (b.operationsPerSecond > a.operationsPerSecond ? b : a));
  const ratio = perSecond / best.operationsPerSecond;
  const failures = operations.filter((operation) => operation.status !== EXPECTED[operation.kind]);
  const serving = report.apiPids.serving.length;
  const clusterNote =
    report.apiPids.serving[0] === report.apiPids.primary
      ? report.apiProcesses === '1'
        ? '1 (API_PROCESSES=1)'
        : `1 (API_PROCESSES=${report.apiProcesses} asked, but one process serves: this build has no cluster mode)`
      : `${serving} (cluster mode: API_PROCESSES=${report.apiProcesses}, one primary supervising)`;
  const lines = [
    '',
    `Deadline spike: ${count} organizations at once, each 3 saves, 1 upload (PDF, ${Math.round(PDF.length / 1024)} KiB), 1 submit, in that order`,
    `Node ${process.version}, ${availableParallelism()} CPUs; load average before ${report.loadBefore.map((value) => value.toFixed(2)).join(' ')}, after the spike ${report.loadDuring.map((value) => value.toFixed(2)).join(' ')}`,
    `API processes: ${clusterNote}; 1 worker process; PostgreSQL, Redis, SMTP sink on loopback; the clients in this process`,
    `NODE_ENV=production, LOG_LEVEL=${report.logLevel} (the configured default is info: one JSON line per request)`,
    `Rate limits raised for the bench: RATE_LIMIT_PER_MINUTE and AUTH_RATE_LIMIT_PER_MINUTE=${RAISED_LIMIT}; each organization also sends from its own address (TRUST_PROXY=1, X-Forwarded-For)`,
    '',
    `project: ${operations.length} operations in ${(spikeMs / 1000).toFixed(2)} s = ${Math.round(perSecond)} operations/s`,
    table(['operation', 'ok', 'p50', 'p95', 'p99', 'max'], kindRows),
    '',
    `answers by status: ${[...byStatus].sort().map(([key, value]) => `${key}: ${value}`).join(', ')}`,
    ...(failures.length ? [`unexpected answers (${failures.length}), first: ${failures.slice(0, 3).map((failure) => `${failure.kind} ${failure.status} ${failure.error}`).join(' | ')}`] : []),
    `reference numbers: ${report.references.submitted} of ${count} submissions hold one, ${report.references.distinct} distinct, ${report.references.range}; ${report.references.ok ? 'no gaps, none twice' : `PROBLEMS: ${report.references.problems.join('; ')}`}`,
    `CPU during the spike: API ${report.cpu.api.toFixed(1)} s (${((report.cpu.api * 1000) / operations.length).toFixed(1)} ms per operation), worker ${report.cpu.worker.toFixed(1)} s, PostgreSQL ${report.cpu.postgres.toFixed(1)} s, bench clients ${report.cpu.bench.toFixed(1)} s, over ${(spikeMs / 1000).toFixed(1)} s x ${availableParallelism()} CPUs`,
    `PostgreSQL connections during the spike: the API's pools at most ${report.peakConnections.api} open, the worker's ${report.peakConnections.worker}; at most ${report.peakConnections.busy} active or idle in transaction at once`,
    `confirmation emails: ${report.confirmations === null ? `each of the ${count} applicants received one` : `MISSING: ${report.confirmations}`}`,
    '',
    `baseline: per organization ${report.plan.summary}, replayed with pg on fresh drafts:`,
    ...report.plan.outline.map((outline, index) => `  ${index + 1}. BEGIN; ${outline}; COMMIT`),
    table(
      ['pg clients', 'operations/s', 'transactions/s', 'time'],
      report.baselines.map((baseline) => [String(baseline.concurrency), String(Math.round(baseline.operationsPerSecond)), String(Math.round(baseline.transactionsPerSecond)), `${(baseline.ms / 1000).toFixed(2)} s`]),
    ),
    `(${report.baselines[0]!.concurrency} clients = the API's connections at the database during the spike, its true concurrency there;${report.baselines.length > 1 ? ` ${report.baselines[1]!.concurrency} = one per organization${report.baselines[1]!.concurrency < count ? `, capped by max_connections=${report.maxConnections}` : ''};` : ''} the ratio is taken against the faster; the API and worker are stopped first)`,
    '',
    `project / baseline: ${Math.round(perSecond)} / ${Math.round(best.operationsPerSecond)} = ${ratio.toFixed(2)}   (target >= ${TARGET_RATIO.toFixed(2)}: ${ratio >= TARGET_RATIO ? 'met' : 'NOT met'})`,
    `worst p99: ${ms(worstP99)}   (target < ${TARGET_P99_MS} ms: ${worstP99 < TARGET_P99_MS ? 'met' : 'NOT met'})`,
    `5xx answers: ${operations.filter((operation) => operation.status >= 500).length}`,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

runBenchmark(main);
