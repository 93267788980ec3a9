import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The review workflow: the full set of states, every save kept as a revision, comments, assignment, the audit
 * trail, the public status reported back by publishing, and the site's sections. Existing articles keep their
 * text as revision 1 (approved ones as approved). Same SQL on PostgreSQL and PGlite.
 */
export class ReviewWorkflow1764100000000 implements MigrationInterface {
  name = 'ReviewWorkflow1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editorial.article DROP CONSTRAINT article_state_check`);
    await q.query(`
      ALTER TABLE editorial.article
        ADD CONSTRAINT article_state_check CHECK (state IN ('draft', 'in_review', 'changes_requested', 'approved', 'published', 'rejected', 'withdrawn')),
        ADD COLUMN tags jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
        ADD COLUMN assignee_id uuid REFERENCES editorial.user_account (id) ON DELETE SET NULL,
        ADD COLUMN current_revision integer NOT NULL DEFAULT 1,
        ADD COLUMN approved_revision integer,
        ADD COLUMN is_public boolean NOT NULL DEFAULT false,
        ADD COLUMN published_revision integer,
        ADD COLUMN public_since timestamptz,
        ADD COLUMN correction_note text,
        ADD COLUMN state_reason text,
        ADD COLUMN state_changed_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`UPDATE editorial.article SET approved_revision = 1 WHERE state = 'approved'`);
    await q.query(`CREATE INDEX article_assignee ON editorial.article (assignee_id) WHERE assignee_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE editorial.article_revision (
        article_id  uuid NOT NULL REFERENCES editorial.article (id) ON DELETE CASCADE,
        number      integer NOT NULL,
        title       text NOT NULL,
        section     text,
        tags        jsonb NOT NULL DEFAULT '[]',
        paragraphs  jsonb NOT NULL,
        author_id   uuid,
        author_name text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, number)
      )`);
    await q.query(`
      INSERT INTO editorial.article_revision (article_id, number, title, section, tags, paragraphs, author_id, author_name, created_at)
      SELECT id, 1, title, section, '[]', paragraphs, NULL, 'Réception', created_at FROM editorial.article`);
    await q.query(`
      CREATE TABLE editorial.article_comment (
        id          uuid PRIMARY KEY,
        article_id  uuid NOT NULL REFERENCES editorial.article (id) ON DELETE CASCADE,
        author_id   uuid,
        author_name text NOT NULL,
        body        text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX article_comment_article ON editorial.article_comment (article_id, created_at)`);
    await q.query(`
      CREATE TABLE editorial.audit_entry (
        id          uuid PRIMARY KEY,
        seq         bigserial NOT NULL UNIQUE,
        article_id  uuid,
        actor_id    uuid,
        actor_name  text NOT NULL,
        action      text NOT NULL,
        at          timestamptz NOT NULL,
        before      jsonb,
        after       jsonb
      )`);
    await q.query(`CREATE INDEX audit_entry_article ON editorial.audit_entry (article_id, seq)`);
    await q.query(`CREATE INDEX audit_entry_at ON editorial.audit_entry (at)`);
    await q.query(`
      CREATE TABLE editorial.site (
        id          uuid PRIMARY KEY,
        sections    jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
        updated_by  text NOT NULL,
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE editorial.site`);
    await q.query(`DROP TABLE editorial.audit_entry`);
    await q.query(`DROP TABLE editorial.article_comment`);
    await q.query(`DROP TABLE editorial.article_revision`);
    await q.query(`DROP INDEX editorial.article_assignee`);
    await q.query(`UPDATE editorial.article SET state = 'draft' WHERE state NOT IN ('draft', 'approved')`);
    await q.query(`
      ALTER TABLE editorial.article
        DROP CONSTRAINT article_state_check,
        DROP COLUMN state_changed_at, DROP COLUMN state_reason, DROP COLUMN correction_note, DROP COLUMN public_since,
        DROP COLUMN published_revision, DROP COLUMN is_public, DROP COLUMN approved_revision, DROP COLUMN current_revision,
        DROP COLUMN assignee_id, DROP COLUMN tags,
        ADD CONSTRAINT article_state_check CHECK (state IN ('draft', 'approved'))`);
  }
}
