import { MAX_FEED_BYTES, FeedError } from '../parse-feed/parse-feed';

export const FETCH_TIMEOUT_MS = 15_000;

export type FetchedFeed =
  | { status: 304 }
  | { status: number; body: Buffer; contentType: string; etag: string | null; lastModified: string | null };

/**
 * A conditional GET of a feed (`If-None-Match` / `If-Modified-Since` from the stored validators), 15 s at most,
 * the body read up to 5 MB. A non-2xx status other than 304 throws FeedError (with the status).
 */
export async function fetchFeed(url: string, validators: { etag: string | null; lastModified: string | null }): Promise<FetchedFeed> {
  const headers: Record<string, string> = { Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1', 'User-Agent': 'Newsroom-Feeds/1.0' };
  if (validators.etag) headers['If-None-Match'] = validators.etag;
  if (validators.lastModified) headers['If-Modified-Since'] = validators.lastModified;
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new FeedStatusError(null, timedOut ? `Le serveur du flux n’a pas répondu en ${FETCH_TIMEOUT_MS / 1000} s.` : `Flux injoignable : ${(error as Error).message}.`);
  }
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 304 };
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedStatusError(response.status, `Le serveur du flux a répondu ${response.status}.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_FEED_BYTES) {
    await response.body?.cancel();
    throw new FeedStatusError(response.status, `Le flux dépasse ${MAX_FEED_BYTES / 1024 / 1024} Mo.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_FEED_BYTES) {
        await reader.cancel();
        throw new FeedStatusError(response.status, `Le flux dépasse ${MAX_FEED_BYTES / 1024 / 1024} Mo.`);
      }
      chunks.push(Buffer.from(value));
    }
  }
  return {
    status: response.status,
    body: Buffer.concat(chunks),
    contentType: response.headers.get('content-type') ?? '',
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  };
}

/** A fetch that failed, with the HTTP status when there was one. */
export class FeedStatusError extends FeedError {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}
