import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecipientProfile1795494600000 implements MigrationInterface {
  name = 'RecipientProfile1795494600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What Transfer Payment Ontario asks of a recipient: the CRA Business Number (stored compact,
    // `123456782RR0001`) or why there is none, never both.
    await queryRunner.query(`
      ALTER TABLE organization
        ADD COLUMN business_number text CHECK (business_number ~ '^[0-9]{9}([A-Z]{2}[0-9]{4})?$'),
        ADD COLUMN no_business_number_reason text CHECK (length(btrim(no_business_number_reason)) > 0),
        ADD CONSTRAINT organization_business_number_or_reason CHECK (business_number IS NULL OR no_business_number_reason IS NULL)`);
    // The people the office deals with. A contact is not an account: a signing authority binds the
    // organization only once their address is also a member's (checked where the profile is read).
    await queryRunner.query(`
      CREATE TABLE organization_contact (
        organization_id   uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        position          integer NOT NULL CHECK (position >= 0),
        name              text NOT NULL CHECK (length(btrim(name)) > 0),
        title             text NOT NULL CHECK (length(btrim(title)) > 0),
        email             citext NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        phone             text NOT NULL CHECK (length(btrim(phone)) > 0),
        signing_authority boolean NOT NULL,
        PRIMARY KEY (organization_id, position),
        UNIQUE (organization_id, email)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE organization_contact`);
    await queryRunner.query(`ALTER TABLE organization DROP CONSTRAINT organization_business_number_or_reason, DROP COLUMN no_business_number_reason, DROP COLUMN business_number`);
  }
}
