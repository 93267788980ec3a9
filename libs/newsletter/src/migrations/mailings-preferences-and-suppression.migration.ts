import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mailings (one alert or one digest period: what the admin follows as "a send"), at most one email per
 * (mailing, subscriber); an alert's bodies are stored once on its mailing, not copied into each of its
 * 100 000 rows (whose own bodies stay empty); the `bounced` states and the suppression list; preferences (frequency, sections,
 * language) and the consent log; the articles and the site's sections as the newsletter knows them
 * (for digests and section preferences); CSV imports. Plain SQL for PostgreSQL and PGlite.
 */
export class MailingsPreferencesAndSuppression1764000000000 implements MigrationInterface {
  name = 'MailingsPreferencesAndSuppression1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE newsletter.subscriber DROP CONSTRAINT subscriber_status_check`);
    await q.query(`ALTER TABLE newsletter.subscriber ADD CONSTRAINT subscriber_status_check CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bounced'))`);
    await q.query(`
      ALTER TABLE newsletter.subscriber
        ADD COLUMN frequency       text NOT NULL DEFAULT 'immediate',
        ADD COLUMN sections        text[] NOT NULL DEFAULT '{}',
        ADD COLUMN language        text,
        ADD COLUMN bounced_at      timestamptz,
        ADD COLUMN last_digest_at  timestamptz,
        ADD CONSTRAINT subscriber_frequency_check CHECK (frequency IN ('immediate', 'daily', 'weekly'))`);
    await q.query(`CREATE INDEX subscriber_digest ON newsletter.subscriber (frequency, id) WHERE status = 'confirmed'`);

    await q.query(`
      CREATE TABLE newsletter.consent (
        id             uuid PRIMARY KEY,
        subscriber_id  uuid NOT NULL REFERENCES newsletter.subscriber (id) ON DELETE CASCADE,
        action         text NOT NULL,
        source         text NOT NULL,
        ip_hash        text,
        at             timestamptz NOT NULL,
        detail         jsonb
      )`);
    await q.query(`CREATE INDEX consent_subscriber ON newsletter.consent (subscriber_id, at)`);

    await q.query(`
      CREATE TABLE newsletter.suppression (
        address_hash  text PRIMARY KEY,
        reason        text NOT NULL,
        detail        text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT suppression_reason_check CHECK (reason IN ('bounced', 'no-suggestions'))
      )`);

    await q.query(`
      CREATE TABLE newsletter.mailing (
        id            uuid PRIMARY KEY,
        key           text NOT NULL,
        kind          text NOT NULL,
        subject       text NOT NULL,
        article_id    uuid,
        period_end    timestamptz,
        text_body     text,
        html_body     text,
        headers       jsonb,
        built_at      timestamptz,
        cancelled_at  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mailing_key_key UNIQUE (key),
        CONSTRAINT mailing_kind_check CHECK (kind IN ('alert', 'daily-digest', 'weekly-digest'))
      )`);
    await q.query(`CREATE INDEX mailing_article ON newsletter.mailing (article_id) WHERE article_id IS NOT NULL`);

    await q.query(`ALTER TABLE newsletter.outgoing_mail DROP CONSTRAINT outgoing_mail_kind_check`);
    await q.query(`ALTER TABLE newsletter.outgoing_mail ADD CONSTRAINT outgoing_mail_kind_check CHECK (kind IN ('confirmation', 'alert', 'digest', 'share'))`);
    await q.query(`ALTER TABLE newsletter.outgoing_mail DROP CONSTRAINT outgoing_mail_status_check`);
    await q.query(
      `ALTER TABLE newsletter.outgoing_mail ADD CONSTRAINT outgoing_mail_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced', 'cancelled'))`,
    );
    await q.query(`
      ALTER TABLE newsletter.outgoing_mail
        ADD COLUMN mailing_id   uuid REFERENCES newsletter.mailing (id),
        ADD COLUMN article_ids  uuid[] NOT NULL DEFAULT '{}'`);
    // The guarantee: one email per (mailing, subscriber), whatever redeliveries, replays or restarts.
    await q.query(`CREATE UNIQUE INDEX outgoing_mail_mailing_subscriber ON newsletter.outgoing_mail (mailing_id, subscriber_id) WHERE mailing_id IS NOT NULL`);
    await q.query(`CREATE INDEX outgoing_mail_mailing_status ON newsletter.outgoing_mail (mailing_id, status) WHERE mailing_id IS NOT NULL`);
    await q.query(`CREATE INDEX outgoing_mail_subscriber ON newsletter.outgoing_mail (subscriber_id) WHERE subscriber_id IS NOT NULL`);
    // The claim's order (one reader waiting before fan-outs, then oldest first), served by an index so a
    // queue of 100 000 alerts is not sorted on every round.
    await q.query(`CREATE INDEX outgoing_mail_claim ON newsletter.outgoing_mail ((kind IN ('alert', 'digest')), created_at) WHERE status = 'queued'`);
    // What a withdrawal looks for among queued digests and shares (queued alerts are found through their mailing,
    // which keeps a 100 000-row fan-out from maintaining a GIN index).
    await q.query(`CREATE INDEX outgoing_mail_articles ON newsletter.outgoing_mail USING gin (article_ids) WHERE status = 'queued' AND kind IN ('digest', 'share')`);

    await q.query(`
      CREATE TABLE newsletter.article (
        id            uuid PRIMARY KEY,
        title         text NOT NULL,
        summary       text NOT NULL,
        url           text NOT NULL,
        section       text,
        language      text NOT NULL,
        published_on  date NOT NULL,
        published_at  timestamptz NOT NULL,
        withdrawn_at  timestamptz
      )`);
    await q.query(`CREATE INDEX article_published ON newsletter.article (published_at) WHERE withdrawn_at IS NULL`);

    await q.query(`
      CREATE TABLE newsletter.site_section (
        slug      text PRIMARY KEY,
        name      text NOT NULL,
        aliases   text[] NOT NULL DEFAULT '{}',
        position  integer NOT NULL
      )`);

    await q.query(`
      CREATE TABLE newsletter.subscriber_import (
        id           uuid PRIMARY KEY,
        file_name    text NOT NULL,
        total        integer NOT NULL,
        processed    integer NOT NULL DEFAULT 0,
        added        integer NOT NULL DEFAULT 0,
        skipped      integer NOT NULL DEFAULT 0,
        invalid      integer NOT NULL DEFAULT 0,
        status       text NOT NULL DEFAULT 'running',
        created_by   text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        finished_at  timestamptz,
        addresses    text[] NOT NULL,
        CONSTRAINT subscriber_import_status_check CHECK (status IN ('running', 'done'))
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE newsletter.subscriber_import`);
    await q.query(`DROP TABLE newsletter.site_section`);
    await q.query(`DROP TABLE newsletter.article`);
    await q.query(`DROP INDEX newsletter.outgoing_mail_articles`);
    await q.query(`DROP INDEX newsletter.outgoing_mail_claim`);
    await q.query(`DROP INDEX newsletter.outgoing_mail_subscriber`);
    await q.query(`DROP INDEX newsletter.outgoing_mail_mailing_status`);
    await q.query(`DROP INDEX newsletter.outgoing_mail_mailing_subscriber`);
    await q.query(`ALTER TABLE newsletter.outgoing_mail DROP COLUMN article_ids, DROP COLUMN mailing_id`);
    await q.query(`DROP TABLE newsletter.mailing`);
    await q.query(`DROP TABLE newsletter.suppression`);
    await q.query(`DROP TABLE newsletter.consent`);
    await q.query(`DROP INDEX newsletter.subscriber_digest`);
    await q.query(
      `ALTER TABLE newsletter.subscriber DROP CONSTRAINT subscriber_frequency_check, DROP COLUMN frequency, DROP COLUMN sections, DROP COLUMN language, DROP COLUMN bounced_at, DROP COLUMN last_digest_at`,
    );
  }
}
