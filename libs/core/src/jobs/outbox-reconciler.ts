import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { JobDefinition } from './job-definition';
import { OutboxJobRow, queuedJobOptions } from './outbox-relay';
import { QueueRegistry } from './queue-registry';

export interface Reconciliation {
  /** Relayed jobs the queue no longer held (Redis came back empty), put back. */
  requeued: number;
  /** Jobs the queue holds as done whose rows were not yet marked (a worker died in between). */
  completed: number;
  /** Recurring jobs whose schedule the queue no longer held, scheduled again. */
  rescheduled: number;
}

const BATCH_SIZE = 500;
/** Any number for pg_try_advisory_xact_lock, the same in every worker: one reconciles at a time. */
const RECONCILER_LOCK = 7_351_012;

/**
 * Finds work that Redis lost. The outbox remembers every job it relayed until the worker marks it
 * completed; a relayed, unfinished job that is not in its queue is added again under its own id
 * (handlers are idempotent: a letter stored or an email recorded is not redone). Failed jobs stay
 * failed: they are shown, and retried by a person. Recurring schedules are put back the same way.
 */
@Injectable()
export class OutboxReconciler {
  private readonly logger = new Logger(OutboxReconciler.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private recurring: readonly JobDefinition[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  start(recurring: readonly JobDefinition[]): void {
    if (this.timer) return;
    this.recurring = recurring;
    const tick = async (): Promise<void> => {
      this.running = this.reconcile().catch((error: unknown) => this.logger.warn({ err: error }, 'outbox reconciliation did not run'));
      await this.running;
      this.running = null;
      if (this.timer) this.timer = setTimeout(tick, this.config.outboxReconcileMs);
    };
    this.timer = setTimeout(tick, this.config.outboxReconcileMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  async reconcile(): Promise<Reconciliation> {
    const result: Reconciliation = { requeued: 0, completed: 0, rescheduled: 0 };
    if (!(await this.queues.reachable())) return result;
    await this.dataSource.transaction(async (manager) => {
      const [{ locked }] = (await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [RECONCILER_LOCK])) as [{ locked: boolean }];
      if (!locked) return;
      const unfinished: OutboxJobRow[] = await manager.query(
        `SELECT m.id, m.job_id, m.job_name, m.queue, m.payload, m.attempts FROM outbox_message m
          WHERE m.dispatched_at IS NOT NULL AND m.completed_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM job_failure f WHERE f.job_id = m.job_id AND f.gave_up)
          ORDER BY m.dispatched_at LIMIT $1`,
        [BATCH_SIZE],
      );
      // All at once, not one round trip each: the commands go out together on the queue's connection,
      // and this transaction (the reconciler's lock) is held for a few milliseconds, not 500 round trips.
      const states = await Promise.all(unfinished.map((message) => this.queues.get(message.queue).getJobState(message.job_id)));
      const done = unfinished.filter((_, index) => states[index] === 'completed').map((message) => message.id);
      const lost = unfinished.filter((_, index) => states[index] === 'unknown');
      await Promise.all(lost.map((message) => this.queues.get(message.queue).add(message.job_name, message.payload, queuedJobOptions(this.config, message.job_id, message.attempts))));
      result.requeued = lost.length;
      if (done.length > 0) await manager.query(`UPDATE outbox_message SET completed_at = now() WHERE id = ANY($1::uuid[])`, [done]);
      result.completed = done.length;
      for (const definition of this.recurring) {
        const queue = this.queues.get(definition.queue);
        if (await queue.getJobScheduler(definition.name)) continue;
        await scheduleRecurring(this.queues, definition);
        result.rescheduled += 1;
      }
    });
    if (result.requeued + result.rescheduled > 0) this.logger.warn(result, 'the queue had lost work; it is queued again');
    return result;
  }
}

/** One schedule per recurring job, whatever the number of workers (BullMQ job schedulers). */
export async function scheduleRecurring(queues: QueueRegistry, definition: JobDefinition): Promise<void> {
  await queues
    .get(definition.queue)
    .upsertJobScheduler(definition.name, { every: definition.everyMs }, { name: definition.name, data: {}, opts: { attempts: definition.attempts, removeOnComplete: 100, removeOnFail: 500 } });
}
