import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application lists' sort keys (ApplicationService's), each indexed with the id that breaks
 * ties, over every call and within one. A reference number is unique: across calls, its own unique
 * index orders it.
 */
const SORT_KEYS: Record<string, { key: string; acrossCalls: boolean }> = {
  created: { key: 'created_at', acrossCalls: true },
  submitted: { key: 'submitted_at', acrossCalls: true },
  requested: { key: 'requested_cents', acrossCalls: true },
  score: { key: 'review_score', acrossCalls: true },
  status: { key: 'application_status_rank(status)', acrossCalls: true },
  reference: { key: 'reference_number', acrossCalls: false },
};

const TRIGGERS = [
  { table: 'application_budget_line', name: 'application_budget_line_requested', fn: 'application_requested_follows_budget' },
  { table: 'review_assignment', name: 'review_assignment_score', fn: 'application_score_follows_reviews' },
];

export class ApplicationSearch1795487400000 implements MigrationInterface {
  name = 'ApplicationSearch1795487400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The lists sort by the amount requested and by the reviews' score: kept on the row, so that
    // an index orders them, rather than summed and averaged for every application of every page.
    await queryRunner.query(`ALTER TABLE application ADD COLUMN requested_cents bigint NOT NULL DEFAULT 0 CHECK (requested_cents >= 0)`);
    // The mean weighted score (0–100) of its submitted reviews; null until one is submitted.
    await queryRunner.query(`ALTER TABLE application ADD COLUMN review_score numeric(5, 2) CHECK (review_score BETWEEN 0 AND 100)`);
    await queryRunner.query(`
      UPDATE application a SET requested_cents = t.total
        FROM (SELECT application_id, sum(amount_cents) AS total FROM application_budget_line GROUP BY application_id) t
       WHERE a.id = t.application_id`);
    await queryRunner.query(`
      UPDATE application a SET review_score = t.score
        FROM (SELECT application_id, round(avg(weighted_score), 2) AS score FROM review_assignment WHERE status = 'submitted' GROUP BY application_id) t
       WHERE a.id = t.application_id`);

    // Whoever writes budgets or reviews (the services, the demo seeders, test factories, benchmarks
    // writing SQL), the columns follow: once per statement, for the applications it touched, and
    // the row is written only when the value changes. A draft save replaces its budget (a delete,
    // then an insert): two small updates of a row the save already holds locked.
    await queryRunner.query(`
      CREATE FUNCTION application_refresh_requested(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE application a SET requested_cents = t.total
          FROM (SELECT i.id, (SELECT coalesce(sum(l.amount_cents), 0) FROM application_budget_line l WHERE l.application_id = i.id) AS total
                  FROM unnest(ids) AS i(id)) t
         WHERE a.id = t.id AND a.requested_cents <> t.total
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION application_requested_follows_budget() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM application_refresh_requested(ARRAY(SELECT DISTINCT application_id FROM new_rows));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM application_refresh_requested(ARRAY(SELECT DISTINCT application_id FROM old_rows));
        ELSE
          PERFORM application_refresh_requested(ARRAY(SELECT application_id FROM new_rows UNION SELECT application_id FROM old_rows));
        END IF;
        RETURN NULL;
      END
      $$`);
    // The partial index review_assignment_live_idx (application_id, …) serves the average.
    await queryRunner.query(`
      CREATE FUNCTION application_refresh_review_score(ids uuid[]) RETURNS void LANGUAGE sql AS $$
        UPDATE application a SET review_score = t.score
          FROM (SELECT i.id, (SELECT round(avg(r.weighted_score), 2) FROM review_assignment r WHERE r.application_id = i.id AND r.status = 'submitted') AS score
                  FROM unnest(ids) AS i(id)) t
         WHERE a.id = t.id AND a.review_score IS DISTINCT FROM t.score
      $$`);
    // A reviewer's draft scores are saved often: only a change of status or score counts.
    await queryRunner.query(`
      CREATE FUNCTION application_score_follows_reviews() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM application_refresh_review_score(ARRAY(SELECT DISTINCT application_id FROM new_rows WHERE status = 'submitted'));
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM application_refresh_review_score(ARRAY(SELECT DISTINCT application_id FROM old_rows WHERE status = 'submitted'));
        ELSE
          PERFORM application_refresh_review_score(ARRAY(
            SELECT unnest(ARRAY[n.application_id, o.application_id]) FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.application_id, n.status, n.weighted_score) IS DISTINCT FROM (o.application_id, o.status, o.weighted_score)));
        END IF;
        RETURN NULL;
      END
      $$`);
    for (const { table, name, fn } of TRIGGERS) {
      await queryRunner.query(`CREATE TRIGGER ${name}_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await queryRunner.query(`CREATE TRIGGER ${name}_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
      await queryRunner.query(`CREATE TRIGGER ${name}_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`);
    }

    // Statuses in the order an application goes through them, for the status sort (the words differ by language, the order does not).
    await queryRunner.query(`
      CREATE FUNCTION application_status_rank(status text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN array_position(ARRAY['draft', 'submitted', 'information_requested', 'in_review', 'approved', 'declined', 'awarded', 'ineligible', 'withdrawn']::text[], status)`);
    for (const [sort, { key, acrossCalls }] of Object.entries(SORT_KEYS)) {
      if (acrossCalls) await queryRunner.query(`CREATE INDEX application_${sort}_order_idx ON application (${key}, id)`);
      await queryRunner.query(`CREATE INDEX application_call_${sort}_order_idx ON application (call_id, ${key}, id)`);
    }
    await queryRunner.query(`CREATE INDEX organization_name_order_idx ON organization (lower(legal_name), id)`);

    // Search: a reference number's beginning, or any part of an organization's names or a project
    // title, case aside. The organizations matching are found through trigram indexes (pg_trgm ships
    // with PostgreSQL, the embedded server too, and is trusted: the database owner may create it).
    // The applications' own columns are not indexed so: the list reads along its sort's index and
    // filters (at 10,000 applications, about 30 ms when almost none match), and every change to an
    // application (each draft save, twice more for its budget) would write the title's trigrams again.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX organization_legal_name_search_idx ON organization USING gin (legal_name gin_trgm_ops)`);
    await queryRunner.query(`CREATE INDEX organization_operating_name_search_idx ON organization USING gin (operating_name gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // pg_trgm stays: other objects may use it by now.
    for (const index of ['organization_legal_name_search_idx', 'organization_operating_name_search_idx', 'organization_name_order_idx']) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    for (const [sort, { acrossCalls }] of Object.entries(SORT_KEYS)) {
      await queryRunner.query(`DROP INDEX ${acrossCalls ? `application_${sort}_order_idx, ` : ''}application_call_${sort}_order_idx`);
    }
    await queryRunner.query(`DROP FUNCTION application_status_rank(text)`);
    for (const { table, name, fn } of TRIGGERS) {
      for (const event of ['inserted', 'updated', 'deleted']) await queryRunner.query(`DROP TRIGGER ${name}_${event} ON ${table}`);
      await queryRunner.query(`DROP FUNCTION ${fn}()`);
    }
    await queryRunner.query(`DROP FUNCTION application_refresh_review_score(uuid[])`);
    await queryRunner.query(`DROP FUNCTION application_refresh_requested(uuid[])`);
    await queryRunner.query(`ALTER TABLE application DROP COLUMN review_score, DROP COLUMN requested_cents`);
  }
}
