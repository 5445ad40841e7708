import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reports give spending by budget line (../shared/TRANSFER-PAYMENTS.md, "Reports and recovery"),
 * a variance beyond schedule D's flexibility is accepted only with a justification on record, and
 * a year's surplus becomes a recovery owed to the Crown, settled by offset or repayment.
 */
export class FinancialReports1795505400000 implements MigrationInterface {
  name = 'FinancialReports1795505400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // spent_cents stays as the total of the lines, as reports filed before give only the total.
    await queryRunner.query(`
      ALTER TABLE award_report
        ADD COLUMN spending jsonb CHECK (spending IS NULL OR jsonb_typeof(spending) = 'array'),
        ADD COLUMN variance_justification text CHECK (length(btrim(variance_justification)) > 0)`);

    await queryRunner.query(`
      CREATE TABLE award_recovery (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id             uuid NOT NULL REFERENCES award (id),
        fiscal_year          text NOT NULL,
        amount_cents         bigint NOT NULL CHECK (amount_cents > 0),
        offset_cents         bigint NOT NULL DEFAULT 0 CHECK (offset_cents >= 0 AND offset_cents <= amount_cents),
        recorded_by          uuid NOT NULL REFERENCES user_account (id),
        recorded_at          timestamptz NOT NULL,
        settled_by           text CHECK (settled_by IN ('offset', 'repayment')),
        settled_at           timestamptz,
        settled_by_user      uuid REFERENCES user_account (id),
        repayment_reference  text CHECK (length(btrim(repayment_reference)) > 0),
        UNIQUE (award_id, fiscal_year),
        CHECK ((settled_by IS NULL) = (settled_at IS NULL) AND (settled_at IS NULL) = (settled_by_user IS NULL)),
        CHECK (settled_by IS DISTINCT FROM 'offset' OR offset_cents = amount_cents),
        CHECK ((settled_by = 'repayment') = (repayment_reference IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX award_recovery_open_idx ON award_recovery (award_id) WHERE settled_by IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE award_recovery`);
    await queryRunner.query(`ALTER TABLE award_report DROP COLUMN variance_justification, DROP COLUMN spending`);
  }
}
