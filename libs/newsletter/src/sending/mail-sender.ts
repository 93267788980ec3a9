import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { SubscriptionLinks } from '../subscriptions/subscription-links';
import { backoffMs, DEFAULT_MAIL_RETRY, describeFailure, isPermanentFailure, UnsendableMail, type RetryPolicy } from './delivery';
import { hasLineBreak, isWireReadyHeader } from './mail-headers';
import { MAIL_QUEUED } from './mail-queue';
import { MAIL_TRANSPORT, type Email, type MailTransport } from './mail-transport';
import type { MailKind } from './outgoing-mail.entity';
import { hasPlaceholder, personalise } from './personalise';

export interface MailSenderOptions {
  /** How often the queue is looked at when no local commit woke the sender (mail queued by another process, retries coming due). */
  pollMs: number;
  /** Rows claimed per round. */
  batchSize: number;
  retry: RetryPolicy;
  /** A row `sending` for longer than this belongs to a sender that died: it is queued again. */
  staleClaimMs: number;
}

export const DEFAULT_MAIL_SENDER_OPTIONS: MailSenderOptions = { pollMs: 250, batchSize: 20, retry: DEFAULT_MAIL_RETRY, staleClaimMs: 15 * 60_000 };
export const MAIL_SENDER_OPTIONS = Symbol('newsroom:newsletter-mail-sender-options');

interface ClaimedRow {
  id: string;
  kind: MailKind;
  recipient: string;
  subscriber_id: string | null;
  subscriber_status: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Record<string, string> | string;
  attempts: number;
}

/** What became of one claimed row. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'cancelled';

/**
 * Sends the outgoing mail queue. Each round claims up to `batchSize` due rows (`queued` → `sending`,
 * SKIP LOCKED, so several senders never take the same row), sends them through the transport, and marks
 * each `sent` (with its Message-ID), `queued` again with an exponential backoff after a temporary failure,
 * or `failed` on a permanent one or after the last attempt. Woken by the commit of any transaction that
 * queued mail; polls otherwise. On start, rows left `sending` by a crash go back to the queue (so an email
 * whose send was cut short may go out twice: at least once, never lost). Stopping finishes the batch in flight.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailSender.name);
  private readonly site: NewsletterSite;
  private running = false;
  private closed = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private backingOff = false;
  private lastSweep = 0;
  private readonly commitListener: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) => {
      if (event.queryRunner.data?.[MAIL_QUEUED]) this.wake();
    },
  };

  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(MAIL_SENDER_OPTIONS) private readonly options: MailSenderOptions,
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly links: SubscriptionLinks,
  ) {
    this.site = newsletterSiteOf(config);
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running || this.closed) return;
    this.running = true;
    this.dataSource.subscribers.push(this.commitListener);
    this.logger.log(`sending mail through ${this.transport.description}`);
    this.loop = this.run();
  }

  /** No new round; the batch in flight is finished and marked; then the transport closes. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.running = false;
    this.wake();
    await this.loop;
    const i = this.dataSource.subscribers.indexOf(this.commitListener);
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
    await this.transport.close();
  }

  wake(): void {
    this.woken = true;
    if (!this.backingOff || !this.running) this.wakeUp?.();
  }

  /** Rows a previous run left `sending` (it crashed mid-send) go back to the queue, due now. */
  async requeueInterrupted(olderThanMs = 0): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE newsletter.outgoing_mail SET status = 'queued', claimed_at = NULL, next_attempt_at = now()
        WHERE status = 'sending' AND (claimed_at IS NULL OR claimed_at <= now() - make_interval(secs => $1::double precision / 1000))
       RETURNING id`,
      [olderThanMs],
    );
    if (rows.length) this.logger.warn(`${rows.length} email(s) left 'sending' by an interrupted sender are queued again`);
    return rows.length;
  }

  /** One round: claim due rows, send them, record each outcome. Returns how many rows were claimed. */
  async sendBatch(): Promise<number> {
    // Confirmations and shares (one reader waiting for them) go before alerts (a fan-out that may be long).
    const [rows]: [ClaimedRow[], number] = await this.dataSource.query(
      `UPDATE newsletter.outgoing_mail m
          SET status = 'sending', attempts = m.attempts + 1, claimed_at = now()
        WHERE m.id IN (
          SELECT id FROM newsletter.outgoing_mail
           WHERE status = 'queued' AND next_attempt_at <= now()
           ORDER BY (kind = 'alert'), created_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
       RETURNING m.id, m.kind, m.recipient, m.subscriber_id, m.subject, m.text_body, m.html_body, m.headers, m.attempts,
                 (SELECT s.status FROM newsletter.subscriber s WHERE s.id = m.subscriber_id) AS subscriber_status`,
      [this.options.batchSize],
    );
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  private async deliver(row: ClaimedRow): Promise<DeliveryOutcome> {
    let outcome: DeliveryOutcome;
    let error: unknown = null;
    let messageId: string | null = null;
    try {
      const email = this.compose(row);
      if (email === null) {
        outcome = 'cancelled';
      } else {
        const sent = await this.transport.send(email);
        messageId = sent.messageId;
        outcome = 'sent';
      }
    } catch (failure) {
      error = failure;
      outcome = isPermanentFailure(failure) || row.attempts >= this.options.retry.maxAttempts ? 'failed' : 'retry';
    }
    try {
      await this.record(row, outcome, messageId, error);
    } catch (recordError) {
      // The row stays 'sending'; the next start (or the stale-claim sweep) queues it again.
      this.logger.error({ err: recordError, mailId: row.id }, `could not record the outcome (${outcome}) of email ${row.id}`);
    }
    if (outcome === 'retry' || outcome === 'failed') {
      this.logger.warn({ mailId: row.id, kind: row.kind, attempts: row.attempts, outcome }, `email ${row.id} not sent: ${describeFailure(error)}`);
    }
    return outcome;
  }

  private async record(row: ClaimedRow, outcome: DeliveryOutcome, messageId: string | null, error: unknown): Promise<void> {
    const table = 'newsletter.outgoing_mail';
    switch (outcome) {
      case 'sent':
        await this.dataSource.query(`UPDATE ${table} SET status = 'sent', sent_at = now(), message_id = $2, claimed_at = NULL WHERE id = $1`, [row.id, messageId]);
        return;
      case 'cancelled':
        await this.dataSource.query(`UPDATE ${table} SET status = 'cancelled', claimed_at = NULL, last_error = $2 WHERE id = $1`, [
          row.id,
          'not sent: the subscriber is no longer confirmed',
        ]);
        return;
      case 'failed':
        await this.dataSource.query(`UPDATE ${table} SET status = 'failed', claimed_at = NULL, last_error = $2 WHERE id = $1`, [row.id, describeFailure(error)]);
        return;
      case 'retry':
        await this.dataSource.query(
          `UPDATE ${table} SET status = 'queued', claimed_at = NULL, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
            WHERE id = $1`,
          [row.id, describeFailure(error), backoffMs(this.options.retry, row.attempts)],
        );
        return;
    }
  }

  /** The email of a row, personalised and checked; null when it must no longer go out (the subscriber left meanwhile). */
  private compose(row: ClaimedRow): Email | null {
    const headers = typeof row.headers === 'string' ? (JSON.parse(row.headers) as Record<string, string>) : row.headers;
    let content = { textBody: row.text_body, htmlBody: row.html_body, headers };
    if (row.kind === 'alert' && row.subscriber_status !== 'confirmed') return null;
    if (hasPlaceholder(content.textBody, content.htmlBody, ...Object.values(headers))) {
      if (!row.subscriber_id) throw new UnsendableMail('the email needs an unsubscribe link but has no subscriber');
      content = personalise(content, this.links.unsubscribeUrl({ id: row.subscriber_id, email: row.recipient }));
    }
    if (hasLineBreak(row.subject) || hasLineBreak(row.recipient)) throw new UnsendableMail('a line break in the subject or the recipient');
    for (const [name, value] of Object.entries(content.headers)) {
      if (!isWireReadyHeader(value)) throw new UnsendableMail(`header ${name} is not printable ASCII on one line`);
    }
    return {
      from: this.site.mailFrom,
      to: row.recipient,
      subject: row.subject,
      text: content.textBody,
      html: content.htmlBody,
      headers: content.headers,
      messageId: `<${row.id}@${this.site.host}>`,
    };
  }

  private async run(): Promise<void> {
    await this.requeueInterrupted().catch((error) => this.logger.warn({ err: error }, 'could not requeue interrupted emails'));
    this.lastSweep = Date.now();
    let failures = 0;
    while (this.running) {
      this.woken = false;
      try {
        await this.sweepStaleClaims();
        const claimed = await this.sendBatch();
        failures = 0;
        if (claimed === this.options.batchSize) continue;
      } catch (error) {
        failures++;
        this.logger.warn({ err: error, failures }, `mail sender round failed (${(error as Error).message}); retrying`);
        this.backingOff = true;
        await this.sleep(Math.min(5_000, this.options.pollMs * 2 ** Math.min(failures, 6)));
        this.backingOff = false;
        continue;
      }
      if (!this.woken) await this.sleep(this.options.pollMs);
    }
  }

  /** Now and then: rows another sender (another replica) claimed long ago and never finished. */
  private async sweepStaleClaims(): Promise<void> {
    if (Date.now() - this.lastSweep < 60_000) return;
    this.lastSweep = Date.now();
    await this.requeueInterrupted(this.options.staleClaimMs);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
