import { MigrationInterface, QueryRunner } from 'typeorm';

export class Review1795435200000 implements MigrationInterface {
  name = 'Review1795435200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Reviews of one application spreading wider than this (0–100 scale) are flagged.
    await queryRunner.query(`ALTER TABLE call ADD COLUMN disagreement_threshold numeric(5, 2) NOT NULL DEFAULT 20 CHECK (disagreement_threshold BETWEEN 0 AND 100)`);

    await queryRunner.query(`
      CREATE TABLE review_assignment (
        id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id       uuid NOT NULL REFERENCES application (id),
        reviewer_id          uuid NOT NULL REFERENCES user_account (id),
        status               text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'recused', 'removed', 'submitted')),
        conflict_declared    boolean,
        conflict_explanation text,
        scores               jsonb NOT NULL DEFAULT '[]'::jsonb,
        overall_comment      text NOT NULL DEFAULT '',
        weighted_score       numeric(7, 4) CHECK (weighted_score BETWEEN 0 AND 100),
        assigned_by          uuid REFERENCES user_account (id),
        assigned_at          timestamptz NOT NULL DEFAULT now(),
        declared_at          timestamptz,
        submitted_at         timestamptz,
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL AND weighted_score IS NOT NULL)),
        CHECK (status <> 'submitted' OR conflict_declared = false)
      )`);
    // A reviewer holds at most one live assignment per application.
    await queryRunner.query(`CREATE UNIQUE INDEX review_assignment_live_idx ON review_assignment (application_id, reviewer_id) WHERE status IN ('assigned', 'submitted')`);
    await queryRunner.query(`CREATE INDEX review_assignment_reviewer_idx ON review_assignment (reviewer_id, status)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE review_assignment`);
    await queryRunner.query(`ALTER TABLE call DROP COLUMN disagreement_threshold`);
  }
}
