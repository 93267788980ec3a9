/** A row of `ingestion.feed`, as the SQL returns it. */
export interface FeedRow {
  id: string;
  url: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  next_poll_at: Date;
  interval_seconds: number;
  failures: number;
  enabled: boolean;
  created_at: Date;
}

/** What the API shows of a feed. */
export interface FeedView {
  id: string;
  url: string;
  title: string | null;
  intervalSeconds: number;
  enabled: boolean;
  lastPolledAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextPollAt: string;
  failures: number;
  createdAt: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function feedView(row: FeedRow): FeedView {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    intervalSeconds: row.interval_seconds,
    enabled: row.enabled,
    lastPolledAt: iso(row.last_polled_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    nextPollAt: iso(row.next_poll_at) as string,
    failures: row.failures,
    createdAt: iso(row.created_at) as string,
  };
}

export const FEED_NOT_FOUND = 'Aucun flux avec cet identifiant.';

/** Rows of an `UPDATE/DELETE … RETURNING` run with `DataSource.query` (TypeORM's postgres driver answers `[rows, count]` for those). */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
