import { MigrationInterface, QueryRunner } from 'typeorm';

export class KeptForms1795460400000 implements MigrationInterface {
  name = 'KeptForms1795460400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // What was typed into a form posted after its session had ended, kept for an hour so that the
    // person finds it again on the form's page once signed in. It belongs to the account of the
    // ended session, or (when the browser no longer carried one) to a random token in a cookie of
    // that browser until someone signs in there: one or the other, never both.
    await queryRunner.query(`
      CREATE TABLE kept_form (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id            uuid REFERENCES user_account (id) ON DELETE CASCADE,
        browser_token_hash bytea,
        form_path          text NOT NULL CHECK (form_path LIKE '/%'),
        fields             jsonb NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        expires_at         timestamptz NOT NULL,
        CHECK ((user_id IS NULL) <> (browser_token_hash IS NULL))
      )`);
    // One copy per form page and owner: a later post replaces the earlier one.
    await queryRunner.query(`CREATE UNIQUE INDEX kept_form_user_path_idx ON kept_form (user_id, form_path) WHERE user_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX kept_form_browser_path_idx ON kept_form (browser_token_hash, form_path) WHERE browser_token_hash IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX kept_form_expires_idx ON kept_form (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE kept_form`);
  }
}
