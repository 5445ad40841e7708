import { MigrationInterface, QueryRunner } from 'typeorm';

export class InformationRequests1795442400000 implements MigrationInterface {
  name = 'InformationRequests1795442400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An officer may return a submitted application to its organization for more information.
    await queryRunner.query(`ALTER TABLE application DROP CONSTRAINT application_status_check`);
    await queryRunner.query(`
      ALTER TABLE application ADD CONSTRAINT application_status_check CHECK (status IN
        ('draft', 'submitted', 'information_requested', 'withdrawn', 'ineligible', 'in_review', 'approved', 'declined', 'awarded'))`);
    await queryRunner.query(`ALTER TABLE application_screening DROP CONSTRAINT application_screening_outcome_check`);
    await queryRunner.query(`ALTER TABLE application_screening ADD CONSTRAINT application_screening_outcome_check CHECK (outcome IN ('eligible', 'ineligible', 'information_requested'))`);
    await queryRunner.query(`ALTER TABLE application_screening ADD COLUMN respond_by timestamptz`);
    await queryRunner.query(`ALTER TABLE application_screening ADD CONSTRAINT application_screening_respond_by_check CHECK ((outcome = 'information_requested') = (respond_by IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE application_screening DROP CONSTRAINT application_screening_respond_by_check`);
    await queryRunner.query(`ALTER TABLE application_screening DROP COLUMN respond_by`);
    await queryRunner.query(`ALTER TABLE application_screening DROP CONSTRAINT application_screening_outcome_check`);
    await queryRunner.query(`ALTER TABLE application_screening ADD CONSTRAINT application_screening_outcome_check CHECK (outcome IN ('eligible', 'ineligible'))`);
    await queryRunner.query(`ALTER TABLE application DROP CONSTRAINT application_status_check`);
    await queryRunner.query(`
      ALTER TABLE application ADD CONSTRAINT application_status_check CHECK (status IN
        ('draft', 'submitted', 'withdrawn', 'ineligible', 'in_review', 'approved', 'declined', 'awarded'))`);
  }
}
