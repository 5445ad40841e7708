import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1795420800000 implements MigrationInterface {
  name = 'Foundation1795420800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        job_id         text NOT NULL UNIQUE CHECK (job_id <> '' AND position(':' IN job_id) = 0),
        job_name       text NOT NULL,
        queue          text NOT NULL,
        payload        jsonb NOT NULL,
        attempts       integer NOT NULL CHECK (attempts > 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        dispatched_at  timestamptz,
        relay_attempts integer NOT NULL DEFAULT 0,
        last_error     text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_message_pending_idx ON outbox_message (created_at, id) WHERE dispatched_at IS NULL`);

    await queryRunner.query(`
      CREATE TABLE audit_event (
        id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id    uuid,
        actor_role  text,
        action      text NOT NULL CHECK (action <> ''),
        entity_type text NOT NULL CHECK (entity_type <> ''),
        entity_id   text NOT NULL CHECK (entity_id <> ''),
        from_state  text,
        to_state    text,
        request_id  text,
        details     jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await queryRunner.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity_id, occurred_at)`);
    await queryRunner.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at) WHERE actor_id IS NOT NULL`);
    // The trail is append-only whoever connects: the database refuses to change or remove a row.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
        FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only()`);

    await queryRunner.query(`
      CREATE TABLE email_delivery (
        job_id     text PRIMARY KEY,
        template   text NOT NULL,
        recipients text[] NOT NULL,
        message_id text,
        sent_at    timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE email_delivery`);
    await queryRunner.query(`DROP TABLE audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_is_append_only()`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
