import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Indigenous-led organization's choice whether its figures may appear in the office's aggregate
 * reports and dashboards (OCAP®: control). Null until it chooses: without its consent, its data is
 * left out of them.
 */
export class AggregateConsent1795512600000 implements MigrationInterface {
  name = 'AggregateConsent1795512600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE organization
        ADD COLUMN aggregate_consent boolean,
        ADD COLUMN aggregate_consent_at timestamptz,
        ADD COLUMN aggregate_consent_by uuid REFERENCES user_account (id),
        ADD CONSTRAINT organization_aggregate_consent_check CHECK ((aggregate_consent IS NULL) = (aggregate_consent_at IS NULL) AND (aggregate_consent_at IS NULL) = (aggregate_consent_by IS NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organization DROP CONSTRAINT organization_aggregate_consent_check, DROP COLUMN aggregate_consent_by, DROP COLUMN aggregate_consent_at, DROP COLUMN aggregate_consent`);
  }
}
