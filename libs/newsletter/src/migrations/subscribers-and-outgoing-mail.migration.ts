import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscribers and the outgoing mail queue. Plain SQL that PostgreSQL and PGlite both run; ids come from
 * the code, except for the alert rows one INSERT ... SELECT writes per subscriber (gen_random_uuid(), built in).
 */
export class SubscribersAndOutgoingMail1763900000000 implements MigrationInterface {
  name = 'SubscribersAndOutgoingMail1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE newsletter.subscriber (
        id               uuid PRIMARY KEY,
        email            text NOT NULL,
        status           text NOT NULL,
        consent_source   text NOT NULL,
        consent_ip_hash  text,
        requested_at     timestamptz NOT NULL,
        confirmed_at     timestamptz,
        unsubscribed_at  timestamptz,
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT subscriber_email_key UNIQUE (email),
        CONSTRAINT subscriber_email_lowercase CHECK (email = lower(email)),
        CONSTRAINT subscriber_status_check CHECK (status IN ('pending', 'confirmed', 'unsubscribed'))
      )`);
    // The alert fan-out reads every confirmed subscriber.
    await q.query(`CREATE INDEX subscriber_confirmed ON newsletter.subscriber (id) WHERE status = 'confirmed'`);
    await q.query(`
      CREATE TABLE newsletter.outgoing_mail (
        id               uuid PRIMARY KEY,
        dedupe_key       text NOT NULL,
        kind             text NOT NULL,
        recipient        text NOT NULL,
        subscriber_id    uuid REFERENCES newsletter.subscriber (id) ON DELETE SET NULL,
        subject          text NOT NULL,
        text_body        text NOT NULL,
        html_body        text NOT NULL,
        headers          jsonb NOT NULL DEFAULT '{}'::jsonb,
        status           text NOT NULL DEFAULT 'queued',
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        claimed_at       timestamptz,
        last_error       text,
        message_id       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        sent_at          timestamptz,
        CONSTRAINT outgoing_mail_dedupe_key_key UNIQUE (dedupe_key),
        CONSTRAINT outgoing_mail_kind_check CHECK (kind IN ('confirmation', 'alert', 'share')),
        CONSTRAINT outgoing_mail_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'cancelled'))
      )`);
    // What the sender claims: due rows, oldest first.
    await q.query(`CREATE INDEX outgoing_mail_due ON newsletter.outgoing_mail (next_attempt_at, created_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX outgoing_mail_sending ON newsletter.outgoing_mail (claimed_at) WHERE status = 'sending'`);
    await q.query(`CREATE INDEX outgoing_mail_recipient ON newsletter.outgoing_mail (recipient, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE newsletter.outgoing_mail`);
    await q.query(`DROP TABLE newsletter.subscriber`);
  }
}
