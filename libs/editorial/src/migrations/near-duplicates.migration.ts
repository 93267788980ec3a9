import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A draft remembers the earlier communiqué it nearly duplicates (from `ingestion.communique.received`'s
 * `nearDuplicateOf`), and that communiqué's draft once it exists. Same SQL on PostgreSQL and PGlite.
 */
export class NearDuplicates1764000000000 implements MigrationInterface {
  name = 'NearDuplicates1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE editorial.article
        ADD COLUMN near_duplicate_of_communique uuid,
        ADD COLUMN near_duplicate_similarity real CHECK (near_duplicate_similarity BETWEEN 0 AND 1),
        ADD COLUMN near_duplicate_of_article uuid REFERENCES editorial.article (id) ON DELETE SET NULL,
        ADD CONSTRAINT article_near_duplicate_check CHECK ((near_duplicate_of_communique IS NULL) = (near_duplicate_similarity IS NULL))`);
    await q.query(`CREATE INDEX article_near_duplicate_of_communique ON editorial.article (near_duplicate_of_communique) WHERE near_duplicate_of_article IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX editorial.article_near_duplicate_of_communique`);
    await q.query(`
      ALTER TABLE editorial.article
        DROP CONSTRAINT article_near_duplicate_check,
        DROP COLUMN near_duplicate_of_article,
        DROP COLUMN near_duplicate_similarity,
        DROP COLUMN near_duplicate_of_communique`);
  }
}
