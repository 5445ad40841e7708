import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agreements1795498200000 implements MigrationInterface {
  name = 'Agreements1795498200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Staff with expenditure authority: counter-sign agreements (and, next, approve payments).
    await queryRunner.query(`ALTER TABLE user_account DROP CONSTRAINT user_account_roles_check`);
    await queryRunner.query(`
      ALTER TABLE user_account ADD CONSTRAINT user_account_roles_check
        CHECK (roles <@ ARRAY['applicant', 'reviewer', 'officer', 'approver', 'admin']::text[] AND 'applicant' = ANY (roles))`);

    // Each version of an award's Transfer Payment Agreement: its schedules as they were, the PDF the
    // parties saw (its SHA-256), and both signatures. A version is never changed once signed; an
    // amendment is the next version.
    await queryRunner.query(`
      CREATE TABLE agreement_version (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        award_id                uuid NOT NULL REFERENCES award (id),
        version                 integer NOT NULL CHECK (version > 0),
        status                  text NOT NULL CHECK (status IN ('generating', 'awaiting_recipient', 'awaiting_province', 'executed', 'superseded')),
        schedules               jsonb NOT NULL CHECK (jsonb_typeof(schedules) = 'object'),
        total_cents             bigint NOT NULL CHECK (total_cents > 0),
        locale                  text NOT NULL CHECK (locale IN ('en', 'fr')),
        reason                  text CHECK (length(btrim(reason)) > 0),
        proposed_by             uuid NOT NULL REFERENCES user_account (id),
        created_at              timestamptz NOT NULL DEFAULT now(),
        storage_key             text,
        pdf_sha256              text CHECK (pdf_sha256 ~ '^[0-9a-f]{64}$'),
        size_bytes              bigint CHECK (size_bytes > 0),
        generated_at            timestamptz,
        recipient_signed_by     uuid REFERENCES user_account (id),
        recipient_signer_name   text,
        recipient_signer_title  text,
        recipient_signed_at     timestamptz,
        province_signed_by      uuid REFERENCES user_account (id),
        province_signer_name    text,
        province_signer_title   text,
        province_signed_at      timestamptz,
        UNIQUE (award_id, version),
        -- Version 1 comes from the acceptance; every later one is an amendment with its reason.
        CHECK ((version = 1) = (reason IS NULL)),
        CHECK ((status = 'generating') = (storage_key IS NULL)),
        CHECK ((storage_key IS NULL) = (pdf_sha256 IS NULL)),
        CHECK ((recipient_signed_at IS NULL) = (recipient_signed_by IS NULL AND recipient_signer_name IS NULL AND recipient_signer_title IS NULL)),
        CHECK ((province_signed_at IS NULL) = (province_signed_by IS NULL AND province_signer_name IS NULL AND province_signer_title IS NULL)),
        CHECK ((recipient_signed_at IS NOT NULL) = (status IN ('awaiting_province', 'executed', 'superseded'))),
        CHECK ((province_signed_at IS NOT NULL) = (status IN ('executed', 'superseded'))),
        -- Whoever signed for the organization never counter-signs for the Province.
        CONSTRAINT agreement_version_signers_differ CHECK (province_signed_by IS NULL OR province_signed_by <> recipient_signed_by)
      )`);
    // At most one version waiting for signatures, and at most one in force.
    await queryRunner.query(`CREATE UNIQUE INDEX agreement_version_pending_idx ON agreement_version (award_id) WHERE status IN ('generating', 'awaiting_recipient', 'awaiting_province')`);
    await queryRunner.query(`CREATE UNIQUE INDEX agreement_version_in_force_idx ON agreement_version (award_id) WHERE status = 'executed'`);
    await queryRunner.query(`CREATE INDEX agreement_version_awaiting_province_idx ON agreement_version (created_at) WHERE status = 'awaiting_province'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agreement_version`);
    await queryRunner.query(`UPDATE user_account SET roles = array_remove(roles, 'approver')`);
    await queryRunner.query(`ALTER TABLE user_account DROP CONSTRAINT user_account_roles_check`);
    await queryRunner.query(`
      ALTER TABLE user_account ADD CONSTRAINT user_account_roles_check
        CHECK (roles <@ ARRAY['applicant', 'reviewer', 'officer', 'admin']::text[] AND 'applicant' = ANY (roles))`);
  }
}
