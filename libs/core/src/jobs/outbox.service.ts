import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { JobDefinition, jobIdFor } from './job-definition';

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

  /** Whether this job was already recorded (a retried handler asks before doing its work again). */
  async has(manager: EntityManager, job: JobDefinition, key: string): Promise<boolean> {
    const rows = (await manager.query(`SELECT 1 FROM outbox_message WHERE job_id = $1`, [jobIdFor(job, key)])) as unknown[];
    return rows.length > 0;
  }
}
