import { createMessagingMigration } from '@newsroom/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Received communiqués (same SQL on PostgreSQL and PGlite: no extension, ids made in code). */
export class Communiques1720000000000 implements MigrationInterface {
  name = 'Communiques1720000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion.communique (
        id              uuid PRIMARY KEY,
        checksum        text NOT NULL CONSTRAINT communique_checksum_key UNIQUE CHECK (checksum ~ '^[0-9a-f]{64}$'),
        source_kind     text NOT NULL,
        source_name     text,
        content_type    text NOT NULL,
        original        bytea NOT NULL,
        byte_size       integer NOT NULL CHECK (byte_size = octet_length(original)),
        title           text NOT NULL,
        title_generated boolean NOT NULL,
        published_on    date,
        section         text,
        source_section  text,
        language        text NOT NULL,
        paragraphs      jsonb NOT NULL CHECK (jsonb_typeof(paragraphs) = 'array'),
        tags            jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(tags) = 'array'),
        received_at     timestamptz NOT NULL DEFAULT now(),
        received_by     text NOT NULL
      )`);
    await q.query(`CREATE INDEX communique_received_at ON ingestion.communique (received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.communique`);
  }
}

/** RSS/Atom feeds polled on a schedule, and the entries seen once (feeds/). */
export class Feeds1730000000000 implements MigrationInterface {
  name = 'Feeds1730000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion.feed (
        id               uuid PRIMARY KEY,
        url              text NOT NULL CONSTRAINT feed_url_key UNIQUE,
        title            text,
        etag             text,
        last_modified    text,
        last_polled_at   timestamptz,
        last_status      integer,
        last_error       text,
        next_poll_at     timestamptz NOT NULL DEFAULT now(),
        interval_seconds integer NOT NULL DEFAULT 900 CHECK (interval_seconds > 0),
        failures         integer NOT NULL DEFAULT 0,
        locked_until     timestamptz,
        enabled          boolean NOT NULL DEFAULT true,
        created_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX feed_next_poll_at ON ingestion.feed (next_poll_at) WHERE enabled`);
    await q.query(`
      CREATE TABLE ingestion.feed_entry (
        feed_id       uuid NOT NULL REFERENCES ingestion.feed (id) ON DELETE CASCADE,
        entry_key     text NOT NULL,
        communique_id uuid,
        seen_at       timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (feed_id, entry_key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.feed_entry`);
    await q.query(`DROP TABLE ingestion.feed`);
  }
}

/**
 * Near-duplicates (communiques/near-duplicates/): each communiqué's MinHash signature (jsonb array of 128
 * unsigned 32-bit integers; null for those ingested before), the earlier one it nearly duplicates, and the
 * LSH bands indexed by (band, bucket) so candidates are found without scanning the communiqués.
 */
export class NearDuplicates1740000000000 implements MigrationInterface {
  name = 'NearDuplicates1740000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ingestion.communique
        ADD COLUMN fingerprint jsonb CHECK (fingerprint IS NULL OR jsonb_typeof(fingerprint) = 'array'),
        ADD COLUMN near_duplicate_of uuid REFERENCES ingestion.communique (id) ON DELETE SET NULL,
        ADD COLUMN near_duplicate_similarity real CHECK (near_duplicate_similarity BETWEEN 0 AND 1),
        ADD CONSTRAINT communique_near_duplicate_check CHECK ((near_duplicate_of IS NULL) = (near_duplicate_similarity IS NULL))`);
    await q.query(`
      CREATE TABLE ingestion.communique_band (
        band          smallint NOT NULL,
        bucket        text NOT NULL,
        communique_id uuid NOT NULL REFERENCES ingestion.communique (id) ON DELETE CASCADE,
        PRIMARY KEY (band, bucket, communique_id)
      )`);
    await q.query(`CREATE INDEX communique_band_communique_id ON ingestion.communique_band (communique_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.communique_band`);
    await q.query(`
      ALTER TABLE ingestion.communique
        DROP CONSTRAINT communique_near_duplicate_check,
        DROP COLUMN near_duplicate_similarity,
        DROP COLUMN near_duplicate_of,
        DROP COLUMN fingerprint`);
  }
}

/** The site's sections as editorial last announced them (site-sections/). */
export class SiteSections1750000000000 implements MigrationInterface {
  name = 'SiteSections1750000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ingestion.site_sections (
        site_id    uuid PRIMARY KEY,
        sections   jsonb NOT NULL CHECK (jsonb_typeof(sections) = 'array'),
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ingestion.site_sections`);
  }
}

/** Every migration of the ingestion schema, oldest first (classes, not globs: the build bundles no file lists). */
export const INGESTION_MIGRATIONS = [createMessagingMigration('ingestion'), Communiques1720000000000, Feeds1730000000000, NearDuplicates1740000000000, SiteSections1750000000000];
