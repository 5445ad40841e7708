import { MigrationInterface, QueryRunner } from 'typeorm';

export class Screening1795431600000 implements MigrationInterface {
  name = 'Screening1795431600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every screening decision is kept, in order: a request for more information (to come) adds rows.
    await queryRunner.query(`
      CREATE TABLE application_screening (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        outcome        text NOT NULL CHECK (outcome IN ('eligible', 'ineligible')),
        reason         text NOT NULL CHECK (length(btrim(reason)) > 0),
        officer_id     uuid NOT NULL REFERENCES user_account (id),
        screened_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX application_screening_idx ON application_screening (application_id, screened_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE application_screening`);
  }
}
