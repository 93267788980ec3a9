import { createMessagingMigration } from '@newsroom/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

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

/** Every migration of the publishing schema, oldest first (classes, not globs: the build bundles no file lists). */
export const PUBLISHING_MIGRATIONS = [createMessagingMigration('publishing'), ArticlesAndShareRequests1764000000000];
