import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditSequence1795456800000 implements MigrationInterface {
  name = 'AuditSequence1795456800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Events written in one transaction share its now(): the trail's order is the order of writing,
    // which a sequence keeps. Existing rows are numbered in the order they were stored.
    await queryRunner.query(`ALTER TABLE audit_event ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY`);
    await queryRunner.query(`CREATE UNIQUE INDEX audit_event_entity_seq ON audit_event (entity_id, seq)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event DROP COLUMN seq`);
  }
}
