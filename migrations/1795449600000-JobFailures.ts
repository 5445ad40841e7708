import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobFailures1795449600000 implements MigrationInterface {
  name = 'JobFailures1795449600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Background work that used up its retries: kept so officers see it, never silently dropped.
    // A later success (a retry by hand) clears the row.
    await queryRunner.query(`
      CREATE TABLE job_failure (
        job_id     text PRIMARY KEY,
        job_name   text NOT NULL,
        attempts   integer NOT NULL,
        error      text NOT NULL,
        failed_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE job_failure`);
  }
}
