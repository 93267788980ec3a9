import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The user accounts and the articles under review. Plain SQL that PostgreSQL and PGlite both run; ids come from the code. */
export class AccountsAndArticles1763900000000 implements MigrationInterface {
  name = 'AccountsAndArticles1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE editorial.user_account (
        id            uuid PRIMARY KEY,
        email         text NOT NULL,
        name          text NOT NULL,
        role          text NOT NULL,
        password_hash text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT user_account_email_key UNIQUE (email),
        CONSTRAINT user_account_email_lowercase CHECK (email = lower(email)),
        CONSTRAINT user_account_role_check CHECK (role IN ('contributor', 'editor', 'admin'))
      )`);
    await q.query(`
      CREATE TABLE editorial.article (
        id              uuid PRIMARY KEY,
        communique_id   uuid,
        state           text NOT NULL,
        title           text NOT NULL,
        title_generated boolean NOT NULL DEFAULT false,
        published_on    date,
        section         text,
        language        text NOT NULL,
        paragraphs      jsonb NOT NULL,
        revision        integer NOT NULL DEFAULT 1,
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        approved_by     uuid,
        approved_at     timestamptz,
        publish_at      timestamptz,
        CONSTRAINT article_communique_id_key UNIQUE (communique_id),
        CONSTRAINT article_state_check CHECK (state IN ('draft', 'approved')),
        CONSTRAINT article_paragraphs_check CHECK (jsonb_typeof(paragraphs) = 'array')
      )`);
    await q.query(`CREATE INDEX article_state_created ON editorial.article (state, created_at DESC)`);
    await q.query(`CREATE INDEX article_approved ON editorial.article (approved_at DESC) WHERE approved_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE editorial.article`);
    await q.query(`DROP TABLE editorial.user_account`);
  }
}
