import { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffConflicts1795464000000 implements MigrationInterface {
  name = 'StaffConflicts1795464000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A staff member's declared conflict of interest, declared on one application. It keeps them from
    // acting on every application of that organization (StaffIndependenceService), as a membership does.
    await queryRunner.query(`
      CREATE TABLE staff_conflict (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        user_id        uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        reason         text NOT NULL CHECK (length(btrim(reason)) > 0),
        declared_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX staff_conflict_user_idx ON staff_conflict (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE staff_conflict`);
  }
}
