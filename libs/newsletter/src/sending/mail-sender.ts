import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, type BaseConfig } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { DigestComposer } from '../digests/digest-composer';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { SubscriptionLinks } from '../subscriptions/subscription-links';
import { backoffMs, classifyFailure, DEFAULT_MAIL_RETRY, describeFailure, UnsendableMail, type RetryPolicy } from './delivery';
import { hasLineBreak, isWireReadyHeader } from './mail-headers';
import { MAIL_QUEUED } from './mail-queue';
import { MAIL_TRANSPORT, type Email, type MailTransport } from './mail-transport';
import type { MailKind } from './outgoing-mail.entity';
import { hasPlaceholder } from './personalise';
import { RateGate } from './rate-gate';
import type { SubscriberLinks } from './raw-message';
import { addressHash } from './suppression';

export interface MailSenderOptions {
  /** How often the queue is looked at when no local commit woke the sender (mail queued by another process, retries coming due). */
  pollMs: number;
  /** Rows claimed per round. */
  batchSize: number;
  /** Emails handed to the transport at once (the SMTP pool spreads them over its connections). */
  concurrency: number;
  /** At most this many emails a second (NEWSLETTER_RATE_PER_SECOND); 0: no limit. */
  ratePerSecond: number;
  retry: RetryPolicy;
  /** While the mail server is unreachable: the pause before trying again, doubled up to `maxMs`. */
  outage: { initialMs: number; maxMs: number };
  /** A row `sending` for longer than this belongs to a sender that died: it is queued again. */
  staleClaimMs: number;
}

export const DEFAULT_MAIL_SENDER_OPTIONS: MailSenderOptions = {
  pollMs: 250,
  batchSize: 200,
  concurrency: 8,
  ratePerSecond: 100,
  retry: DEFAULT_MAIL_RETRY,
  outage: { initialMs: 1_000, maxMs: 60_000 },
  staleClaimMs: 15 * 60_000,
};
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
  article_ids: string[];
  mailing_id: string | null;
  /** Its articles withdrawn since it was queued (a withdrawal that came while the row was in flight). */
  withdrawn_ids: string[] | null;
}

/** Rows claimed for one round, and those of them whose address is suppressed. */
interface ClaimedBatch {
  rows: ClaimedRow[];
  suppressed: Set<string>;
}

/** What became of one claimed row. */
export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'bounced' | 'cancelled' | 'released';

const TABLE = 'newsletter.outgoing_mail';
/**
 * Sent rows are marked in groups of this size (and at the end of each batch): 100 000 emails are 2 000
 * UPDATEs, not 100 000. A crash between an email's 250 and its mark sends it again at the next start:
 * at most this many, plus those in flight.
 */
const SENT_MARKS = 50;
/** Mail that a subscriber gets only while confirmed. */
const SUBSCRIBER_MAIL: readonly MailKind[] = ['alert', 'digest'];

/**
 * Sends the outgoing mail queue. Each round claims up to `batchSize` due rows (`queued` → `sending`,
 * SKIP LOCKED, so several senders never take the same row), drops those whose address is suppressed or
 * whose subscriber left, sends the rest through the transport (`concurrency` at a time, at most
 * `ratePerSecond`), and records each outcome as soon as it is known:
 *
 *   queued ──claim──▶ sending ──250──────────────▶ sent
 *     ▲                  ├──4xx─────(backoff)──▶ queued   (an attempt used; `failed` after the last one)
 *     │                  ├──5xx to RCPT TO─────▶ bounced  (address suppressed, subscriber bounced)
 *     │                  ├──5xx, unsendable────▶ failed
 *     │                  ├──left / suppressed──▶ cancelled
 *     └───server down────┘                                (no attempt used; the sender pauses, then resumes)
 *
 * While a full batch is sent, the next one is claimed, so the transport never waits for the database between
 * batches. Woken by the commit of any transaction that queued mail; polls otherwise. On start, rows left
 * `sending` by a crash go back to the queue. Stopping finishes the batch in flight and puts the one claimed
 * ahead back in the queue.
 */
@Injectable()
export class MailSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(MailSender.name);
  private readonly site: NewsletterSite;
  private readonly gate: RateGate;
  private running = false;
  private closed = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private pausing = false;
  private lastSweep = 0;
  private outagePauseMs = 0;
  /** Sent rows not marked yet: marked in groups (one UPDATE per SENT_MARKS), and at the end of every batch. */
  private sentMarks: { id: string; messageId: string | null }[] = [];
  /** Mailings' contents read so far (by mailing id). */
  private readonly mailingContent = new Map<string, { text_body: string; html_body: string; headers: Record<string, string> }>();
  private readonly commitListener: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) => {
      if (event.queryRunner.data?.[MAIL_QUEUED]) this.wake();
    },
  };

  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(MAIL_SENDER_OPTIONS) private readonly options: MailSenderOptions,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly links: SubscriptionLinks,
    private readonly clock: Clock,
    @Optional() private readonly digests?: DigestComposer,
  ) {
    this.site = newsletterSiteOf(config);
    this.gate = new RateGate(options.ratePerSecond);
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
    this.logger.log(`sending mail through ${this.transport.description}${this.options.ratePerSecond ? `, at most ${this.options.ratePerSecond}/s` : ''}`);
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
    if (!this.pausing || !this.running) this.wakeUp?.();
  }

  /** Rows a previous run left `sending` (it crashed mid-send) go back to the queue, due now. */
  async requeueInterrupted(olderThanMs = 0): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [unknown[], number] = await this.dataSource.query(
      `UPDATE ${TABLE} SET status = 'queued', claimed_at = NULL, next_attempt_at = now()
        WHERE status = 'sending' AND (claimed_at IS NULL OR claimed_at <= now() - make_interval(secs => $1::double precision / 1000))
       RETURNING id`,
      [olderThanMs],
    );
    if (rows.length) this.logger.warn(`${rows.length} email(s) left 'sending' by an interrupted sender are queued again`);
    return rows.length;
  }

  /**
   * Claims up to `batchSize` due rows (`queued` → `sending`, an attempt counted), with what sending them needs:
   * their subscriber's status, their withdrawn articles, their mailing's bodies, and which are suppressed.
   */
  async claim(): Promise<ClaimedBatch> {
    // Confirmations and shares (one reader waiting for them) go before alerts and digests (fan-outs that may be long).
    const [rows]: [ClaimedRow[], number] = await this.dataSource.query(
      `UPDATE ${TABLE} m
          SET status = 'sending', attempts = m.attempts + 1, claimed_at = now()
        WHERE m.id IN (
          SELECT id FROM ${TABLE}
           WHERE status = 'queued' AND next_attempt_at <= now()
           ORDER BY (kind IN ('alert', 'digest')), created_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
       RETURNING m.id, m.kind, m.recipient, m.subscriber_id, m.subject, m.text_body, m.html_body, m.headers, m.attempts, m.article_ids, m.mailing_id,
                 (SELECT s.status FROM newsletter.subscriber s WHERE s.id = m.subscriber_id) AS subscriber_status,
                 (SELECT array_agg(a.id) FROM newsletter.article a WHERE a.id = ANY (m.article_ids) AND a.withdrawn_at IS NOT NULL) AS withdrawn_ids`,
      [this.options.batchSize],
    );
    if (rows.length === 0) return { rows, suppressed: new Set() };
    await this.fillFromMailings(rows);
    return { rows, suppressed: await this.suppressedAmong(rows) };
  }

  /** Sends a claimed batch (`concurrency` at a time) and records each outcome; the sent ones are marked before it returns. */
  async deliverBatch({ rows, suppressed }: ClaimedBatch): Promise<void> {
    if (rows.length === 0) return;
    let next = 0;
    let outage = false;
    const worker = async () => {
      while (next < rows.length) {
        const row = rows[next++];
        if (outage) {
          await this.recordSafely(row, 'released', null, null);
          continue;
        }
        if (row.withdrawn_ids?.length) {
          await this.dropWithdrawn(row);
          continue;
        }
        const outcome = await this.deliver(row, suppressed.has(row.id));
        if (outcome === 'released') outage = true;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(this.options.concurrency, rows.length)) }, worker));
    await this.flushSent();
    if (outage) {
      this.outagePauseMs = this.outagePauseMs ? Math.min(this.options.outage.maxMs, this.outagePauseMs * 2) : this.options.outage.initialMs;
      this.logger.warn(`the mail server is unreachable; ${rows.length} email(s) wait in the queue, next try in ${Math.round(this.outagePauseMs / 1000)} s`);
    } else {
      this.outagePauseMs = 0;
    }
  }

  /** Claimed rows that will not be sent now (the sender stops, or the server is away) go back to the queue, due at once, their attempt not counted. */
  private async release({ rows }: ClaimedBatch): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.dataSource.query(
        `UPDATE ${TABLE} SET status = 'queued', claimed_at = NULL, attempts = greatest(0, attempts - 1), next_attempt_at = now() WHERE id = ANY($1::uuid[]) AND status = 'sending'`,
        [rows.map((row) => row.id)],
      );
    } catch (error) {
      // They stay 'sending'; the next start (or the stale-claim sweep) queues them again.
      this.logger.error({ err: error, rows: rows.length }, `could not release ${rows.length} claimed email(s)`);
    }
  }

  /**
   * An alert's bodies and headers live on its mailing (written once for every recipient, never changed): read
   * once per mailing and kept for the next batches, instead of 5 kB per row from the database.
   */
  private async fillFromMailings(rows: ClaimedRow[]): Promise<void> {
    const needed = rows.filter((row) => row.text_body === '' && row.html_body === '' && row.mailing_id);
    const missing = [...new Set(needed.map((row) => row.mailing_id as string))].filter((id) => !this.mailingContent.has(id));
    if (missing.length) {
      const found: { id: string; text_body: string | null; html_body: string | null; headers: Record<string, string> | null }[] = await this.dataSource.query(
        `SELECT id, text_body, html_body, headers FROM newsletter.mailing WHERE id = ANY($1::uuid[]) AND text_body IS NOT NULL`,
        [missing],
      );
      if (this.mailingContent.size + found.length > 50) this.mailingContent.clear();
      for (const m of found) this.mailingContent.set(m.id, { text_body: m.text_body ?? '', html_body: m.html_body ?? '', headers: m.headers ?? {} });
    }
    for (const row of needed) {
      const content = this.mailingContent.get(row.mailing_id as string);
      if (content) Object.assign(row, content);
    }
  }

  /** The rows of a batch whose recipient is on the suppression list: bounced (no email at all), or refusing suggestions (no share). */
  private async suppressedAmong(rows: ClaimedRow[]): Promise<Set<string>> {
    const hashes = new Map(rows.map((row) => [row.id, addressHash(this.config.APP_SECRET, row.recipient)]));
    const found: { address_hash: string; reason: string }[] = await this.dataSource.query(
      `SELECT address_hash, reason FROM newsletter.suppression WHERE address_hash = ANY($1::text[])`,
      [[...new Set(hashes.values())]],
    );
    const reasons = new Map(found.map((row) => [row.address_hash, row.reason]));
    return new Set(
      rows
        .filter((row) => {
          const reason = reasons.get(hashes.get(row.id) ?? '');
          return reason === 'bounced' || (reason === 'no-suggestions' && row.kind === 'share');
        })
        .map((row) => row.id),
    );
  }

  private async deliver(row: ClaimedRow, suppressed: boolean): Promise<DeliveryOutcome> {
    let outcome: DeliveryOutcome;
    let error: unknown = null;
    let messageId: string | null = null;
    try {
      const email = suppressed ? null : this.compose(row);
      if (email === null) {
        outcome = 'cancelled';
        error = suppressed ? 'not sent: the address is on the suppression list' : 'not sent: the subscriber is no longer confirmed';
      } else {
        await this.gate.take();
        const sent = await this.transport.send(email);
        messageId = sent.messageId;
        outcome = 'sent';
      }
    } catch (failure) {
      error = failure;
      const kind = classifyFailure(failure);
      outcome = kind === 'outage' ? 'released' : kind === 'retry' && row.attempts >= this.options.retry.maxAttempts ? 'failed' : kind;
    }
    await this.recordSafely(row, outcome, messageId, error);
    if (outcome === 'retry' || outcome === 'failed' || outcome === 'bounced') {
      this.logger.warn({ mailId: row.id, kind: row.kind, attempts: row.attempts, outcome }, `email ${row.id} not sent: ${describeFailure(error)}`);
    }
    return outcome;
  }

  /**
   * A withdrawal that came while this row was in flight (claimed during an outage, say) found it `sending`:
   * an alert or a share is cancelled; a digest goes back to the queue and is written again without the
   * withdrawn articles (or cancelled when none is left), as the withdrawal does for queued digests.
   */
  private async dropWithdrawn(row: ClaimedRow): Promise<void> {
    const withdrawn = row.withdrawn_ids ?? [];
    if (row.kind !== 'digest' || !this.digests || withdrawn.length >= row.article_ids.length) {
      await this.recordSafely(row, 'cancelled', null, 'not sent: the article was withdrawn');
      return;
    }
    const digests = this.digests;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE ${TABLE} SET status = 'queued', claimed_at = NULL, attempts = greatest(0, attempts - 1) WHERE id = $1`, [row.id]);
      for (const articleId of withdrawn) await digests.dropArticleFromQueuedDigests(tx, articleId);
    });
  }

  private async recordSafely(row: ClaimedRow, outcome: DeliveryOutcome, messageId: string | null, error: unknown): Promise<void> {
    try {
      await this.record(row, outcome, messageId, error);
    } catch (recordError) {
      // The row stays 'sending'; the next start (or the stale-claim sweep) queues it again.
      this.logger.error({ err: recordError, mailId: row.id }, `could not record the outcome (${outcome}) of email ${row.id}`);
    }
  }

  private async record(row: ClaimedRow, outcome: DeliveryOutcome, messageId: string | null, error: unknown): Promise<void> {
    const reason = error === null ? null : describeFailure(error);
    switch (outcome) {
      case 'sent':
        this.sentMarks.push({ id: row.id, messageId });
        if (this.sentMarks.length >= SENT_MARKS) await this.flushSent();
        return;
      case 'cancelled':
      case 'failed':
        await this.dataSource.query(`UPDATE ${TABLE} SET status = $3, claimed_at = NULL, last_error = $2 WHERE id = $1`, [row.id, reason, outcome]);
        return;
      case 'retry':
        await this.dataSource.query(
          `UPDATE ${TABLE} SET status = 'queued', claimed_at = NULL, last_error = $2,
                  next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
            WHERE id = $1`,
          [row.id, reason, backoffMs(this.options.retry, row.attempts)],
        );
        return;
      case 'released':
        // The server was not there: this attempt does not count, and the row is due as soon as it is back.
        await this.dataSource.query(
          `UPDATE ${TABLE} SET status = 'queued', claimed_at = NULL, attempts = greatest(0, attempts - 1), next_attempt_at = now(),
                  last_error = coalesce($2, last_error)
            WHERE id = $1`,
          [row.id, reason],
        );
        return;
      case 'bounced':
        await this.recordBounce(row, reason ?? 'bounced');
        return;
    }
  }

  /** Marks the sent rows gathered so far, in one statement. */
  private async flushSent(): Promise<void> {
    if (this.sentMarks.length === 0) return;
    const marks = this.sentMarks;
    this.sentMarks = [];
    try {
      await this.dataSource.query(
        `UPDATE ${TABLE} m SET status = 'sent', sent_at = now(), message_id = v.message_id, claimed_at = NULL
           FROM unnest($1::uuid[], $2::text[]) AS v(id, message_id) WHERE m.id = v.id`,
        [marks.map((mark) => mark.id), marks.map((mark) => mark.messageId)],
      );
    } catch (error) {
      // The rows stay 'sending'; the next start (or the stale-claim sweep) queues them again.
      this.logger.error({ err: error, rows: marks.length }, `could not mark ${marks.length} sent email(s)`);
    }
  }

  /**
   * A mailbox refused for good: this row `bounced`, the address suppressed (keyed hash), its subscriber (if
   * any) `bounced` with a consent-log line, and everything still queued for that address cancelled. One transaction.
   */
  private async recordBounce(row: ClaimedRow, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE ${TABLE} SET status = 'bounced', claimed_at = NULL, last_error = $2 WHERE id = $1`, [row.id, reason]);
      await tx.query(`INSERT INTO newsletter.suppression (address_hash, reason, detail, created_at) VALUES ($1, 'bounced', $2, $3) ON CONFLICT (address_hash) DO NOTHING`, [
        addressHash(this.config.APP_SECRET, row.recipient),
        reason.slice(0, 300),
        now,
      ]);
      const [bounced]: [{ id: string }[], number] = await tx.query(
        `UPDATE newsletter.subscriber SET status = 'bounced', bounced_at = $2, updated_at = $2 WHERE email = $1 AND status <> 'bounced' RETURNING id`,
        [row.recipient, now],
      );
      for (const { id } of bounced) {
        await tx.query(`INSERT INTO newsletter.consent (id, subscriber_id, action, source, at, detail) VALUES ($1, $2, 'bounced', 'mail server', $3, $4::jsonb)`, [
          randomUUID(),
          id,
          now,
          JSON.stringify({ reply: reason.slice(0, 300) }),
        ]);
      }
      await tx.query(`UPDATE ${TABLE} SET status = 'cancelled', last_error = 'not sent: the address bounced' WHERE recipient = $1 AND status = 'queued'`, [row.recipient]);
    });
  }

  /**
   * The email of a row, checked, with its subscriber's own links (the transport puts them in place of the
   * placeholders); null when it must no longer go out (the subscriber left meanwhile).
   */
  private compose(row: ClaimedRow): Email | null {
    const headers = typeof row.headers === 'string' ? (JSON.parse(row.headers) as Record<string, string>) : row.headers;
    if (SUBSCRIBER_MAIL.includes(row.kind) && row.subscriber_status !== 'confirmed') return null;
    let links: SubscriberLinks | undefined;
    if (hasPlaceholder(row.text_body, row.html_body, ...Object.values(headers))) {
      if (!row.subscriber_id) throw new UnsendableMail('the email needs the subscriber’s links but has no subscriber');
      const subject = { id: row.subscriber_id, email: row.recipient };
      links = { unsubscribeUrl: this.links.unsubscribeUrl(subject), preferencesUrl: this.links.preferencesUrl(subject) };
    }
    if (hasLineBreak(row.subject) || hasLineBreak(row.recipient)) throw new UnsendableMail('a line break in the subject or the recipient');
    // A header stays wire-ready once a link is put in it: the links are checked with the headers.
    const values: [string, string][] = [...Object.entries(headers), ...Object.entries(links ?? {})];
    for (const [name, value] of values) {
      if (!isWireReadyHeader(value)) throw new UnsendableMail(`header ${name} is not printable ASCII on one line`);
    }
    return {
      from: this.site.mailFrom,
      to: row.recipient,
      subject: row.subject,
      text: row.text_body,
      html: row.html_body,
      headers,
      messageId: `<${row.id}@${this.site.host}>`,
      date: this.clock.now(),
      ...(links ? { links } : {}),
    };
  }

  private async run(): Promise<void> {
    await this.requeueInterrupted().catch((error) => this.logger.warn({ err: error }, 'could not requeue interrupted emails'));
    this.lastSweep = Date.now();
    let failures = 0;
    /** The next batch, claimed while a full one is being sent, so the SMTP pool does not wait for the database between batches. */
    let prefetched: Promise<ClaimedBatch> | null = null;
    while (this.running) {
      this.woken = false;
      try {
        await this.sweepStaleClaims();
        const claiming: Promise<ClaimedBatch> = prefetched ?? this.claim();
        prefetched = null;
        const batch = await claiming;
        const full = batch.rows.length === this.options.batchSize;
        if (full) {
          prefetched = this.claim();
          // Awaited at the next round (or released); a failure is handled there.
          prefetched.catch(() => undefined);
        }
        await this.deliverBatch(batch);
        failures = 0;
        if (this.outagePauseMs) {
          if (prefetched) await this.release(await prefetched.catch(() => ({ rows: [], suppressed: new Set<string>() })));
          prefetched = null;
          await this.pause(this.outagePauseMs);
          continue;
        }
        if (full) continue;
      } catch (error) {
        failures++;
        this.logger.warn({ err: error, failures }, `mail sender round failed (${(error as Error).message}); retrying`);
        await this.pause(Math.min(5_000, this.options.pollMs * 2 ** Math.min(failures, 6)));
        continue;
      }
      if (!this.woken) await this.sleep(this.options.pollMs);
    }
    // Stopping: a batch claimed ahead is not started.
    if (prefetched) await this.release(await prefetched.catch(() => ({ rows: [], suppressed: new Set<string>() })));
  }

  /** A pause a commit does not cut short (the server is down, or the database). */
  private async pause(ms: number): Promise<void> {
    this.pausing = true;
    await this.sleep(ms);
    this.pausing = false;
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
