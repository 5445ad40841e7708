import { MigrationInterface, QueryRunner } from 'typeorm';

export class DisabledAccounts1795474800000 implements MigrationInterface {
  name = 'DisabledAccounts1795474800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An administrator disables an account instead of deleting it: what the person did stays
    // attributed to them. Set, the account cannot sign in and has no session.
    await queryRunner.query(`ALTER TABLE user_account ADD COLUMN disabled_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE user_account DROP COLUMN disabled_at`);
  }
}
