import { createHash, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DomainError } from '../errors/domain-error';
import { WorkerHeartbeat } from '../health/worker-heartbeat';
import { QUEUE_NAMES } from '../jobs/job-definition';
import { QueueRegistry } from '../jobs/queue-registry';
import { clusterMetrics, shareWithCluster } from './cluster-metrics';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;
/** How long a scrape waits for Redis or PostgreSQL before leaving their figures out. */
const SOURCE_TIMEOUT_MS = 2000;

/**
 * Figures for a monitoring system (Prometheus text format): this process's requests, and the
 * shared queues, outbox and workers read at scrape time. One registry per API process; in a cluster
 * (API_PROCESSES > 1) a scrape gives all of them added together.
 * Closed unless METRICS_TOKEN is set, and then only to its bearer.
 */
@Injectable()
export class MetricsService {
  /** This process's own figures; the shared ones are read into a registry of each scrape's own. */
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route' | 'status'>;

  constructor(
    private readonly config: AppConfig,
    private readonly queues: QueueRegistry,
    private readonly heartbeat: WorkerHeartbeat,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'grants_' });
    const registers = [this.registry];
    this.requests = new Counter({ name: 'grants_http_requests_total', help: 'Requests answered, by route pattern and status', labelNames: ['method', 'route', 'status'], registers });
    this.durations = new Histogram({
      name: 'grants_http_request_duration_seconds',
      help: 'Time to answer, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    shareWithCluster(this.registry);
  }

  /** Counts one answered request; `route` is the route's pattern (`/api/v1/applications/:id`), never the path asked for. */
  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  /**
   * Not found when metrics are off, answered as Nest answers a route it does not have (nothing to
   * tell the public); 401 without the right bearer token.
   */
  authorize(authorization: string | undefined, request: { method: string; originalUrl: string }): void {
    const token = this.config.metricsToken;
    if (!token) throw new DomainError('not_found', 'NOT_FOUND', `Cannot ${request.method} ${request.originalUrl}`);
    const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
    // Compared as digests, so the comparison takes the same time whatever the length given.
    if (!timingSafeEqual(digest(given), digest(token))) throw new DomainError('unauthenticated', 'METRICS_TOKEN_REQUIRED', 'Metrics need the monitoring bearer token');
  }

  /**
   * The gauges of a source that did not answer are left out rather than kept from an earlier scrape
   * or written as 0 (no worker alive, no outbox lag), which an alert would take for a reading.
   */
  async text(): Promise<string> {
    const scrape = new Registry();
    const [queueUp, databaseUp] = await Promise.all([this.readQueues(scrape), this.readDatabase(scrape)]);
    const up = new Gauge({ name: 'grants_metrics_source_up', help: 'Whether the scrape could read the queue (Redis) and the database', labelNames: ['source'], registers: [scrape] });
    up.set({ source: 'queue' }, queueUp ? 1 : 0);
    up.set({ source: 'database' }, databaseUp ? 1 : 0);
    const processes = clusterMetrics();
    if (processes) return `${await processes}\n${await scrape.metrics()}`;
    return Registry.merge([this.registry, scrape]).metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async readQueues(scrape: Registry): Promise<boolean> {
    const registers = [scrape];
    const [counts, workers] = await Promise.all([
      attempt(async () => {
        if (!(await this.queues.reachable())) throw new Error('Redis is not reachable');
        const queues = QUEUE_NAMES.map((name) => this.queues.get(name));
        await withTimeout(Promise.all(queues.map((queue) => queue.waitUntilReady())));
        return withTimeout(Promise.all(queues.map((queue) => queue.getJobCounts(...QUEUE_STATES))));
      }),
      attempt(() => withTimeout(this.heartbeat.seen())),
    ]);
    if (counts) {
      const jobs = new Gauge({ name: 'grants_queue_jobs', help: 'Jobs in each queue, by state', labelNames: ['queue', 'state'], registers });
      counts.forEach((count, index) => QUEUE_STATES.forEach((state) => jobs.set({ queue: QUEUE_NAMES[index], state }, count[state] ?? 0)));
    }
    if (workers) new Gauge({ name: 'grants_workers_alive', help: 'Worker processes heard from in the last 10 s', registers }).set(workers.alive);
    return Boolean(counts && workers);
  }

  private async readDatabase(scrape: Registry): Promise<boolean> {
    const registers = [scrape];
    const [outbox, failed] = await Promise.all([
      attempt(
        async () =>
          (
            (await withTimeout(
              this.dataSource.query(
                `SELECT count(*) FILTER (WHERE dispatched_at IS NULL)::int AS pending,
                        coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE dispatched_at IS NULL)), 0)::float AS lag,
                        count(*) FILTER (WHERE dispatched_at IS NOT NULL AND completed_at IS NULL)::int AS unfinished
                   FROM outbox_message WHERE dispatched_at IS NULL OR completed_at IS NULL`,
              ),
            )) as Array<{ pending: number; lag: number; unfinished: number }>
          )[0],
      ),
      attempt(async () => (await withTimeout(this.dataSource.query(`SELECT gave_up, count(*)::int AS count FROM job_failure GROUP BY gave_up`))) as Array<{ gave_up: boolean; count: number }>),
    ]);
    if (outbox) {
      new Gauge({ name: 'grants_outbox_pending', help: 'Outbox rows not yet handed to the queue', registers }).set(outbox.pending);
      new Gauge({ name: 'grants_outbox_lag_seconds', help: 'Age of the oldest outbox row not yet handed to the queue', registers }).set(outbox.lag);
      new Gauge({ name: 'grants_outbox_unfinished', help: 'Jobs handed to the queue and not yet completed', registers }).set(outbox.unfinished);
    }
    if (failed) {
      const failures = new Gauge({ name: 'grants_job_failures', help: 'Jobs whose last try failed: retrying, or given up', labelNames: ['gave_up'], registers });
      for (const gaveUp of [true, false]) failures.set({ gave_up: String(gaveUp) }, failed.find((row) => row.gave_up === gaveUp)?.count ?? 0);
    }
    return Boolean(outbox && failed);
  }
}

/** A source's answer, or undefined when it failed or did not answer in time. */
async function attempt<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch {
    return undefined;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('metrics source did not answer')), SOURCE_TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
