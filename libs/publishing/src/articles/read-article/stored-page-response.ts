/** A live article's stored rendering, as `publishing.article` keeps it. */
export interface StoredArticlePage {
  html: string;
  gzip: Buffer;
  br: Buffer;
  /** Unquoted. */
  etag: string;
  lastModified: Date;
}

export type Coding = 'br' | 'gzip' | 'identity';

/** What goes on the wire for one coding: the 200's headers and body, the 304's headers. */
export interface CodedResponse {
  body: Buffer;
  headers: Record<string, string>;
  notModifiedHeaders: Record<string, string>;
}

/** A stored page made ready to send once, when it is read: every coding's headers and body. */
export interface PreparedPage {
  page: StoredArticlePage;
  br: CodedResponse;
  gzip: CodedResponse;
  identity: CodedResponse;
  /** Memory held (the three bodies), for the cache's budget. */
  bytes: number;
}

/**
 * Each coding has its own strong ETag (`"<hash>"`, `"<hash>-br"`, `"<hash>-gz"`); the same headers are
 * sent by the Express route and by the fast lane, so the two cannot drift apart.
 */
export function preparePage(page: StoredArticlePage): PreparedPage {
  const lastModified = page.lastModified.toUTCString();
  const coded = (coding: Coding, body: Buffer): CodedResponse => {
    const tag = coding === 'br' ? `"${page.etag}-br"` : coding === 'gzip' ? `"${page.etag}-gz"` : `"${page.etag}"`;
    const notModifiedHeaders = { ETag: tag, 'Last-Modified': lastModified, 'Cache-Control': 'public, max-age=60', Vary: 'Accept-Encoding' };
    const headers: Record<string, string> = { ...notModifiedHeaders, 'Content-Type': 'text/html; charset=utf-8' };
    if (coding !== 'identity') headers['Content-Encoding'] = coding;
    headers['Content-Length'] = String(body.length);
    return { body, headers, notModifiedHeaders };
  };
  const identity = Buffer.from(page.html, 'utf8');
  return {
    page,
    br: coded('br', page.br),
    gzip: coded('gzip', page.gzip),
    identity: coded('identity', identity),
    bytes: identity.length + page.gzip.length + page.br.length,
  };
}

const codingOfHeader = new Map<string, Coding>();

/** The best coding the client accepts of those stored: brotli, then gzip, else none (RFC 9110 §12.5.3, q=0 honoured). */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  // Clients send a handful of distinct headers: each is parsed once.
  let coding = codingOfHeader.get(acceptEncoding);
  if (coding) return coding;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    q.set(name.trim(), weight ? Number(weight[1]) : 1);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  coding = accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : 'identity';
  if (codingOfHeader.size >= 256) codingOfHeader.clear();
  codingOfHeader.set(acceptEncoding, coding);
  return coding;
}

/**
 * Whether the client's copy is current: If-None-Match (any coding's tag, weak or strong, or `*`), else
 * If-Modified-Since (HTTP dates have whole seconds).
 */
export function isFresh(headers: { 'if-none-match'?: string; 'if-modified-since'?: string }, page: StoredArticlePage): boolean {
  const noneMatch = headers['if-none-match'];
  if (noneMatch) {
    if (noneMatch.trim() === '*') return true;
    return noneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') === page.etag);
  }
  const since = headers['if-modified-since'];
  if (!since) return false;
  const time = Date.parse(since);
  return Number.isFinite(time) && Math.floor(page.lastModified.getTime() / 1000) * 1000 <= time;
}

/** The status, headers and body (null for a 304) to send for `prepared` to a request with these headers. */
export function storedPageResponse(
  prepared: PreparedPage,
  headers: { 'accept-encoding'?: string; 'if-none-match'?: string; 'if-modified-since'?: string },
): { status: 200 | 304; headers: Record<string, string>; body: Buffer | null } {
  const coded = prepared[chooseCoding(headers['accept-encoding'])];
  if (isFresh(headers, prepared.page)) return { status: 304, headers: coded.notModifiedHeaders, body: null };
  return { status: 200, headers: coded.headers, body: coded.body };
}
