import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hasLineBreak, isWireReadyHeader } from './mail-headers';
import type { MailKind } from './outgoing-mail.entity';

/** A fan-out this large refreshes the queue's statistics (see addAlert). */
export const LARGE_FAN_OUT = 1000;

/** Commits of transactions marked with this wake the MailSender, so mail leaves at once instead of at its next poll. */
export const MAIL_QUEUED = 'newsroom.newsletterMailQueued';

export interface MailContent {
  subject: string;
  textBody: string;
  htmlBody: string;
  /** Wire-ready header values (printable ASCII, one line). */
  headers?: Record<string, string>;
}

export interface MailToQueue extends MailContent {
  dedupeKey: string;
  kind: MailKind;
  recipient: string;
  subscriberId?: string | null;
  /** The alert or digest it belongs to: one email per (mailing, subscriber). */
  mailingId?: string | null;
  /** The articles it announces (a withdrawal cancels it). */
  articleIds?: string[];
}

/** Who an alert goes to: confirmed subscribers who asked for each article, whose preferences match. */
export interface AlertAudience {
  articleId: string;
  /** The article's section as a slug of the site's sections; null (unknown or none): every subscriber. */
  sectionSlug: string | null;
  language: string;
}

/**
 * Writes outgoing mail *in the caller's transaction*: the email exists if and only if the fact that
 * causes it was committed, and a second delivery of that fact finds its `dedupe_key` and adds nothing.
 */
@Injectable()
export class MailQueue {
  /** Queues one email. Returns false when its dedupe key was already queued. */
  async add(tx: EntityManager, mail: MailToQueue): Promise<boolean> {
    requireTransaction(tx);
    checkContent(mail);
    if (hasLineBreak(mail.recipient)) throw new Error('a recipient is one line');
    const rows: unknown[] = await tx.query(
      `INSERT INTO newsletter.outgoing_mail (id, dedupe_key, kind, recipient, subscriber_id, subject, text_body, html_body, headers, mailing_id, article_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::uuid[])
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        randomUUID(),
        mail.dedupeKey,
        mail.kind,
        mail.recipient,
        mail.subscriberId ?? null,
        mail.subject,
        mail.textBody,
        mail.htmlBody,
        JSON.stringify(mail.headers ?? {}),
        mail.mailingId ?? null,
        mail.articleIds ?? [],
      ],
    );
    markMailQueued(tx);
    return rows.length === 1;
  }

  /**
   * The alert of an article: its mailing (`alert:<articleId>`, created once), then the same email to every
   * confirmed subscriber who wants each article as published and whose sections and language match, in one
   * statement (100 000 subscribers, one query), each row keyed `alert:<articleId>:<subscriberId>` and tied to
   * its subscriber, whose links the sender puts in place of the placeholders. A second call adds nothing
   * (dedupe key, and the unique (mailing, subscriber)). Returns the mailing and how many rows were added.
   */
  async addAlert(tx: EntityManager, audience: AlertAudience, mail: MailContent): Promise<{ mailingId: string; added: number }> {
    requireTransaction(tx);
    checkContent(mail);
    const mailingId = await this.mailing(tx, { key: `alert:${audience.articleId}`, kind: 'alert', subject: mail.subject, articleId: audience.articleId });
    if (!mailingId) return { mailingId: '', added: 0 };
    // The bodies once, on the mailing; each row keeps its recipient, subject and state (the sender joins them).
    await tx.query(`UPDATE newsletter.mailing SET text_body = $2, html_body = $3, headers = $4::jsonb WHERE id = $1 AND text_body IS NULL`, [
      mailingId,
      mail.textBody,
      mail.htmlBody,
      JSON.stringify(mail.headers ?? {}),
    ]);
    const [{ added }]: { added: number }[] = await tx.query(
      `WITH added AS (
         INSERT INTO newsletter.outgoing_mail (id, dedupe_key, kind, recipient, subscriber_id, subject, text_body, html_body, headers, mailing_id, article_ids)
         SELECT gen_random_uuid(), 'alert:' || $1::text || ':' || s.id::text, 'alert', s.email, s.id, $2, '', '', '{}'::jsonb, $3, ARRAY[$1::uuid]
           FROM newsletter.subscriber s
          WHERE s.status = 'confirmed' AND s.frequency = 'immediate'
            AND (s.language IS NULL OR s.language = $4)
            AND ($5::text IS NULL OR cardinality(s.sections) = 0 OR $5::text = ANY (s.sections))
         ON CONFLICT DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS added FROM added`,
      [audience.articleId, mail.subject, mailingId, audience.language, audience.sectionSlug],
    );
    // The planner's statistics still describe the queue before these rows: without fresh ones it sorts the
    // whole queue on every claim (tens of milliseconds per batch at 100 000 rows) instead of walking the index.
    if (added >= LARGE_FAN_OUT) await tx.query(`ANALYZE newsletter.outgoing_mail`);
    markMailQueued(tx);
    return { mailingId, added };
  }

  /** The id of the mailing with this key, created if needed; null when it was cancelled (its article withdrawn). */
  async mailing(
    tx: EntityManager,
    mailing: { key: string; kind: 'alert' | 'daily-digest' | 'weekly-digest'; subject: string; articleId?: string | null; periodEnd?: Date | null },
  ): Promise<string | null> {
    await tx.query(
      `INSERT INTO newsletter.mailing (id, key, kind, subject, article_id, period_end) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING`,
      [randomUUID(), mailing.key, mailing.kind, mailing.subject, mailing.articleId ?? null, mailing.periodEnd ?? null],
    );
    const [row]: { id: string; cancelled_at: Date | null }[] = await tx.query(`SELECT id, cancelled_at FROM newsletter.mailing WHERE key = $1`, [mailing.key]);
    return row && !row.cancelled_at ? row.id : null;
  }
}

function requireTransaction(tx: EntityManager): void {
  if (!tx.queryRunner?.isTransactionActive) {
    throw new Error('MailQueue needs the EntityManager of an open transaction (dataSource.transaction(tx => …))');
  }
}

/** No header injection, whatever the caller built: a subject is one line, header values are wire-ready. */
export function checkContent(mail: MailContent): void {
  if (hasLineBreak(mail.subject)) throw new Error('a subject is one line');
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name) || !isWireReadyHeader(value)) throw new Error(`header ${JSON.stringify(name)} is not wire-ready`);
  }
}

export function markMailQueued(tx: EntityManager): void {
  if (tx.queryRunner) tx.queryRunner.data = { ...tx.queryRunner.data, [MAIL_QUEUED]: true };
}
