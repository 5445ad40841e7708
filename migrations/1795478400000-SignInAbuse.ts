import { MigrationInterface, QueryRunner } from 'typeorm';

export class SignInAbuse1795478400000 implements MigrationInterface {
  name = 'SignInAbuse1795478400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Failed sign-ins are counted per address and client (a browser that signed in to the account
    // before, or else a network address), so that whoever guesses from elsewhere locks only their
    // own pair, never the owner's own browser. The counts of the old per-address table are dropped:
    // they are at most fifteen minutes old.
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        email_hash   bytea NOT NULL,
        client_hash  bytea NOT NULL,
        failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        window_start timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        PRIMARY KEY (email_hash, client_hash)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE login_throttle`);
    await queryRunner.query(`
      CREATE TABLE login_throttle (
        email_hash   bytea PRIMARY KEY,
        failures     integer NOT NULL DEFAULT 0 CHECK (failures >= 0),
        window_start timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz
      )`);
  }
}
