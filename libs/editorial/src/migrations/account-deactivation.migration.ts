import type { MigrationInterface, QueryRunner } from 'typeorm';

/** An account can be deactivated (never deleted: the audit trail names its actions). Same SQL on PostgreSQL and PGlite. */
export class AccountDeactivation1764200000000 implements MigrationInterface {
  name = 'AccountDeactivation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editorial.user_account ADD COLUMN deactivated_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editorial.user_account DROP COLUMN deactivated_at`);
  }
}
