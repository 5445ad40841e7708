import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { JobsOptions } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QueueName } from './job-definition';
import { QueueRegistry } from './queue-registry';

/** An outbox row as the relay and the reconciler read it: enough to put its job in the queue. */
export interface OutboxJobRow {
  id: string;
  job_id: string;
  job_name: string;
  queue: QueueName;
  payload: Record<string, unknown>;
  attempts: number;
}

const BATCH_SIZE = 100;
const ADD_TIMEOUT_MS = 5000;
const WEEK_IN_SECONDS = 7 * 24 * 3600;

/**
 * Moves outbox rows into BullMQ. Rows are locked while they are relayed (several relays can
 * run), and marked dispatched only after Redis accepted the job; if Redis is down they stay and
 * are tried again on the next tick. BullMQ ignores a job id it already holds, so a relay that
 * dies between add and mark never creates the work twice.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private redisWasDown = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  start(): void {
    if (this.timer) return;
    const tick = async (): Promise<void> => {
      this.running = this.relayPending().catch((error: unknown) => this.logger.error({ err: error }, 'outbox relay failed'));
      await this.running;
      this.running = null;
      if (this.timer) this.timer = setTimeout(tick, this.config.outboxPollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Relays everything pending now; returns how many jobs were handed to the queue. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const { moved, blocked } = await this.relayBatch();
      total += moved;
      if (blocked || moved < BATCH_SIZE) return total;
    }
  }

  private relayBatch(): Promise<{ moved: number; blocked: boolean }> {
    return this.dataSource.transaction(async (manager) => {
      const pending: OutboxJobRow[] = await manager.query(
        `SELECT id, job_id, job_name, queue, payload, attempts FROM outbox_message
          WHERE dispatched_at IS NULL ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [BATCH_SIZE],
      );
      const dispatched: string[] = [];
      let blocked = false;
      for (const message of pending) {
        try {
          const queue = this.queues.get(message.queue);
          if (!this.queues.connected) throw new Error(`Redis is not reachable (connection ${this.queues.connectionStatus})`);
          await withTimeout(
            queue.add(message.job_name, message.payload, queuedJobOptions(this.config, message.job_id, message.attempts)),
            ADD_TIMEOUT_MS,
          );
          dispatched.push(message.id);
        } catch (error: unknown) {
          const reason = error instanceof Error ? error.message : String(error);
          await manager.query(`UPDATE outbox_message SET relay_attempts = relay_attempts + 1, last_error = $2 WHERE id = $1`, [
            message.id,
            reason,
          ]);
          if (!this.redisWasDown) this.logger.warn(`queue unavailable, outbox keeps ${pending.length - dispatched.length} job(s): ${reason}`);
          this.redisWasDown = true;
          blocked = true;
          break;
        }
      }
      if (dispatched.length > 0) {
        await manager.query(`UPDATE outbox_message SET dispatched_at = now(), last_error = NULL WHERE id = ANY($1::uuid[])`, [dispatched]);
        if (this.redisWasDown) this.logger.log('queue reachable again, outbox relay resumed');
        this.redisWasDown = false;
      }
      return { moved: dispatched.length, blocked };
    });
  }
}

/** How a job from the outbox sits in its queue: retried with backoff, kept a week once done, kept when it fails for good. */
export function queuedJobOptions(config: AppConfig, jobId: string, attempts: number): JobsOptions {
  return { jobId, attempts, backoff: { type: 'exponential', delay: config.jobBackoffMs }, removeOnComplete: { age: WEEK_IN_SECONDS }, removeOnFail: false };
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`queue did not answer within ${milliseconds} ms`)), milliseconds);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
