import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An Indigenous-led organization's acceptance of the data-sharing agreement (OCAP®), by version:
 * who accepted for it (a member with signing authority), under which name and title, and when.
 * Every version accepted stays on record; the one in the code is the one asked for.
 */
export class DataSharingAgreements1795509000000 implements MigrationInterface {
  name = 'DataSharingAgreements1795509000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_sharing_acceptance (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id  uuid NOT NULL REFERENCES organization (id),
        version          text NOT NULL CHECK (length(btrim(version)) > 0),
        accepted_by      uuid NOT NULL REFERENCES user_account (id),
        signer_name      text NOT NULL CHECK (length(btrim(signer_name)) > 0),
        signer_title     text NOT NULL CHECK (length(btrim(signer_title)) > 0),
        accepted_at      timestamptz NOT NULL,
        UNIQUE (organization_id, version)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE data_sharing_acceptance`);
  }
}
