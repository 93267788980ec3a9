import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox, inbox, dead letters and relay lease of one service, in that service's schema.
 * Every service lists this first among its migrations: `createMessagingMigration('editorial')`.
 */
export function createMessagingMigration(schema: string): new () => MigrationInterface {
  const s = quoteIdent(schema);
  return class MessagingTables1700000000000 implements MigrationInterface {
    name = 'MessagingTables1700000000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await q.query(`
        CREATE TABLE ${s}.outbox (
          seq          bigserial PRIMARY KEY,
          event_id     uuid NOT NULL UNIQUE,
          topic        text NOT NULL,
          message_key  text NOT NULL,
          event_type   text NOT NULL,
          payload      text NOT NULL,
          headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
          created_at   timestamptz NOT NULL DEFAULT now(),
          published_at timestamptz
        )`);
      await q.query(`CREATE INDEX outbox_pending ON ${s}.outbox (seq) WHERE published_at IS NULL`);
      await q.query(`
        CREATE TABLE ${s}.inbox (
          consumer     text NOT NULL,
          event_id     uuid NOT NULL,
          event_type   text NOT NULL,
          topic        text NOT NULL,
          processed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer, event_id)
        )`);
      await q.query(`
        CREATE TABLE ${s}.dead_letter (
          id           bigserial PRIMARY KEY,
          consumer     text NOT NULL,
          fingerprint  text NOT NULL,
          event_id     text,
          event_type   text,
          topic        text NOT NULL,
          kafka_partition integer NOT NULL,
          kafka_offset text NOT NULL,
          message_key  text,
          payload      text NOT NULL,
          headers      jsonb NOT NULL DEFAULT '{}'::jsonb,
          error        text NOT NULL,
          attempts     integer NOT NULL,
          failed_at    timestamptz NOT NULL DEFAULT now(),
          replayed_at  timestamptz
        )`);
      // One open dead letter per message: a redelivery of the same failure updates it instead of adding a row.
      await q.query(`CREATE UNIQUE INDEX dead_letter_open ON ${s}.dead_letter (consumer, fingerprint) WHERE replayed_at IS NULL`);
      await q.query(`
        CREATE TABLE ${s}.relay_lease (
          name       text PRIMARY KEY,
          owner      text NOT NULL,
          expires_at timestamptz NOT NULL
        )`);
    }

    async down(q: QueryRunner): Promise<void> {
      for (const table of ['relay_lease', 'dead_letter', 'inbox', 'outbox']) await q.query(`DROP TABLE ${s}.${table}`);
    }
  };
}

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid schema name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
