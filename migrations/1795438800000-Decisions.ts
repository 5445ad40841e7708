import { MigrationInterface, QueryRunner } from 'typeorm';

export class Decisions1795438800000 implements MigrationInterface {
  name = 'Decisions1795438800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // One decision per application, editable until it is released to the applicant.
    await queryRunner.query(`
      CREATE TABLE application_decision (
        application_id  uuid PRIMARY KEY REFERENCES application (id),
        outcome         text NOT NULL CHECK (outcome IN ('approved', 'declined')),
        approved_cents  bigint CHECK (approved_cents > 0),
        conditions      text NOT NULL DEFAULT '',
        rationale       text NOT NULL CHECK (length(btrim(rationale)) > 0),
        override_reason text,
        decided_by      uuid NOT NULL REFERENCES user_account (id),
        decided_at      timestamptz NOT NULL DEFAULT now(),
        released_at     timestamptz,
        CHECK ((outcome = 'approved') = (approved_cents IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE application_decision`);
  }
}
