import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewDueDate1795446000000 implements MigrationInterface {
  name = 'ReviewDueDate1795446000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // When reviews of the call are due; reviewers with unfinished reviews are reminded before it.
    await queryRunner.query(`ALTER TABLE call ADD COLUMN review_due_at timestamptz CHECK (review_due_at > closes_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE call DROP COLUMN review_due_at`);
  }
}
