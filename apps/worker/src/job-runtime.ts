import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { AppConfig, JOB_HANDLER_METADATA, JobDefinition, JobHandler, OutboxReconciler, OutboxRelay, QUEUE_NAMES, QueueRegistry, redisOptions, scheduleRecurring, WorkerHeartbeat } from '@grants/core';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DataSource } from 'typeorm';

interface Registration {
  definition: JobDefinition;
  handler: JobHandler<object>;
}

/** Maps each job definition to exactly one handler; throws naming every gap or duplicate. */
export function matchHandlers(catalog: readonly JobDefinition[], handlers: ReadonlyArray<{ definition: JobDefinition; handler: JobHandler<object> }>): Map<string, Registration> {
  const problems: string[] = [];
  const registrations = new Map<string, Registration>();
  for (const { definition, handler } of handlers) {
    if (!catalog.includes(definition)) problems.push(`${handler.constructor.name} handles "${definition.name}", which is not in the job catalog`);
    else if (registrations.has(definition.name)) problems.push(`job "${definition.name}" has more than one handler`);
    else registrations.set(definition.name, { definition, handler });
  }
  for (const definition of catalog) {
    if (!registrations.has(definition.name)) problems.push(`job "${definition.name}" has no handler`);
  }
  if (problems.length > 0) throw new Error(`Cannot start the worker:\n  - ${problems.join('\n  - ')}`);
  return registrations;
}

/**
 * Discovers the handlers that domain libs provide, starts one BullMQ worker per queue and the
 * outbox relay that feeds them.
 */
@Injectable()
export class JobRuntime implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRuntime.name);
  private readonly workers: Worker[] = [];
  private registrations = new Map<string, Registration>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly relay: OutboxRelay,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
    private readonly catalog: readonly JobDefinition[],
    private readonly dataSource: DataSource,
    private readonly heartbeat: WorkerHeartbeat,
    private readonly reconciler: OutboxReconciler,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discovery
      .getProviders()
      .filter((wrapper) => wrapper.metatype && wrapper.instance)
      .flatMap((wrapper) => {
        const definition = this.reflector.get<JobDefinition | undefined>(JOB_HANDLER_METADATA, wrapper.metatype as object as Function);
        return definition ? [{ definition, handler: wrapper.instance as JobHandler<object> }] : [];
      });
    this.registrations = matchHandlers(this.catalog, handlers);

    const queues = QUEUE_NAMES.filter((queue) => this.catalog.some((definition) => definition.queue === queue));
    for (const queue of queues) {
      const worker = new Worker(queue, (job) => this.process(job), {
        connection: redisOptions(this.config.redisUrl, 'worker'),
        prefix: this.config.queuePrefix,
        concurrency: 4,
        // Short locks, renewed at half their length, so a dead worker's jobs resume within seconds.
        lockDuration: this.config.jobLockMs,
        stalledInterval: this.config.jobStalledCheckMs,
        maxStalledCount: 2,
      });
      worker.on('failed', (job, error) => {
        this.logger.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: error }, `job ${job?.name ?? '?'} failed`);
        // Every failed try is written down, so progress shows what is retrying and why; the last
        // one (out of tries, or refused outright: an invalid payload is not retried) as given up.
        if (job?.id) void this.recordFailure(job, error, job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError);
      });
      worker.on('completed', (job) => {
        if (job.id && job.attemptsMade > 0) void this.clearFailure(job.id);
      });
      worker.on('error', (error) => this.logger.error({ err: error }, `worker for queue ${queue} errored`));
      this.workers.push(worker);
    }
    const recurring = this.catalog.filter((definition) => definition.everyMs !== undefined);
    for (const definition of recurring) await scheduleRecurring(this.queues, definition);
    this.relay.start();
    this.reconciler.start(recurring);
    this.heartbeat.start();
    this.logger.log(`worker ready: ${this.catalog.length} job type(s) on queue(s) ${queues.join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.relay.stop(), this.reconciler.stop()]);
    await Promise.all(this.workers.map((worker) => worker.close()));
  }

  /** A failed try: given up, or with the time of the next one (BullMQ's exponential backoff). */
  private async recordFailure(job: Job, error: Error, gaveUp: boolean): Promise<void> {
    const nextAttemptAt = gaveUp ? null : new Date(Date.now() + this.config.jobBackoffMs * 2 ** Math.max(job.attemptsMade - 1, 0));
    try {
      await this.dataSource.query(
        `INSERT INTO job_failure (job_id, job_name, attempts, error, gave_up, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (job_id) DO UPDATE SET attempts = EXCLUDED.attempts, error = EXCLUDED.error, gave_up = EXCLUDED.gave_up,
                                            next_attempt_at = EXCLUDED.next_attempt_at, failed_at = now()`,
        [job.id, job.name, job.attemptsMade, error.message.slice(0, 2000), gaveUp, nextAttemptAt],
      );
    } catch (recordError: unknown) {
      this.logger.error({ jobId: job.id, err: recordError }, 'could not record a failed job');
    }
  }

  private async clearFailure(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM job_failure WHERE job_id = $1`, [jobId]).catch((error: unknown) => this.logger.error({ jobId, err: error }, 'could not clear a job failure'));
  }

  private async process(job: Job): Promise<void> {
    const registration = this.registrations.get(job.name);
    if (!registration) throw new UnrecoverableError(`no handler for job ${job.name}`);
    const payload = plainToInstance(registration.definition.payload, job.data as object);
    // forbidUnknownValues off: it refuses an instance of a class with no decorators, which is what a
    // recurring job's empty payload is; plainToInstance always gives a known class here.
    const errors = validateSync(payload, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false });
    if (errors.length > 0) {
      throw new UnrecoverableError(`invalid payload for ${job.name}: ${errors.map((error) => error.property).join(', ')}`);
    }
    await registration.handler.handle(payload, { jobId: String(job.id), attempt: job.attemptsMade + 1 });
    // Before BullMQ counts the job complete: a relayed row still unfinished is what the reconciler
    // looks for in the queue. If this write fails the job is tried again; handlers are idempotent.
    if (registration.definition.everyMs === undefined) {
      await this.dataSource.query(`UPDATE outbox_message SET completed_at = now() WHERE job_id = $1 AND completed_at IS NULL`, [job.id]);
    }
  }
}
