import { createMessagingMigration } from '@newsroom/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ShareLimitsAndSpentChallenges1764200000000 } from './sharing/share-limits.migration';

/**
 * The public site's articles and the share requests. Plain SQL that PostgreSQL and PGlite both run
 * (no extension; uuids are made in code).
 */
export class ArticlesAndShareRequests1764000000000 implements MigrationInterface {
  name = 'ArticlesAndShareRequests1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE publishing.article (
        id                   uuid PRIMARY KEY,
        revision             integer NOT NULL CHECK (revision > 0),
        slug                 text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        title                text NOT NULL,
        published_on         date NOT NULL,
        section              text,
        language             text NOT NULL,
        paragraphs           jsonb NOT NULL,
        summary              text NOT NULL,
        state                text NOT NULL CHECK (state IN ('scheduled', 'published')),
        publish_at           timestamptz,
        published_at         timestamptz,
        rendered_html        text,
        etag                 text,
        pending              jsonb,
        cause_event_id       uuid,
        cause_correlation_id text,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CHECK ((published_at IS NULL) = (rendered_html IS NULL) AND (rendered_html IS NULL) = (etag IS NULL)),
        CHECK (state = 'published' OR publish_at IS NOT NULL)
      )`);
    // What the scheduler looks for every second, and what the home page lists.
    await q.query(`CREATE INDEX article_due ON publishing.article (publish_at) WHERE state = 'scheduled'`);
    await q.query(`CREATE INDEX article_latest ON publishing.article (published_on DESC, published_at DESC) WHERE published_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE publishing.share_request (
        id           uuid PRIMARY KEY,
        article_id   uuid NOT NULL,
        friend_hash  text NOT NULL,
        sender_name  text NOT NULL,
        requested_at timestamptz NOT NULL,
        ip_hash      text NOT NULL
      )`);
    await q.query(`CREATE INDEX share_request_article ON publishing.share_request (article_id)`);
    await q.query(`CREATE INDEX share_request_friend ON publishing.share_request (friend_hash, requested_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publishing.share_request`);
    await q.query(`DROP TABLE publishing.article`);
  }
}

/**
 * Corrections, withdrawal, slug history, the site's sections, search and precompressed renderings.
 * Search folds accents in code (`search-text.ts`) before `to_tsvector('french', …)`, so the same SQL runs on
 * PostgreSQL and on PGlite without the `unaccent` extension (see README, Search).
 */
export class SiteFeatures1764100000000 implements MigrationInterface {
  name = 'SiteFeatures1764100000000';

  async up(q: QueryRunner): Promise<void> {
    // The two table checks and the state check of the first migration, by the names PostgreSQL gave them.
    await q.query(`ALTER TABLE publishing.article DROP CONSTRAINT article_state_check, DROP CONSTRAINT article_check1`);
    await q.query(`
      ALTER TABLE publishing.article
        ADD CONSTRAINT article_state_check CHECK (state IN ('scheduled', 'published', 'withdrawn')),
        ADD CONSTRAINT article_scheduled_has_time CHECK (state <> 'scheduled' OR publish_at IS NOT NULL),
        ADD COLUMN first_published_at timestamptz,
        ADD COLUMN withdrawn_at       timestamptz,
        ADD COLUMN corrections        jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN rendered_gzip      bytea,
        ADD COLUMN rendered_br        bytea,
        ADD COLUMN search_title       text NOT NULL DEFAULT '',
        ADD COLUMN search_body        text NOT NULL DEFAULT '',
        ADD COLUMN search_vector      tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('french', search_title), 'A') || setweight(to_tsvector('french', search_body), 'B')
        ) STORED,
        ADD CONSTRAINT article_live_is_whole CHECK ((published_at IS NULL) = (rendered_gzip IS NULL) AND (rendered_gzip IS NULL) = (rendered_br IS NULL)),
        ADD CONSTRAINT article_live_state CHECK (published_at IS NULL OR state <> 'withdrawn')`);
    await q.query(`UPDATE publishing.article SET first_published_at = published_at WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX article_search ON publishing.article USING gin (search_vector) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX article_section ON publishing.article (lower(section), published_on DESC) WHERE published_at IS NOT NULL`);
    // Old addresses of articles whose slug changed: answered with a 301 to the current one.
    await q.query(`
      CREATE TABLE publishing.slug_redirect (
        slug       text PRIMARY KEY CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        article_id uuid NOT NULL REFERENCES publishing.article (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL
      )`);
    // The administrator's sections (editorial.site.sections-changed), one row; none yet: the built-in default.
    await q.query(`
      CREATE TABLE publishing.site_sections (
        id         integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        site_id    uuid NOT NULL,
        sections   jsonb NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE publishing.site_sections`);
    await q.query(`DROP TABLE publishing.slug_redirect`);
    await q.query(`DROP INDEX publishing.article_section`);
    await q.query(`DROP INDEX publishing.article_search`);
    await q.query(`
      ALTER TABLE publishing.article
        DROP CONSTRAINT article_live_state, DROP CONSTRAINT article_live_is_whole,
        DROP COLUMN search_vector, DROP COLUMN search_body, DROP COLUMN search_title,
        DROP COLUMN rendered_br, DROP COLUMN rendered_gzip, DROP COLUMN corrections, DROP COLUMN withdrawn_at, DROP COLUMN first_published_at,
        DROP CONSTRAINT article_scheduled_has_time, DROP CONSTRAINT article_state_check,
        ADD CONSTRAINT article_state_check CHECK (state IN ('scheduled', 'published')),
        ADD CONSTRAINT article_check1 CHECK (state = 'published' OR publish_at IS NOT NULL)`);
  }
}

/** Every migration of the publishing schema, oldest first (classes, not globs: the build bundles no file lists). */
export const PUBLISHING_MIGRATIONS = [createMessagingMigration('publishing'), ArticlesAndShareRequests1764000000000, SiteFeatures1764100000000, ShareLimitsAndSpentChallenges1764200000000];
