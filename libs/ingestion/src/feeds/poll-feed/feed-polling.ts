import { Injectable, Logger } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { IngestCommuniqueCommand } from '../../communiques/ingest-communique/ingest-communique.command';
import { CommuniqueRejected, decodeDocument, mediaTypeOf } from '../../normalise';
import { returnedRows, type FeedRow } from '../feed-row';
import { entryDocument } from '../parse-feed/entry-document';
import { FeedError, parseFeed } from '../parse-feed/parse-feed';
import { fetchFeed, FeedStatusError } from './fetch-feed';

/** How long a claimed feed stays taken by one poller (longer than a fetch and its ingestion). */
const LEASE_SECONDS = 300;
/** The longest wait between two polls of a failing feed. */
export const MAX_BACKOFF_SECONDS = 6 * 3600;
const ENTRY_CONTENT_TYPE = 'text/html; charset=utf-8';

export interface PollOutcome {
  /** HTTP status of the fetch (304: nothing changed), or null when the server could not be reached. */
  status: number | null;
  /** Entries not seen before (ingested or rejected). */
  newEntries: number;
  ingested: number;
  rejected: number;
  error: string | null;
}

/**
 * Polls feeds: a claim (a lease on the row, taken with FOR UPDATE SKIP LOCKED so that replicas never take
 * one feed twice), a conditional GET, the new entries ingested as HTML communiqués, and the feed's state.
 */
@Injectable()
export class FeedPolling {
  private readonly logger = new Logger('FeedPolling');

  constructor(
    @InjectDataSource('ingestion') private readonly dataSource: DataSource,
    private readonly commands: CommandBus,
  ) {}

  /** Takes up to `limit` due feeds (not taken by another poller). */
  async claimDue(limit: number): Promise<FeedRow[]> {
    const result: unknown = await this.dataSource.query(
      `UPDATE ingestion.feed SET locked_until = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM ingestion.feed
                      WHERE enabled AND next_poll_at <= now() AND (locked_until IS NULL OR locked_until < now())
                      ORDER BY next_poll_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [limit, LEASE_SECONDS],
    );
    return returnedRows<FeedRow>(result);
  }

  /** Takes one feed now, due or not: the row, `busy` when another poller has it, null when unknown. */
  async claim(id: string): Promise<FeedRow | 'busy' | null> {
    const result: unknown = await this.dataSource.query(
      `UPDATE ingestion.feed SET locked_until = now() + make_interval(secs => $2)
        WHERE id IN (SELECT id FROM ingestion.feed WHERE id = $1 AND (locked_until IS NULL OR locked_until < now()) FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [id, LEASE_SECONDS],
    );
    const [row] = returnedRows<FeedRow>(result);
    if (row) return row as FeedRow;
    const [exists] = await this.dataSource.query(`SELECT 1 FROM ingestion.feed WHERE id = $1`, [id]);
    return exists ? 'busy' : null;
  }

  /** Polls a claimed feed and releases it. Never throws for the feed's own failures: they are recorded. */
  async poll(feed: FeedRow): Promise<PollOutcome> {
    try {
      const fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.last_modified });
      if (fetched.status === 304 || !('body' in fetched)) {
        await this.dataSource.query(
          // Not modified: only last_polled_at changes (and the next poll; a feed that had failed is healthy again).
          `UPDATE ingestion.feed SET last_polled_at = now(), locked_until = NULL, failures = 0, last_error = NULL,
                  next_poll_at = now() + make_interval(secs => interval_seconds)
            WHERE id = $1`,
          [feed.id],
        );
        return { status: 304, newEntries: 0, ingested: 0, rejected: 0, error: null };
      }
      const parsed = parseFeed(decodeFeed(fetched.body, fetched.contentType));
      const counts = await this.ingestNew(feed, parsed.title ?? feed.url, parsed.entries);
      await this.dataSource.query(
        `UPDATE ingestion.feed SET title = COALESCE($2, title), etag = $3, last_modified = $4, last_polled_at = now(), last_status = $5,
                last_error = NULL, failures = 0, locked_until = NULL, next_poll_at = now() + make_interval(secs => interval_seconds)
          WHERE id = $1`,
        [feed.id, parsed.title, fetched.etag, fetched.lastModified, fetched.status],
      );
      return { status: fetched.status, ...counts, error: null };
    } catch (error) {
      if (!(error instanceof FeedError)) this.logger.error(`Feed ${feed.url}: ${(error as Error).stack ?? String(error)}`);
      const status = error instanceof FeedStatusError ? error.status : null;
      const message = error instanceof FeedError ? error.message : 'Erreur interne pendant la lecture du flux.';
      // Backoff: the interval doubled for each failure in a row, 6 h at most.
      await this.dataSource.query(
        `UPDATE ingestion.feed SET last_polled_at = now(), last_status = $2, last_error = $3, failures = failures + 1, locked_until = NULL,
                next_poll_at = now() + make_interval(secs => LEAST($4::double precision, interval_seconds * power(2, failures + 1)))
          WHERE id = $1`,
        [feed.id, status, message, MAX_BACKOFF_SECONDS],
      );
      this.logger.warn(`Feed ${feed.url}: ${message}`);
      return { status, newEntries: 0, ingested: 0, rejected: 0, error: message };
    }
  }

  private async ingestNew(feed: FeedRow, sourceName: string, entries: ReturnType<typeof parseFeed>['entries']) {
    const keys = entries.map((e) => e.key);
    const seenRows: { entry_key: string }[] = keys.length
      ? await this.dataSource.query(`SELECT entry_key FROM ingestion.feed_entry WHERE feed_id = $1 AND entry_key = ANY($2::text[])`, [feed.id, keys])
      : [];
    const seen = new Set(seenRows.map((r) => r.entry_key));
    let newEntries = 0;
    let ingested = 0;
    let rejected = 0;
    // Oldest first, so that communiqués arrive in the order they were published.
    for (const entry of [...entries].reverse()) {
      if (seen.has(entry.key)) continue;
      seen.add(entry.key);
      let communiqueId: string | null = null;
      try {
        const result = await this.commands.execute(
          new IngestCommuniqueCommand({ raw: entryDocument(entry), contentType: ENTRY_CONTENT_TYPE, sourceKind: 'feed', sourceName, receivedBy: 'feed' }),
        );
        communiqueId = result.communiqueId;
      } catch (error) {
        if (!(error instanceof CommuniqueRejected)) throw error;
        this.logger.warn(`Feed ${feed.url}: entry ${entry.key} rejected (${error.reason}): ${error.message}`);
      }
      const inserted: unknown[] = await this.dataSource.query(
        `INSERT INTO ingestion.feed_entry (feed_id, entry_key, communique_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING entry_key`,
        [feed.id, entry.key, communiqueId],
      );
      if (inserted.length === 0) continue;
      newEntries++;
      if (communiqueId) ingested++;
      else rejected++;
    }
    return { newEntries, ingested, rejected };
  }
}

/** The feed's bytes → text: the BOM, the Content-Type's charset, else the XML declaration's encoding, else UTF-8 / windows-1252. */
function decodeFeed(body: Buffer, contentType: string): string {
  const declared = /^\s*<\?xml[^>]*\bencoding=["']([\w.:-]+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1];
  const type = /charset=/i.test(contentType) || !declared ? contentType || 'application/xml' : `${mediaTypeOf(contentType) || 'application/xml'}; charset=${declared}`;
  try {
    return decodeDocument(body, type);
  } catch (error) {
    if (error instanceof CommuniqueRejected) throw new FeedError(`Flux illisible : ${error.message}`);
    throw error;
  }
}
