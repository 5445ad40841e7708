import { MigrationInterface, QueryRunner } from 'typeorm';

/** The texts each kind of event carried in its details until now, and what the event keeps instead. */
const MOVED = `(VALUES
  ('application.decided',               ARRAY['rationale', 'conditions', 'overrideReason', 'feedback']),
  ('application.decision_changed',      ARRAY['rationale', 'conditions', 'overrideReason', 'feedback']),
  ('application.screened',              ARRAY['reason']),
  ('application.information_requested', ARRAY['reason', 'message']),
  ('report.accepted',                   ARRAY['comment']),
  ('report.returned',                   ARRAY['comment'])
) AS moved (action, keys)`;
const FLAGS = ['hasConditions', 'overridden', 'hasFeedback', 'hasComment'];
const written = (key: string): string => `coalesce(btrim(e.details ->> '${key}'), '') <> ''`;

export class AuditDeliberation1795467600000 implements MigrationInterface {
  name = 'AuditDeliberation1795467600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Events say what changed and who did it; the words of a deliberation (a decision's rationale,
    // conditions, override reason and feedback, a screening reason, a report review's comment) are
    // kept beside them, for fund officers, as they stood at each event. Append-only, like the trail.
    await queryRunner.query(`
      CREATE TABLE audit_event_deliberation (
        event_id uuid PRIMARY KEY REFERENCES audit_event (id),
        texts    jsonb NOT NULL CHECK (jsonb_typeof(texts) = 'object' AND texts <> '{}'::jsonb)
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit_event_deliberation_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event_deliberation is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_deliberation_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event_deliberation
        FOR EACH ROW EXECUTE FUNCTION audit_event_deliberation_is_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_deliberation_no_truncate BEFORE TRUNCATE ON audit_event_deliberation
        FOR EACH STATEMENT EXECUTE FUNCTION audit_event_deliberation_is_append_only()`);

    // The texts of earlier events move beside them first, exactly as they were (an empty feedback
    // too), so that nothing is lost and undoing gives the events back as they were...
    await queryRunner.query(`
      INSERT INTO audit_event_deliberation (event_id, texts)
      SELECT e.id, texts.texts
        FROM audit_event e
        JOIN ${MOVED} ON moved.action = e.action
       CROSS JOIN LATERAL (
             SELECT jsonb_object_agg(key, value) AS texts
               FROM jsonb_each(e.details)
              WHERE key = ANY (moved.keys)
           ) texts
       WHERE texts.texts IS NOT NULL`);
    // ...then leave the events. This is the one change ever made to recorded events: the trigger
    // that refuses it is off for this statement only, inside this migration's transaction.
    await queryRunner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    await queryRunner.query(`
      UPDATE audit_event e
         SET details = (e.details - moved.keys) || CASE
               WHEN moved.action IN ('application.decided', 'application.decision_changed')
                 THEN jsonb_build_object('hasConditions', ${written('conditions')}, 'overridden', ${written('overrideReason')}, 'hasFeedback', ${written('feedback')})
               WHEN moved.action LIKE 'report.%' THEN jsonb_build_object('hasComment', ${written('comment')})
               ELSE '{}'::jsonb
             END
        FROM ${MOVED}
       WHERE moved.action = e.action AND e.details ?| moved.keys`);
    await queryRunner.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    await queryRunner.query(`
      UPDATE audit_event e
         SET details = (e.details - ARRAY[${FLAGS.map((flag) => `'${flag}'`).join(', ')}])
                       || coalesce((SELECT d.texts FROM audit_event_deliberation d WHERE d.event_id = e.id), '{}'::jsonb)
       WHERE e.action IN (SELECT moved.action FROM ${MOVED})`);
    await queryRunner.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);
    await queryRunner.query(`DROP TABLE audit_event_deliberation`);
    await queryRunner.query(`DROP FUNCTION audit_event_deliberation_is_append_only()`);
  }
}
