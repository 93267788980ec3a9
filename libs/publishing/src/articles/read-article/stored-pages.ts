import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { preparePage, type PreparedPage } from './stored-page-response';

/** Where an address that is not a live article's leads. */
export type NotLive = { kind: 'moved'; slug: string } | { kind: 'gone'; language: string } | { kind: 'unknown' };

/** How long a replica serves a rendering before checking it again (another replica may have changed or withdrawn it). */
export const STORED_PAGE_FRESH_MS = 1_000;
/** The memory the kept renderings may take (each counts its plain, gzip and brotli bodies); least recently read go first. */
export const STORED_PAGES_MAX_BYTES = 64 * 1024 * 1024;

interface Entry {
  prepared: PreparedPage;
  /** performance.now() when the database last confirmed it. */
  checkedAt: number;
}

interface RenderingRow {
  rendered_html: string;
  rendered_gzip: Buffer;
  rendered_br: Buffer;
  etag: string;
  updated_at: Date;
}

/**
 * The stored renderings of live articles, read from `publishing.article` and kept in memory (a bounded LRU,
 * by bytes), ready to send (stored-page-response.ts). Only live pages are kept.
 *
 * - **A change in this process** (publication, correction, re-rendering, withdrawal: ArticlePublisher, the one
 *   path that stores or clears a rendering) forgets the page at once and again when its transaction ends; while
 *   it is open nothing read for that slug is kept, so a reader never gets the old page after the commit.
 * - **Another replica's change** is seen within STORED_PAGE_FRESH_MS: an entry is never served when the
 *   database last confirmed it longer ago than that. It is checked against the row (`etag`, `updated_at`: a
 *   few bytes) — in the background from half that age on, else before it is served — and read anew if it
 *   changed or is no longer live. Concurrent readers of one slug share one query.
 */
@Injectable()
export class StoredPages implements OnModuleInit, EntitySubscriberInterface {
  /** STORED_PAGES_MAX_BYTES; smaller in tests. */
  maxBytes = STORED_PAGES_MAX_BYTES;
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly inFlight = new Map<string, Promise<PreparedPage | null>>();
  /** Bumped by every forget: a read that started before one is served, not kept. */
  private changes = 0;
  /** Slugs changed by a transaction still open, by transaction; `held` counts them per slug. */
  private readonly pendingBy = new WeakMap<QueryRunner, Set<string>>();
  private readonly held = new Map<string, number>();

  constructor(@InjectDataSource('publishing') private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /**
   * The page kept in memory when it is fresh, without waiting (the fast lane); undefined when it must be read
   * or checked. Past half its freshness, a read starts the check in the background, so a busy page is
   * confirmed before it expires and its readers do not wait for the query.
   */
  fresh(slug: string): PreparedPage | undefined {
    const entry = this.entries.get(slug);
    if (!entry) return undefined;
    const age = performance.now() - entry.checkedAt;
    if (age >= STORED_PAGE_FRESH_MS) return undefined;
    if (age >= STORED_PAGE_FRESH_MS / 2 && !this.inFlight.has(slug)) this.shared(slug).catch(() => undefined);
    // Most recently read last: eviction takes the first.
    this.entries.delete(slug);
    this.entries.set(slug, entry);
    return entry.prepared;
  }

  /** The live page at `slug`, from memory when fresh, else checked or read; null when no live article has it. */
  async live(slug: string): Promise<PreparedPage | null> {
    return this.fresh(slug) ?? this.shared(slug);
  }

  /** One check or read of `slug` at a time, whoever asks. */
  private shared(slug: string): Promise<PreparedPage | null> {
    let load = this.inFlight.get(slug);
    if (!load) {
      const started = this.load(slug).finally(() => {
        if (this.inFlight.get(slug) === started) this.inFlight.delete(slug);
      });
      this.inFlight.set(slug, (load = started));
    }
    return load;
  }

  private async load(slug: string): Promise<PreparedPage | null> {
    const changes = this.changes;
    const started = performance.now();
    const kept = this.entries.get(slug);
    if (kept) {
      // Last-Modified is when the rendering was made (publication or re-rendering): both must still hold.
      const [row]: { etag: string; updated_at: Date }[] = await this.dataSource.query(
        `SELECT etag, updated_at FROM publishing.article WHERE slug = $1 AND published_at IS NOT NULL`,
        [slug],
      );
      const page = kept.prepared.page;
      if (row && row.etag === page.etag && new Date(row.updated_at).getTime() === page.lastModified.getTime()) {
        if (this.mayKeep(slug, changes) && this.entries.get(slug) === kept) kept.checkedAt = started;
        return kept.prepared;
      }
    }
    const [row]: RenderingRow[] = await this.dataSource.query(
      `SELECT rendered_html, rendered_gzip, rendered_br, etag, updated_at FROM publishing.article WHERE slug = $1 AND published_at IS NOT NULL`,
      [slug],
    );
    if (!row) {
      if (this.mayKeep(slug, changes)) this.drop(slug);
      return null;
    }
    const prepared = preparePage({ html: row.rendered_html, gzip: row.rendered_gzip, br: row.rendered_br, etag: row.etag, lastModified: new Date(row.updated_at) });
    if (this.mayKeep(slug, changes)) this.keep(slug, { prepared, checkedAt: started });
    return prepared;
  }

  private mayKeep(slug: string, changesAtStart: number): boolean {
    return this.changes === changesAtStart && !this.held.has(slug);
  }

  private keep(slug: string, entry: Entry): void {
    this.drop(slug);
    if (entry.prepared.bytes > this.maxBytes) return;
    this.entries.set(slug, entry);
    this.bytes += entry.prepared.bytes;
    for (const [oldest, { prepared }] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= prepared.bytes;
    }
  }

  private drop(slug: string): void {
    const entry = this.entries.get(slug);
    if (!entry) return;
    this.entries.delete(slug);
    this.bytes -= entry.prepared.bytes;
  }

  /** An old slug of an article (301 to its current one), a withdrawn article that was public (410), or nothing (404). */
  async notLive(slug: string): Promise<NotLive> {
    const [moved]: { slug: string }[] = await this.dataSource.query(
      `SELECT a.slug FROM publishing.slug_redirect r JOIN publishing.article a ON a.id = r.article_id
        WHERE r.slug = $1 AND (a.published_at IS NOT NULL OR (a.state = 'withdrawn' AND a.first_published_at IS NOT NULL))`,
      [slug],
    );
    if (moved) return { kind: 'moved', slug: moved.slug };
    const [gone]: { language: string }[] = await this.dataSource.query(
      `SELECT language FROM publishing.article WHERE slug = $1 AND state = 'withdrawn' AND first_published_at IS NOT NULL`,
      [slug],
    );
    return gone ? { kind: 'gone', language: gone.language } : { kind: 'unknown' };
  }

  /**
   * The rendering at `slug` changed (or is gone): forgotten now, and, when `tx` is an open transaction, again
   * once it commits or rolls back, nothing read for `slug` being kept until then.
   */
  forget(slug: string, tx?: EntityManager): void {
    this.changes++;
    this.drop(slug);
    this.inFlight.delete(slug);
    const runner = tx?.queryRunner;
    if (!runner?.isTransactionActive) return;
    let pending = this.pendingBy.get(runner);
    if (!pending) this.pendingBy.set(runner, (pending = new Set()));
    if (pending.has(slug)) return;
    pending.add(slug);
    this.held.set(slug, (this.held.get(slug) ?? 0) + 1);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    this.transactionEnded(event.queryRunner);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    this.transactionEnded(event.queryRunner);
  }

  private transactionEnded(runner: QueryRunner): void {
    // A savepoint released or rolled back: the transaction, and its changes, are still open.
    if (runner.isTransactionActive) return;
    const pending = this.pendingBy.get(runner);
    if (!pending) return;
    this.pendingBy.delete(runner);
    for (const slug of pending) {
      const count = (this.held.get(slug) ?? 1) - 1;
      if (count > 0) this.held.set(slug, count);
      else this.held.delete(slug);
      this.forget(slug);
    }
  }
}
