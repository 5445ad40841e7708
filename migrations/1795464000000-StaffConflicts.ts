import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffConflicts1795464000000 implements MigrationInterface {
  name = 'StaffConflicts1795464000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What keeps a staff member from acting on every application of an organization, besides a current
    // membership (StaffIndependenceService): a conflict they declared (on one of its applications, kept
    // when that application is deleted), or having been a member (written when they leave or are removed,
    // so that leaving an organization does not clear the way to deciding its applications).
    await queryRunner.query(`
      CREATE TABLE staff_conflict (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id),
        user_id         uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        kind            text NOT NULL CHECK (kind IN ('declared', 'former_member')),
        application_id  uuid REFERENCES application (id) ON DELETE SET NULL,
        reason          text NOT NULL CHECK (length(btrim(reason)) > 0),
        declared_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (organization_id, user_id, kind)
      )`);
    await queryRunner.query(`CREATE INDEX staff_conflict_user_idx ON staff_conflict (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE staff_conflict`);
  }
}
