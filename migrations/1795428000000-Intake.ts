import { MigrationInterface, QueryRunner } from 'typeorm';

export const CBSF_FUND_ID = '5f1c2a9e-8d3b-4c1e-9a7f-0c2b3d4e5f60';
export const ILIF_FUND_ID = '7a2d3b4c-5e6f-4a8b-9c0d-1e2f3a4b5c6d';

export class Intake1795428000000 implements MigrationInterface {
  name = 'Intake1795428000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE fund (
        id             uuid PRIMARY KEY,
        code           text NOT NULL UNIQUE CHECK (code IN ('CBSF', 'ILIF')),
        name_en        text NOT NULL,
        name_fr        text NOT NULL,
        description_en text NOT NULL,
        description_fr text NOT NULL,
        review_panel   text CHECK (review_panel IN ('ILIF'))
      )`);
    await queryRunner.query(
      `INSERT INTO fund (id, code, name_en, name_fr, description_en, description_fr, review_panel) VALUES
        ($1, 'CBSF', 'Community-Based Supports Fund', 'Fonds de soutien communautaire',
         'Expands and improves community-based services for survivors of human trafficking, designed with Ontario''s anti-trafficking coalitions.',
         'Élargit et améliore les services communautaires destinés aux personnes survivantes de la traite des personnes, conçu avec les coalitions ontariennes de lutte contre la traite.',
         NULL),
        ($2, 'ILIF', 'Indigenous-Led Initiatives Fund', 'Fonds pour les initiatives dirigées par des Autochtones',
         'Supports initiatives designed, developed and delivered by and with Indigenous organizations and communities to end human trafficking.',
         'Soutient des initiatives conçues, élaborées et offertes par et avec des organisations et communautés autochtones pour mettre fin à la traite des personnes.',
         'ILIF')`,
      [CBSF_FUND_ID, ILIF_FUND_ID],
    );

    await queryRunner.query(`
      CREATE TABLE call (
        id                        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fund_id                   uuid NOT NULL REFERENCES fund (id),
        title                     jsonb NOT NULL DEFAULT '{}'::jsonb,
        description               jsonb NOT NULL DEFAULT '{}'::jsonb,
        opens_at                  timestamptz,
        closes_at                 timestamptz,
        budget_envelope_cents     bigint CHECK (budget_envelope_cents > 0),
        min_request_cents         bigint CHECK (min_request_cents > 0),
        max_request_cents         bigint CHECK (max_request_cents > 0),
        max_duration_months       integer CHECK (max_duration_months BETWEEN 1 AND 60),
        eligibility               jsonb,
        form                      jsonb,
        required_attachments      jsonb NOT NULL DEFAULT '[]'::jsonb,
        rubric                    jsonb,
        reviewers_per_application integer CHECK (reviewers_per_application BETWEEN 1 AND 10),
        version                   integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_by                uuid NOT NULL REFERENCES user_account (id),
        created_at                timestamptz NOT NULL DEFAULT now(),
        updated_at                timestamptz NOT NULL DEFAULT now(),
        published_at              timestamptz,
        closed_at                 timestamptz,
        CHECK (closes_at > opens_at),
        CHECK (min_request_cents <= max_request_cents AND max_request_cents <= budget_envelope_cents),
        -- A published call is complete.
        CHECK (published_at IS NULL OR (opens_at IS NOT NULL AND closes_at IS NOT NULL AND budget_envelope_cents IS NOT NULL
               AND min_request_cents IS NOT NULL AND max_request_cents IS NOT NULL AND max_duration_months IS NOT NULL
               AND eligibility IS NOT NULL AND form IS NOT NULL AND rubric IS NOT NULL AND reviewers_per_application IS NOT NULL)),
        CHECK (closed_at IS NULL OR published_at IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX call_listing_idx ON call (created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX call_closing_idx ON call (closes_at) WHERE published_at IS NOT NULL AND closed_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE application (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id          uuid NOT NULL REFERENCES call (id),
        organization_id  uuid NOT NULL REFERENCES organization (id),
        status           text NOT NULL DEFAULT 'draft'
                         CHECK (status IN ('draft', 'submitted', 'withdrawn', 'ineligible', 'in_review', 'approved', 'declined', 'awarded')),
        title            text NOT NULL DEFAULT '',
        summary          text NOT NULL DEFAULT '',
        answers          jsonb NOT NULL DEFAULT '{}'::jsonb,
        version          integer NOT NULL DEFAULT 1 CHECK (version > 0),
        reference_number text UNIQUE,
        submitted_at     timestamptz,
        withdrawn_at     timestamptz,
        created_by       uuid NOT NULL REFERENCES user_account (id),
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'draft') = (reference_number IS NULL AND submitted_at IS NULL) OR status = 'withdrawn'),
        CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL))
      )`);
    // One draft per organization per call.
    await queryRunner.query(`CREATE UNIQUE INDEX application_one_draft_idx ON application (organization_id, call_id) WHERE status = 'draft'`);
    await queryRunner.query(`CREATE INDEX application_call_idx ON application (call_id, status)`);
    await queryRunner.query(`CREATE INDEX application_organization_idx ON application (organization_id, created_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE application_budget_line (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id) ON DELETE CASCADE,
        position       integer NOT NULL CHECK (position >= 0),
        fiscal_year    text NOT NULL CHECK (fiscal_year ~ '^[0-9]{4}-[0-9]{2}$'),
        category       text NOT NULL,
        description    text NOT NULL,
        amount_cents   bigint NOT NULL CHECK (amount_cents > 0),
        UNIQUE (application_id, position)
      )`);

    await queryRunner.query(`
      CREATE TABLE application_attachment (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        key            text NOT NULL,
        filename       text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
        content_type   text NOT NULL CHECK (content_type IN ('application/pdf', 'image/png', 'image/jpeg',
                         'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                         'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')),
        size_bytes     bigint NOT NULL CHECK (size_bytes > 0 AND size_bytes <= 26214400),
        sha256         text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key    text NOT NULL UNIQUE,
        uploaded_by    uuid NOT NULL REFERENCES user_account (id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        deleted_at     timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX application_attachment_idx ON application_attachment (application_id) WHERE deleted_at IS NULL`);

    // What was submitted, frozen. Never changed; a request for more information adds a version.
    await queryRunner.query(`
      CREATE TABLE application_snapshot (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES application (id),
        version        integer NOT NULL CHECK (version > 0),
        submitted_at   timestamptz NOT NULL,
        submitted_by   uuid NOT NULL REFERENCES user_account (id),
        content        jsonb NOT NULL,
        UNIQUE (application_id, version)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION application_snapshot_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'application_snapshot is immutable: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER application_snapshot_immutable BEFORE UPDATE OR DELETE ON application_snapshot
        FOR EACH ROW EXECUTE FUNCTION application_snapshot_is_immutable()`);

    // Reference numbers, gap-free per fund and year: the counter row is locked until the
    // submission commits, and rolls back with it.
    await queryRunner.query(`
      CREATE TABLE reference_sequence (
        fund_code   text NOT NULL,
        year        integer NOT NULL,
        last_number integer NOT NULL CHECK (last_number > 0),
        PRIMARY KEY (fund_code, year)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE reference_sequence`);
    await queryRunner.query(`DROP TABLE application_snapshot`);
    await queryRunner.query(`DROP FUNCTION application_snapshot_is_immutable()`);
    for (const table of ['application_attachment', 'application_budget_line', 'application', 'call', 'fund']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
