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

/** Every migration of the ingestion schema, oldest first (classes, not globs: the build bundles no file lists). */
export const INGESTION_MIGRATIONS = [createMessagingMigration('ingestion'), Communiques1720000000000];
