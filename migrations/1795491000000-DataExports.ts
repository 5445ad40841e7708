import { MigrationInterface, QueryRunner } from 'typeorm';

export class DataExports1795491000000 implements MigrationInterface {
  name = 'DataExports1795491000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An officer's export too large to answer at once: built by the worker into file storage, its
    // progress read by the officer who asked, and only by them.
    await queryRunner.query(`
      CREATE TABLE data_export (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by  uuid NOT NULL REFERENCES user_account (id),
        kind          text NOT NULL CHECK (kind IN ('applications', 'reviews', 'awards', 'reports')),
        format        text NOT NULL CHECK (format IN ('csv', 'xlsx')),
        lang          text NOT NULL CHECK (lang IN ('en', 'fr')),
        filters       jsonb NOT NULL DEFAULT '{}',
        status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'ready', 'failed')),
        total_rows    integer NOT NULL CHECK (total_rows >= 0),
        rows_written  integer NOT NULL DEFAULT 0 CHECK (rows_written >= 0),
        storage_key   text,
        size_bytes    bigint CHECK (size_bytes >= 0),
        error         text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        finished_at   timestamptz,
        CHECK ((status = 'ready') = (storage_key IS NOT NULL AND size_bytes IS NOT NULL AND finished_at IS NOT NULL) OR status = 'failed')
      )`);
    await queryRunner.query(`CREATE INDEX data_export_requested_by_idx ON data_export (requested_by, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE data_export`);
  }
}
