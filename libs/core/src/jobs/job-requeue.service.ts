import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QueueName } from './job-definition';
import { queuedJobOptions } from './outbox-relay';
import { QueueRegistry } from './queue-registry';

/** How a job that no longer runs ended: out of attempts, or done. */
export type FinishedJobState = 'failed' | 'completed';

/**
 * Runs a finished job again under its own id: one that failed for good once its cause is fixed, or
 * one whose result was lost (a stored file deleted). Enqueueing through the outbox cannot do it:
 * the outbox keeps the first row of a job id and BullMQ ignores an id it still holds.
 */
@Injectable()
export class JobRequeueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  /**
   * Puts the job back in its queue if it ended in one of `states`: the job itself while Redis holds
   * it, or, once Redis no longer does (emptied, or a completed job aged out), a new one from its
   * outbox row; its recorded failure is cleared. Returns the state it was found in, or null when it
   * was left alone: still to run, in another state, never relayed, or just put back by another
   * caller. Two callers at once put it back once: BullMQ moves a job out of its finished set once,
   * and ignores an id it already holds.
   */
  async requeue(queue: QueueName, jobId: string, states: readonly FinishedJobState[]): Promise<FinishedJobState | null> {
    const job = await this.queues.get(queue).getJob(jobId);
    if (job) {
      const state = await job.getState();
      if (!isOneOf(state, states)) return null;
      try {
        await job.retry(state, { resetAttemptsMade: true, resetAttemptsStarted: true });
      } catch {
        return null; // moved out of its finished set by another caller since getState
      }
      await this.clearFailure(jobId);
      return state;
    }
    const [message] = (await this.dataSource.query(
      `SELECT m.job_name, m.payload, m.attempts, f.job_id IS NOT NULL AS failed
         FROM outbox_message m LEFT JOIN job_failure f ON f.job_id = m.job_id AND f.gave_up
        WHERE m.job_id = $1 AND m.dispatched_at IS NOT NULL`,
      [jobId],
    )) as Array<{ job_name: string; payload: object; attempts: number; failed: boolean }>;
    if (!message) return null;
    const state: FinishedJobState = message.failed ? 'failed' : 'completed';
    if (!states.includes(state)) return null;
    await this.queues.get(queue).add(message.job_name, message.payload, queuedJobOptions(this.config, jobId, message.attempts));
    await this.clearFailure(jobId);
    return state;
  }

  private async clearFailure(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM job_failure WHERE job_id = $1`, [jobId]);
  }
}

function isOneOf(state: string, states: readonly FinishedJobState[]): state is FinishedJobState {
  return (states as readonly string[]).includes(state);
}
