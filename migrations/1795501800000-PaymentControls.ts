import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payments under control (../shared/TRANSFER-PAYMENTS.md, "Payments"): requested by an officer,
 * approved by one or two others with expenditure authority, then recorded as paid; the holdback as
 * a payment of its own; holds on an award. Separation of duties is a constraint of the row, not
 * only a rule of the service.
 */
export class PaymentControls1795501800000 implements MigrationInterface {
  name = 'PaymentControls1795501800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE fund ADD COLUMN second_approval_threshold_cents bigint NOT NULL DEFAULT 10000000 CHECK (second_approval_threshold_cents > 0)`);
    await queryRunner.query(`ALTER TABLE call ADD COLUMN holdback_percent integer NOT NULL DEFAULT 10 CHECK (holdback_percent BETWEEN 0 AND 50)`);

    // "Payable" was a payment whose condition was met; the condition is now checked when it is requested.
    await queryRunner.query(`ALTER TABLE award_payment DROP CONSTRAINT award_payment_status_check`);
    await queryRunner.query(`UPDATE award_payment SET status = 'scheduled' WHERE status = 'payable'`);
    // The holdback shares its fiscal year with the last instalment.
    await queryRunner.query(`ALTER TABLE award_payment DROP CONSTRAINT award_payment_award_id_fiscal_year_key`);
    await queryRunner.query(`
      ALTER TABLE award_payment
        ADD CONSTRAINT award_payment_position_key UNIQUE (award_id, position),
        ADD COLUMN holdback boolean NOT NULL DEFAULT false,
        ADD COLUMN offset_cents bigint NOT NULL DEFAULT 0,
        ADD COLUMN requested_by uuid REFERENCES user_account (id),
        ADD COLUMN requested_at timestamptz,
        ADD COLUMN approvals_needed integer CHECK (approvals_needed IN (1, 2)),
        ADD COLUMN first_approved_by uuid REFERENCES user_account (id),
        ADD COLUMN first_approved_at timestamptz,
        ADD COLUMN second_approved_by uuid REFERENCES user_account (id),
        ADD COLUMN second_approved_at timestamptz,
        ADD CONSTRAINT award_payment_status_check CHECK (status IN ('scheduled', 'requested', 'approved', 'paid')),
        ADD CONSTRAINT award_payment_offset_check CHECK (offset_cents >= 0 AND offset_cents <= amount_cents),
        ADD CONSTRAINT award_payment_second_approval_check CHECK ((second_approved_at IS NULL) = (second_approved_by IS NULL) AND (second_approved_at IS NULL OR first_approved_at IS NOT NULL)),
        -- The requester never approves, and nobody approves twice in one chain.
        ADD CONSTRAINT award_payment_separation_of_duties CHECK (first_approved_by <> requested_by AND second_approved_by <> requested_by AND second_approved_by <> first_approved_by)`);
    // Payments recorded as paid before these controls have no request or approval on record: the
    // chain is required of every payment from now on (NOT VALID: checked on every write, not on the past).
    await queryRunner.query(`
      ALTER TABLE award_payment
        ADD CONSTRAINT award_payment_requested_check CHECK ((status = 'scheduled') = (requested_at IS NULL) AND (requested_at IS NULL) = (requested_by IS NULL) AND (requested_at IS NULL) = (approvals_needed IS NULL)) NOT VALID,
        ADD CONSTRAINT award_payment_first_approval_check CHECK ((first_approved_at IS NULL) = (first_approved_by IS NULL) AND (status IN ('approved', 'paid')) <= (first_approved_at IS NOT NULL)) NOT VALID,
        ADD CONSTRAINT award_payment_enough_approvals_check CHECK (status NOT IN ('approved', 'paid') OR approvals_needed = 1 OR second_approved_at IS NOT NULL) NOT VALID`);
    await queryRunner.query(`CREATE INDEX award_payment_waiting_idx ON award_payment (status, due_on) WHERE status IN ('requested', 'approved')`);

    // Awards made before: the default 10% holdback out of the last instalment, where nothing of it is paid yet.
    await queryRunner.query(`
      WITH plan AS (
        SELECT p.id, p.award_id, p.position, p.fiscal_year, p.due_on, p.amount_cents, p.depends_on_report_id,
               LEAST(p.amount_cents, (SELECT sum(q.amount_cents) FROM award_payment q WHERE q.award_id = p.award_id) * 10 / 100) AS holdback_cents
          FROM award_payment p
         WHERE p.status = 'scheduled' AND p.position = (SELECT max(q.position) FROM award_payment q WHERE q.award_id = p.award_id)
      ), shrunk AS (
        UPDATE award_payment p SET amount_cents = p.amount_cents - plan.holdback_cents
          FROM plan WHERE p.id = plan.id AND plan.holdback_cents > 0 AND plan.holdback_cents < plan.amount_cents
      )
      INSERT INTO award_payment (award_id, position, fiscal_year, amount_cents, due_on, status, depends_on_report_id, holdback)
      SELECT plan.award_id, plan.position + 1, plan.fiscal_year, plan.holdback_cents, plan.due_on, 'scheduled',
             (SELECT r.id FROM award_report r WHERE r.award_id = plan.award_id AND r.kind = 'final'), true
        FROM plan WHERE plan.holdback_cents > 0 AND plan.holdback_cents < plan.amount_cents`);

    // An officer holds an award's payments while the recipient is out of compliance; one hold at a time, all on record.
    await queryRunner.query(`
      CREATE TABLE award_hold (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id    uuid NOT NULL REFERENCES award (id),
        reason      text NOT NULL CHECK (length(btrim(reason)) > 0),
        placed_by   uuid NOT NULL REFERENCES user_account (id),
        placed_at   timestamptz NOT NULL,
        lifted_by   uuid REFERENCES user_account (id),
        lifted_at   timestamptz,
        CHECK ((lifted_at IS NULL) = (lifted_by IS NULL)),
        CHECK (lifted_at IS NULL OR lifted_at >= placed_at)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX award_hold_active_idx ON award_hold (award_id) WHERE lifted_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE award_hold`);
    await queryRunner.query(`
      UPDATE award_payment p SET amount_cents = p.amount_cents + h.amount_cents
        FROM award_payment h WHERE h.award_id = p.award_id AND h.holdback AND p.position = h.position - 1`);
    await queryRunner.query(`DELETE FROM award_payment WHERE holdback`);
    await queryRunner.query(`DROP INDEX award_payment_waiting_idx`);
    await queryRunner.query(`
      ALTER TABLE award_payment
        DROP CONSTRAINT award_payment_status_check,
        DROP CONSTRAINT award_payment_separation_of_duties,
        DROP CONSTRAINT award_payment_enough_approvals_check,
        DROP CONSTRAINT award_payment_second_approval_check,
        DROP CONSTRAINT award_payment_first_approval_check,
        DROP CONSTRAINT award_payment_requested_check,
        DROP CONSTRAINT award_payment_offset_check,
        DROP CONSTRAINT award_payment_position_key,
        DROP COLUMN second_approved_at, DROP COLUMN second_approved_by, DROP COLUMN first_approved_at, DROP COLUMN first_approved_by,
        DROP COLUMN approvals_needed, DROP COLUMN requested_at, DROP COLUMN requested_by, DROP COLUMN offset_cents, DROP COLUMN holdback`);
    await queryRunner.query(`UPDATE award_payment SET status = 'scheduled' WHERE status IN ('requested', 'approved')`);
    await queryRunner.query(`ALTER TABLE award_payment ADD CONSTRAINT award_payment_status_check CHECK (status IN ('scheduled', 'payable', 'paid')), ADD CONSTRAINT award_payment_award_id_fiscal_year_key UNIQUE (award_id, fiscal_year)`);
    await queryRunner.query(`ALTER TABLE call DROP COLUMN holdback_percent`);
    await queryRunner.query(`ALTER TABLE fund DROP COLUMN second_approval_threshold_cents`);
  }
}
