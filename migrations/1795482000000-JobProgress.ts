import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobProgress1795482000000 implements MigrationInterface {
  name = 'JobProgress1795482000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // When the worker finished a relayed job: relayed and not finished is work the reconciler
    // checks against the queue, since a Redis that lost its data forgets it. Rows relayed before
    // this column are taken as finished, except those whose job failed for good.
    await queryRunner.query(`ALTER TABLE outbox_message ADD COLUMN completed_at timestamptz`);
    await queryRunner.query(
      `UPDATE outbox_message SET completed_at = dispatched_at WHERE dispatched_at IS NOT NULL AND job_id NOT IN (SELECT job_id FROM job_failure)`,
    );
    await queryRunner.query(`CREATE INDEX outbox_message_unfinished_idx ON outbox_message (dispatched_at) WHERE dispatched_at IS NOT NULL AND completed_at IS NULL`);
    // A failed try is written down at once, not only the last one, so progress shows what is
    // retrying and why while it happens; gave_up marks those out of tries.
    await queryRunner.query(`ALTER TABLE job_failure ADD COLUMN gave_up boolean NOT NULL DEFAULT true, ADD COLUMN next_attempt_at timestamptz`);
    await queryRunner.query(`ALTER TABLE job_failure ALTER COLUMN gave_up DROP DEFAULT`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM job_failure WHERE NOT gave_up`);
    await queryRunner.query(`ALTER TABLE job_failure DROP COLUMN next_attempt_at, DROP COLUMN gave_up`);
    await queryRunner.query(`DROP INDEX outbox_message_unfinished_idx`);
    await queryRunner.query(`ALTER TABLE outbox_message DROP COLUMN completed_at`);
  }
}
