import 'reflect-metadata';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { INestApplicationContext } from '@nestjs/common';
import { loadConfig, OutboxService, runMigrations } from '@grants/core';
import { EmailRequest, NotificationService } from '@grants/notifications';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createWorker } from '../apps/worker/src/create-worker';
import { runBenchmark, say, stopLater } from './lifecycle';
import { countFromEnv, percentile, seconds, table } from './report';
import { startBenchServices } from './services';
import { SmtpSink } from './smtp-sink';

/**
 * `npm run bench`: the background-work pipeline on real services. Prints how fast NotificationService
 * writes emails to the outbox (one per transaction, and all in one transaction), and how fast and
 * how soon after commit the worker gets them (relay, BullMQ, handler, nodemailer) to an SMTP sink.
 */
const POLL_MS = 50;
const WARM_UP_EMAILS = 50;

interface Writer {
  dataSource: DataSource;
  notifications: NotificationService;
}

interface Enqueue {
  count: number;
  ms: number;
}

interface Delivery {
  count: number;
  /** How fast the emails were committed; one transaction of all of them has no rate. */
  committedPerSecond: number | null;
  /** From the first commit until the sink had received every email. */
  totalMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}


async function main(): Promise<void> {
  const count = countFromEnv('BENCH_EMAILS', 1000);
  const started = performance.now();

  const { postgres, redis, sink } = await startBenchServices('pipeline');
  // The worker shares this process, so rows it relays and sends while they are being written would
  // slow the writing down; enqueue is therefore measured on a twin database that no worker reads.
  const enqueueUrl = await createDatabase(postgres.url, 'grants_bench_enqueue');
  await Promise.all([runMigrations(postgres.url), runMigrations(enqueueUrl)]);

  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    SMTP_URL: sink.url,
    OUTBOX_POLL_MS: String(POLL_MS),
  });
  const worker: INestApplicationContext = await createWorker(config);
  stopLater('worker', { stop: () => worker.close() });
  const notifications = new NotificationService(worker.get(OutboxService));
  const pipeline: Writer = { dataSource: worker.get(DataSource), notifications };
  say(`services and worker ready in ${seconds(performance.now() - started)}`);

  // Connections, the SMTP path and the JIT warm up here; these emails are left out of the figures.
  await deliver(pipeline, sink, recipients('warm-up', WARM_UP_EMAILS), 'one per transaction');

  say(`enqueue: ${count} emails one per transaction, then ${count} in one transaction...`);
  const enqueueDataSource = await new DataSource({ type: 'postgres', url: enqueueUrl, extra: { max: 10 } }).initialize();
  const enqueue = { dataSource: enqueueDataSource, notifications };
  let onePerTx: Enqueue;
  let oneTx: Enqueue;
  try {
    await writeOnePerTransaction(enqueue, recipients('enqueue-warm-up', WARM_UP_EMAILS));
    onePerTx = await timed(count, () => writeOnePerTransaction(enqueue, recipients('enqueue-single', count)));
    oneTx = await timed(count, () => writeInOneTransaction(enqueue, recipients('enqueue-batch', count)));
  } finally {
    await enqueueDataSource.destroy();
  }

  say(`end to end: ${count} emails in one transaction...`);
  const burst = await deliver(pipeline, sink, recipients('burst', count), 'one transaction');
  say(`end to end: ${count} emails one per transaction...`);
  const stream = await deliver(pipeline, sink, recipients('stream', count), 'one per transaction');

  const expected = WARM_UP_EMAILS + 2 * count;
  if (sink.messages !== expected) throw new Error(`the SMTP sink received ${sink.messages} messages, expected ${expected}`);

  printReport(count, { onePerTx, oneTx }, { burst, stream });
  say(`done in ${seconds(performance.now() - started)}, stopping...`);
}

/** Each email in its own transaction, as independent requests write them; returns each commit time. */
async function writeOnePerTransaction(writer: Writer, addresses: readonly string[]): Promise<Map<string, number>> {
  const committedAt = new Map<string, number>();
  for (const address of addresses) {
    await writer.dataSource.transaction((manager) => writer.notifications.sendEmail(manager, verificationEmail(address)));
    committedAt.set(address, performance.now());
  }
  return committedAt;
}

/** Every email in one transaction: none is visible to the relay before the single commit. */
async function writeInOneTransaction(writer: Writer, addresses: readonly string[]): Promise<Map<string, number>> {
  await writer.dataSource.transaction(async (manager) => {
    for (const address of addresses) await writer.notifications.sendEmail(manager, verificationEmail(address));
  });
  const commit = performance.now();
  return new Map(addresses.map((address) => [address, commit]));
}

async function timed(count: number, work: () => Promise<unknown>): Promise<Enqueue> {
  const begin = performance.now();
  await work();
  return { count, ms: performance.now() - begin };
}

/** Writes the emails through the worker's database and waits until the sink has received every one. */
async function deliver(writer: Writer, sink: SmtpSink, addresses: readonly string[], mode: 'one transaction' | 'one per transaction'): Promise<Delivery> {
  const committedAt = mode === 'one transaction' ? await writeInOneTransaction(writer, addresses) : await writeOnePerTransaction(writer, addresses);
  const receivedAt = await sink.waitFor(addresses, 30_000 + addresses.length * 30);

  const latencies: number[] = [];
  let firstCommit = Infinity;
  let lastCommit = -Infinity;
  let lastReceipt = -Infinity;
  for (const [address, committed] of committedAt) {
    const received = receivedAt.get(address)!;
    latencies.push(received - committed);
    firstCommit = Math.min(firstCommit, committed);
    lastCommit = Math.max(lastCommit, committed);
    lastReceipt = Math.max(lastReceipt, received);
  }
  latencies.sort((a, b) => a - b);
  const count = addresses.length;
  return {
    count,
    committedPerSecond: lastCommit > firstCommit ? count / ((lastCommit - firstCommit) / 1000) : null,
    totalMs: lastReceipt - firstCommit,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies[latencies.length - 1]!,
  };
}

function verificationEmail(address: string): EmailRequest<'account-verification'> {
  return {
    key: `bench/${address}`,
    to: [address],
    locale: 'en',
    template: 'account-verification',
    data: { name: 'Bench Recipient', verifyUrl: `http://localhost:3000/verify?token=${encodeURIComponent(address)}` },
  };
}

/** Creates an empty database beside the one in the URL; returns its URL. */
async function createDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Nearest-rank percentile of an ascending, non-empty list. */
function printReport(count: number, enqueue: { onePerTx: Enqueue; oneTx: Enqueue }, delivery: { burst: Delivery; stream: Delivery }): void {
  const perSecond = (value: number | null, unit: string): string => (value === null ? '-' : `${Math.round(value)} ${unit}/s`);
  const ms = (value: number): string => `${Math.round(value)} ms`;
  const enqueueRow = (label: string, run: Enqueue): string[] => [label, perSecond(run.count / (run.ms / 1000), 'rows'), seconds(run.ms)];
  const deliveryRow = (label: string, run: Delivery): string[] => [
    label,
    perSecond(run.committedPerSecond, 'emails'),
    perSecond(run.count / (run.totalMs / 1000), 'emails'),
    seconds(run.totalMs),
    ms(run.p50Ms),
    ms(run.p95Ms),
    ms(run.maxMs),
  ];
  const lines = [
    '',
    `Background-work pipeline, ${count} emails per run ('account-verification'), OUTBOX_POLL_MS=${POLL_MS}`,
    `Node ${process.version}, ${availableParallelism()} CPUs; PostgreSQL, Redis and the SMTP sink on loopback; the worker in this process`,
    '',
    'Enqueue: NotificationService.sendEmail into outbox_message, commit included, no worker reading',
    table(
      ['', 'rate', 'time'],
      [enqueueRow('outbox enqueue (1 per tx):', enqueue.onePerTx), enqueueRow(`outbox enqueue (${count} in 1 tx):`, enqueue.oneTx)],
    ),
    '',
    'End to end: commit -> outbox relay -> BullMQ -> worker -> SMTP sink (latency per email, from its commit)',
    table(
      ['', 'committed', 'delivered', 'all received', 'p50', 'p95', 'max'],
      [deliveryRow(`end to end (${count} in 1 tx):`, delivery.burst), deliveryRow('end to end (1 per tx):', delivery.stream)],
    ),
    '',
    '"all received": from the first commit until the sink had every email; "delivered": the emails over that',
    'time. While emails are written one per transaction, the worker sends them in this same process, so they',
    'are committed more slowly than the enqueue figures above.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

/** Plain-text table: first column left-aligned, the others right-aligned. */
function recipients(label: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => `${label}-${index + 1}@bench.example.org`);
}

runBenchmark(main);
