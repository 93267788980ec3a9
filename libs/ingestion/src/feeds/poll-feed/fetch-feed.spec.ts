import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FeedStatusError, fetchFeed } from './fetch-feed';

/** A feed server that knows only Last-Modified (no ETag), as many CMS serve their feeds. */
describe('fetchFeed against a local server', () => {
  const LAST_MODIFIED = 'Mon, 03 Jun 2024 08:00:00 GMT';
  const RSS = '<?xml version="1.0"?><rss version="2.0"><channel><title>Communiqués</title></channel></rss>';
  let server: Server;
  let base: string;
  let seen: IncomingHttpHeaders[];
  let status = 200;

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      if (status !== 200) return void res.writeHead(status).end();
      if (req.headers['if-modified-since'] === LAST_MODIFIED) return void res.writeHead(304).end();
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Last-Modified': LAST_MODIFIED }).end(RSS);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    seen = [];
    status = 200;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('asks unconditionally the first time and keeps the Last-Modified validator', async () => {
    const fetched = await fetchFeed(`${base}/rss`, { etag: null, lastModified: null });
    expect(seen[0]['if-modified-since']).toBeUndefined();
    expect(seen[0]['if-none-match']).toBeUndefined();
    expect(fetched).toMatchObject({ status: 200, etag: null, lastModified: LAST_MODIFIED, contentType: 'application/rss+xml; charset=utf-8' });
    expect((fetched as { body: Buffer }).body.toString('utf8')).toBe(RSS);
  });

  it('sends the stored validators back (If-Modified-Since, If-None-Match) and reports a 304 without a body', async () => {
    const fetched = await fetchFeed(`${base}/rss`, { etag: '"v7"', lastModified: LAST_MODIFIED });
    expect(seen[0]).toMatchObject({ 'if-modified-since': LAST_MODIFIED, 'if-none-match': '"v7"' });
    expect(fetched).toEqual({ status: 304 });
  });

  it('throws the status of a failed answer', async () => {
    status = 503;
    await expect(fetchFeed(`${base}/rss`, { etag: null, lastModified: null })).rejects.toMatchObject({ status: 503 });
    await expect(fetchFeed(`${base}/rss`, { etag: null, lastModified: null })).rejects.toBeInstanceOf(FeedStatusError);
  });
});
