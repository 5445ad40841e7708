import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1795424400000 implements MigrationInterface {
  name = 'Identity1795424400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await queryRunner.query(`
      CREATE TABLE user_account (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email             citext NOT NULL UNIQUE CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        name              text NOT NULL CHECK (length(btrim(name)) > 0),
        locale            text NOT NULL CHECK (locale IN ('en', 'fr')),
        password_hash     text,
        roles             text[] NOT NULL DEFAULT '{applicant}'
                          CHECK (roles <@ ARRAY['applicant', 'reviewer', 'officer', 'admin']::text[] AND 'applicant' = ANY (roles)),
        panels            text[] NOT NULL DEFAULT '{}' CHECK (panels <@ ARRAY['ILIF']::text[]),
        email_verified_at timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);

    // Purpose-bound, single-use tokens; only their SHA-256 is stored.
    await queryRunner.query(`
      CREATE TABLE one_time_token (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset', 'invitation')),
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at    timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX one_time_token_user_idx ON one_time_token (user_id, purpose)`);

    await queryRunner.query(`
      CREATE TABLE session (
        id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id    uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        kind       text NOT NULL CHECK (kind IN ('api', 'web')),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX session_user_idx ON session (user_id) WHERE revoked_at IS NULL`);

    // Failed sign-ins counted per address hash, whether or not an account exists, so a lockout
    // tells an attacker nothing about which addresses are registered.
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        email_hash   bytea PRIMARY KEY,
        failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        window_start timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);

    await queryRunner.query(`
      CREATE TABLE organization (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        legal_name          text NOT NULL CHECK (length(btrim(legal_name)) > 0),
        operating_name      text,
        type                text NOT NULL CHECK (type IN ('non_profit', 'charity', 'indigenous_organization', 'first_nation',
                                                          'metis_organization', 'inuit_organization', 'municipality', 'other')),
        registration_number text,
        region              text NOT NULL CHECK (region IN ('central', 'east', 'north', 'toronto', 'west')),
        address_line1       text NOT NULL,
        address_city        text NOT NULL,
        address_postal_code text NOT NULL CHECK (address_postal_code ~ '^[A-Z][0-9][A-Z] [0-9][A-Z][0-9]$'),
        indigenous_led      boolean NOT NULL,
        preferred_language  text NOT NULL CHECK (preferred_language IN ('en', 'fr')),
        version             integer NOT NULL DEFAULT 1 CHECK (version > 0),
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);

    await queryRunner.query(`
      CREATE TABLE organization_member (
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        user_id         uuid NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
        role            text NOT NULL CHECK (role IN ('owner', 'editor')),
        created_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, user_id)
      )`);
    await queryRunner.query(`CREATE INDEX organization_member_user_idx ON organization_member (user_id)`);

    await queryRunner.query(`
      CREATE TABLE organization_invitation (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        email           citext NOT NULL,
        role            text NOT NULL CHECK (role IN ('owner', 'editor')),
        invited_by      uuid NOT NULL REFERENCES user_account (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        expires_at      timestamptz NOT NULL,
        accepted_at     timestamptz,
        accepted_by     uuid REFERENCES user_account (id)
      )`);
    // One open invitation per address per organization.
    await queryRunner.query(`
      CREATE UNIQUE INDEX organization_invitation_open_idx ON organization_invitation (organization_id, email)
        WHERE accepted_at IS NULL`);
    await queryRunner.query(`CREATE INDEX organization_invitation_email_idx ON organization_invitation (email) WHERE accepted_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['organization_invitation', 'organization_member', 'organization', 'login_throttle', 'session', 'one_time_token', 'user_account']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
