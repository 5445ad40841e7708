import { MigrationInterface, QueryRunner } from 'typeorm';

export class Awards1795453200000 implements MigrationInterface {
  name = 'Awards1795453200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What a call counts as outcomes: counts only (people served, staff trained), never personal data.
    await queryRunner.query(`ALTER TABLE call ADD COLUMN outcome_measures jsonb NOT NULL DEFAULT '[]'`);
    // Feedback the officer chooses to share in a decline letter; the rationale stays internal.
    await queryRunner.query(`ALTER TABLE application_decision ADD COLUMN feedback text`);

    // One run of "release decisions" for a call: its letters are rendered and emailed in the background.
    await queryRunner.query(`
      CREATE TABLE decision_release (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id      uuid NOT NULL REFERENCES call (id),
        released_by  uuid NOT NULL REFERENCES user_account (id),
        total        integer NOT NULL CHECK (total >= 0),
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX decision_release_call ON decision_release (call_id, created_at)`);
    await queryRunner.query(`ALTER TABLE application_decision ADD COLUMN release_id uuid REFERENCES decision_release (id)`);

    // The letter of one released decision. storage_key is set once the PDF is stored.
    await queryRunner.query(`
      CREATE TABLE decision_letter (
        application_id  uuid PRIMARY KEY REFERENCES application (id),
        release_id      uuid NOT NULL REFERENCES decision_release (id),
        kind            text NOT NULL CHECK (kind IN ('award', 'decline')),
        locale          text NOT NULL CHECK (locale IN ('en', 'fr')),
        storage_key     text,
        size_bytes      integer,
        generated_at    timestamptz,
        CHECK ((storage_key IS NULL) = (generated_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX decision_letter_release ON decision_letter (release_id)`);

    await queryRunner.query(`
      CREATE TABLE award (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id   uuid NOT NULL UNIQUE REFERENCES application (id),
        organization_id  uuid NOT NULL REFERENCES organization (id),
        call_id          uuid NOT NULL REFERENCES call (id),
        approved_cents   bigint NOT NULL CHECK (approved_cents > 0),
        conditions       text NOT NULL DEFAULT '',
        status           text NOT NULL CHECK (status IN ('offered', 'accepted', 'declined')),
        accept_by        timestamptz NOT NULL,
        responded_at     timestamptz,
        responded_by     uuid REFERENCES user_account (id),
        version          integer NOT NULL DEFAULT 1,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'offered') = (responded_at IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX award_organization ON award (organization_id)`);
    await queryRunner.query(`CREATE INDEX award_call ON award (call_id)`);

    // Reports the organization owes: interim ones for each fiscal year but the last, then a final one.
    await queryRunner.query(`
      CREATE TABLE award_report (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id        uuid NOT NULL REFERENCES award (id),
        kind            text NOT NULL CHECK (kind IN ('interim', 'final')),
        period          text NOT NULL,
        due_on          date NOT NULL,
        status          text NOT NULL CHECK (status IN ('due', 'submitted', 'accepted', 'returned')),
        spent_cents     bigint CHECK (spent_cents >= 0),
        outcomes        jsonb,
        narrative       text,
        submitted_by    uuid REFERENCES user_account (id),
        submitted_at    timestamptz,
        reviewed_by     uuid REFERENCES user_account (id),
        reviewed_at     timestamptz,
        review_comment  text,
        version         integer NOT NULL DEFAULT 1,
        UNIQUE (award_id, kind, period)
      )`);
    await queryRunner.query(`CREATE INDEX award_report_due ON award_report (due_on) WHERE status IN ('due', 'returned')`);

    // The payment schedule: one payment per fiscal year of the budget, in cents that add up to the award.
    await queryRunner.query(`
      CREATE TABLE award_payment (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id             uuid NOT NULL REFERENCES award (id),
        position             integer NOT NULL,
        fiscal_year          text NOT NULL,
        amount_cents         bigint NOT NULL CHECK (amount_cents > 0),
        due_on               date NOT NULL,
        status               text NOT NULL CHECK (status IN ('scheduled', 'payable', 'paid')),
        depends_on_report_id uuid REFERENCES award_report (id),
        paid_at              timestamptz,
        paid_by              uuid REFERENCES user_account (id),
        payment_reference    text,
        UNIQUE (award_id, fiscal_year),
        CHECK ((status = 'paid') = (paid_at IS NOT NULL))
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE award_payment`);
    await queryRunner.query(`DROP TABLE award_report`);
    await queryRunner.query(`DROP TABLE award`);
    await queryRunner.query(`DROP TABLE decision_letter`);
    await queryRunner.query(`ALTER TABLE application_decision DROP COLUMN release_id`);
    await queryRunner.query(`DROP TABLE decision_release`);
    await queryRunner.query(`ALTER TABLE application_decision DROP COLUMN feedback`);
    await queryRunner.query(`ALTER TABLE call DROP COLUMN outcome_measures`);
  }
}
