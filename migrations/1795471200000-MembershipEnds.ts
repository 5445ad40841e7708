import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipEnds1795471200000 implements MigrationInterface {
  name = 'MembershipEnds1795471200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // An invitation an owner takes back (or that a newer one to the same address replaces) stays as
    // a row, revoked: it still counts toward the organization's daily invitations, and its link
    // stops working.
    await queryRunner.query(`ALTER TABLE organization_invitation ADD COLUMN revoked_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE organization_invitation
        ADD CONSTRAINT organization_invitation_accepted_or_revoked CHECK (accepted_at IS NULL OR revoked_at IS NULL)`);
    await queryRunner.query(`DROP INDEX organization_invitation_open_idx`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX organization_invitation_open_idx ON organization_invitation (organization_id, email)
        WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await queryRunner.query(`CREATE INDEX organization_invitation_sent_idx ON organization_invitation (organization_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX organization_invitation_sent_idx`);
    await queryRunner.query(`DELETE FROM organization_invitation WHERE revoked_at IS NOT NULL`);
    await queryRunner.query(`DROP INDEX organization_invitation_open_idx`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX organization_invitation_open_idx ON organization_invitation (organization_id, email)
        WHERE accepted_at IS NULL`);
    await queryRunner.query(`ALTER TABLE organization_invitation DROP CONSTRAINT organization_invitation_accepted_or_revoked`);
    await queryRunner.query(`ALTER TABLE organization_invitation DROP COLUMN revoked_at`);
  }
}
