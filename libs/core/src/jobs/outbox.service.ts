import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobDefinition, jobIdFor } from './job-definition';

/** Rows per INSERT of enqueueMany. */
const OUTBOX_BATCH = 1000;

/**
 * Records background work inside the caller's transaction. Enqueueing the same job id twice
 * keeps the first row, so a retried request never doubles the work.
 */
@Injectable()
export class OutboxService {
  async enqueue<P extends object>(manager: EntityManager, job: JobDefinition<P>, key: string, payload: P): Promise<string> {
    const jobId = jobIdFor(job, key);
    await manager.query(
      `INSERT INTO outbox_message (job_id, job_name, queue, payload, attempts)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (job_id) DO NOTHING`,
      [jobId, job.name, job.queue, JSON.stringify(payload), job.attempts],
    );
    return jobId;
  }

  /** Records many jobs of one kind in one statement per thousand (a release's letters); the same rule as enqueue for jobs already there. */
  async enqueueMany<P extends object>(manager: EntityManager, job: JobDefinition<P>, jobs: Array<{ key: string; payload: P }>): Promise<void> {
    for (let start = 0; start < jobs.length; start += OUTBOX_BATCH) {
      const batch = jobs.slice(start, start + OUTBOX_BATCH);
      await manager.query(
        `INSERT INTO outbox_message (job_id, job_name, queue, payload, attempts)
         SELECT job_id, $2, $3, payload, $4 FROM unnest($1::text[], $5::jsonb[]) AS job (job_id, payload)
         ON CONFLICT (job_id) DO NOTHING`,
        [batch.map((entry) => jobIdFor(job, entry.key)), job.name, job.queue, job.attempts, batch.map((entry) => JSON.stringify(entry.payload))],
      );
    }
  }

  /** Whether this job was already recorded (a retried handler asks before doing its work again). */
  async has(manager: EntityManager, job: JobDefinition, key: string): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM outbox_message WHERE job_id = $1`, [jobIdFor(job, key)])) as unknown[];
    return rows.length > 0;
  }
}
