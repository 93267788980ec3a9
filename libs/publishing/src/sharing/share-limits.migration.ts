import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The share form's limits counted from the database (they survive restarts and hold across replicas): the
 * sender's keyed hash and whether a proof of work came with each request, the indexes the counts use, and the
 * proof-of-work challenges already spent.
 */
export class ShareLimitsAndSpentChallenges1764200000000 implements MigrationInterface {
  name = 'ShareLimitsAndSpentChallenges1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE publishing.share_request ADD COLUMN sender_hash text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE publishing.share_request ALTER COLUMN sender_hash DROP DEFAULT`);
    await q.query(`ALTER TABLE publishing.share_request ADD COLUMN proof_of_work boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE publishing.share_request ALTER COLUMN proof_of_work DROP DEFAULT`);
    await q.query(`CREATE INDEX share_request_ip ON publishing.share_request (ip_hash, requested_at)`);
    await q.query(`CREATE INDEX share_request_sender ON publishing.share_request (sender_hash, requested_at)`);
    await q.query(`CREATE INDEX share_request_time ON publishing.share_request (requested_at)`);
    await q.query(`
      CREATE TABLE publishing.share_spent_challenge (
        challenge_hash text PRIMARY KEY,
        expires_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX share_spent_challenge_expiry ON publishing.share_spent_challenge (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publishing.share_spent_challenge`);
    await q.query(`DROP INDEX publishing.share_request_time`);
    await q.query(`DROP INDEX publishing.share_request_sender`);
    await q.query(`DROP INDEX publishing.share_request_ip`);
    await q.query(`ALTER TABLE publishing.share_request DROP COLUMN proof_of_work`);
    await q.query(`ALTER TABLE publishing.share_request DROP COLUMN sender_hash`);
  }
}
