import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { hasLineBreak, isWireReadyHeader } from './mail-headers';
import type { MailKind } from './outgoing-mail.entity';

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
      `INSERT INTO newsletter.outgoing_mail (id, dedupe_key, kind, recipient, subscriber_id, subject, text_body, html_body, headers)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [randomUUID(), mail.dedupeKey, mail.kind, mail.recipient, mail.subscriberId ?? null, mail.subject, mail.textBody, mail.htmlBody, JSON.stringify(mail.headers ?? {})],
    );
    markMailQueued(tx);
    return rows.length === 1;
  }

  /**
   * Queues the same email to every confirmed subscriber in one statement (10 000 subscribers, one
   * query), each row keyed `<dedupePrefix><subscriberId>` and tied to its subscriber, whose
   * unsubscribe link the sender puts in place of the placeholder. Returns how many rows were added.
   */
  async addForEachConfirmedSubscriber(tx: EntityManager, kind: MailKind, dedupePrefix: string, mail: MailContent): Promise<number> {
    requireTransaction(tx);
    checkContent(mail);
    const [{ added }]: { added: number }[] = await tx.query(
      `WITH added AS (
         INSERT INTO newsletter.outgoing_mail (id, dedupe_key, kind, recipient, subscriber_id, subject, text_body, html_body, headers)
         SELECT gen_random_uuid(), $1 || s.id::text, $2, s.email, s.id, $3, $4, $5, $6::jsonb
           FROM newsletter.subscriber s
          WHERE s.status = 'confirmed'
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING 1
       )
       SELECT count(*)::int AS added FROM added`,
      [dedupePrefix, kind, mail.subject, mail.textBody, mail.htmlBody, JSON.stringify(mail.headers ?? {})],
    );
    markMailQueued(tx);
    return added;
  }
}

function requireTransaction(tx: EntityManager): void {
  if (!tx.queryRunner?.isTransactionActive) {
    throw new Error('MailQueue needs the EntityManager of an open transaction (dataSource.transaction(tx => …))');
  }
}

/** No header injection, whatever the caller built: a subject is one line, header values are wire-ready. */
function checkContent(mail: MailContent): void {
  if (hasLineBreak(mail.subject)) throw new Error('a subject is one line');
  for (const [name, value] of Object.entries(mail.headers ?? {})) {
    if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(name) || !isWireReadyHeader(value)) throw new Error(`header ${JSON.stringify(name)} is not wire-ready`);
  }
}

function markMailQueued(tx: EntityManager): void {
  if (tx.queryRunner) tx.queryRunner.data = { ...tx.queryRunner.data, [MAIL_QUEUED]: true };
}
