import { getDataSourceToken } from '@nestjs/typeorm';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { ManualClock } from '@newsroom/platform';
import { DEFAULT_SECTIONS } from '@newsroom/site-theme';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { approval, correction, sectionsChange, startPublishing, withdrawal, type PublishingHarness } from '../../testing/publishing-harness';
import { StoredPages } from './stored-pages';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** One request as sent on the wire (no decompression), to `port`. */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    httpRequest({ port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server) => new Promise((resolve) => server.close(resolve));
/** What may differ between two answers to the same request: the time, the request id, the connection. */
const comparable = ({ date: _date, 'x-request-id': _id, connection: _connection, 'keep-alive': _keepAlive, ...headers }: IncomingHttpHeaders) => headers;

/**
 * ArticleFastLane: live article pages answered on node:http before Express, from StoredPages. The same bytes
 * and headers as the Express route; invalidated by every change in this process at once (and never kept
 * while the change's transaction is open), by another process's within a second; never a page under embargo.
 */
describe('The article fast lane', () => {
  let db: TestDatabase;
  let t: PublishingHarness;
  let other: PublishingHarness;
  let lanePort: number;
  let expressPort: number;
  let expressServer: Server;
  const clock = new ManualClock('2025-03-10T08:00:00Z');
  /** Requests that reached Express (the lane handed them on, or the lane is not in front). */
  let expressHits: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('publishing_fast_lane_test');
    t = await startPublishing({ DATABASE_URL: db.url }, { clock });
    // Another replica on the same database (its own clock stays put: its scheduler publishes nothing of these tests).
    other = await startPublishing({ DATABASE_URL: db.url }, { clock: new ManualClock(clock.now()) });
    // Express's app function hands every request to app.handle (not in its types).
    const express = t.app.getHttpAdapter().getInstance() as unknown as RequestListener & { handle(req: { url: string }, ...rest: unknown[]): unknown };
    const handle = express.handle.bind(express);
    express.handle = (req: { url: string }, ...rest: unknown[]) => {
      expressHits.push(req.url);
      return handle(req, ...rest);
    };
    lanePort = await listen(t.app.getHttpServer());
    expressServer = createServer(express);
    expressPort = await listen(expressServer);
  });

  afterAll(async () => {
    if (expressServer) await close(expressServer);
    await other?.close();
    await t?.close();
    await db?.drop();
  });

  beforeEach(() => {
    expressHits = [];
  });

  const slugOf = async (articleId: string) => {
    const [row] = await t.db().query(`SELECT slug FROM publishing.article WHERE id = $1`, [articleId]);
    return row.slug as string;
  };
  const publish = async (data: Parameters<typeof approval>[0] = {}) => {
    const event = approval(data);
    await t.deliver(event);
    return { event, slug: await slugOf(event.data.articleId) };
  };
  const lane = (path: string, headers?: Record<string, string>, method?: string) => raw(lanePort, path, headers, method);

  it('sends the same status, headers and bytes as the Express route, for every coding, HEAD and 304', async () => {
    const { slug } = await publish({ title: 'Voie rapide : mêmes octets' });
    const path = `/articles/${slug}`;
    await lane(path); // read once: kept
    expressHits = [];
    const etag = String((await lane(path, { 'Accept-Encoding': 'br' })).headers.etag);
    const cases: [Record<string, string>, string, number][] = [
      [{}, 'GET', 200],
      [{ 'Accept-Encoding': 'gzip, deflate, br' }, 'GET', 200],
      [{ 'Accept-Encoding': 'gzip;q=1, br;q=0' }, 'GET', 200],
      [{ 'Accept-Encoding': 'identity' }, 'HEAD', 200],
      [{ 'Accept-Encoding': 'br' }, 'HEAD', 200],
      [{ 'Accept-Encoding': 'gzip', 'If-None-Match': etag }, 'GET', 304],
      [{ 'If-None-Match': `"autre", W/${etag}` }, 'GET', 304],
      [{ 'If-Modified-Since': new Date(Date.now() + 60_000).toUTCString() }, 'GET', 304],
      [{ 'If-None-Match': '"autre"' }, 'GET', 200],
    ];
    for (const [headers, method, status] of cases) {
      const fromLane = await lane(path, headers, method);
      expect(expressHits).toEqual([]);
      const fromExpress = await raw(expressPort, path, headers, method);
      expect(expressHits).toEqual([path]);
      expressHits = [];
      expect([fromLane.status, fromExpress.status]).toEqual([status, status]);
      expect(comparable(fromLane.headers)).toEqual(comparable(fromExpress.headers));
      expect(fromLane.body.equals(fromExpress.body)).toBe(true);
      expect(fromLane.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const [br, gz, plain, head] = [
      await lane(path, { 'Accept-Encoding': 'br' }),
      await lane(path, { 'Accept-Encoding': 'gzip' }),
      await lane(path),
      await lane(path, {}, 'HEAD'),
    ];
    expect([br.headers['content-encoding'], gz.headers['content-encoding'], plain.headers['content-encoding']]).toEqual(['br', 'gzip', undefined]);
    expect(plain.headers).toMatchObject({ vary: 'Accept-Encoding', 'cache-control': 'public, max-age=60', 'content-type': 'text/html; charset=utf-8' });
    expect(new Set([br.headers.etag, gz.headers.etag, plain.headers.etag]).size).toBe(3);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(plain.body.length));
    expect((await lane(path, { 'x-request-id': 'proxy-12' })).headers['x-request-id']).toBe('proxy-12');
  });

  it('hands on to Express what is not a live page: other routes, methods, old slugs, unknown and invalid addresses', async () => {
    const { slug } = await publish({ title: 'Voie rapide : le reste à Express' });
    await lane(`/articles/${slug}`);
    expressHits = [];
    expect((await lane(`/articles/${slug}/print`)).status).toBe(200);
    expect((await lane(`/articles/${slug}/share`)).status).toBe(200);
    expect((await lane('/articles/pas-de-telle-page')).status).toBe(404);
    expect((await lane('/articles/Pas_Un_Slug')).status).toBe(404);
    expect((await lane(`/articles/${slug}`, {}, 'POST')).status).toBe(404);
    expect((await lane('/')).status).toBe(200);
    expect(expressHits).toEqual([`/articles/${slug}/print`, `/articles/${slug}/share`, '/articles/pas-de-telle-page', '/articles/Pas_Un_Slug', `/articles/${slug}`, '/']);
  });

  it('serves the new page at once after a correction, a re-rendering (sections) and a withdrawal in this process', async () => {
    const { event, slug } = await publish({ title: 'Voie rapide : page changée', section: 'Relations bilatérales' });
    const path = `/articles/${slug}`;
    const first = await lane(path);
    expect((await lane(path)).headers.etag).toBe(first.headers.etag);

    await t.deliver(correction(event.data.articleId, 2, { title: 'Voie rapide : page changée', paragraphs: ['Texte corrigé.'], correctionNote: 'Texte corrigé.' }));
    const corrected = await lane(path);
    expect(corrected.headers.etag).not.toBe(first.headers.etag);
    expect(corrected.body.toString()).toContain('Texte corrigé.');

    await t.deliver(sectionsChange(DEFAULT_SECTIONS.map((s) => (s.slug === 'relations-bilaterales' ? { ...s, name: 'Relations avec la Chine', aliases: ['Relations bilatérales'] } : s))));
    const rerendered = await lane(path);
    expect(rerendered.headers.etag).not.toBe(corrected.headers.etag);
    expect(rerendered.body.toString()).toContain('Relations avec la Chine');

    await t.deliver(withdrawal(event.data.articleId));
    expect((await lane(path)).status).toBe(410);
    expect(expressHits).toContain(path);
  });

  it('never serves a page under embargo early, and redirects an old slug once public', async () => {
    const event = approval({ title: 'Voie rapide : titre provisoire', publishAt: new Date(clock.now().getTime() + 60_000).toISOString() });
    await t.deliver(event);
    const provisional = await slugOf(event.data.articleId);
    expect((await lane(`/articles/${provisional}`)).status).toBe(404);
    await t.deliver(approval({ articleId: event.data.articleId, revision: 2, title: 'Voie rapide : titre définitif', publishAt: event.data.publishAt }));
    const slug = await slugOf(event.data.articleId);
    expect((await lane(`/articles/${slug}`)).status).toBe(404);

    clock.advance(59_999);
    expect(await t.tick()).toBe(0);
    expect((await lane(`/articles/${slug}`)).status).toBe(404);
    clock.advance(1);
    expect(await t.tick()).toBe(1);
    expect((await lane(`/articles/${slug}`)).status).toBe(200);
    const moved = await lane(`/articles/${provisional}`);
    expect([moved.status, moved.headers.location]).toEqual([301, `/articles/${slug}`]);
  });

  it('keeps the live revision while a later one waits, and serves the later one as soon as it is published', async () => {
    const { event, slug } = await publish({ title: 'Voie rapide : révision en attente', paragraphs: ['Version en ligne.'] });
    const path = `/articles/${slug}`;
    const publishAt = new Date(clock.now().getTime() + 60_000).toISOString();
    await t.deliver(approval({ articleId: event.data.articleId, revision: 2, title: event.data.title, paragraphs: ['Version sous embargo.'], publishAt }));
    expect((await lane(path)).body.toString()).toContain('Version en ligne.');
    clock.set(new Date(Date.parse(publishAt) - 1));
    await t.tick();
    const before = (await lane(path)).body.toString();
    expect(before).toContain('Version en ligne.');
    expect(before).not.toContain('Version sous embargo.');
    clock.set(publishAt);
    await t.tick();
    expect((await lane(path)).body.toString()).toContain('Version sous embargo.');
  });

  it('keeps nothing read while a change’s transaction is open: the old page until the commit, the new one after', async () => {
    const { event, slug } = await publish({ title: 'Voie rapide : transaction ouverte' });
    const pages = t.app.get(StoredPages);
    const dataSource = t.app.get<DataSource>(getDataSourceToken('publishing'));
    const before = await pages.live(slug);
    await dataSource.transaction(async (tx) => {
      await tx.query(`UPDATE publishing.article SET etag = 'changed-in-a-transaction', updated_at = now() WHERE id = $1`, [event.data.articleId]);
      pages.forget(slug, tx);
      // Another reader meanwhile sees the committed (old) page, which is not kept.
      expect((await pages.live(slug))?.page.etag).toBe(before?.page.etag);
      expect(pages.fresh(slug)).toBeUndefined();
    });
    expect(pages.fresh(slug)).toBeUndefined();
    expect((await lane(`/articles/${slug}`)).headers.etag).toBe('"changed-in-a-transaction"');
  });

  it('sees another replica’s withdrawal within a second (the bound on staleness across processes)', async () => {
    const { event, slug } = await publish({ title: 'Voie rapide : retrait ailleurs' });
    const path = `/articles/${slug}`;
    expect((await lane(path)).status).toBe(200);
    const withdrawnAt = performance.now();
    await other.deliver(withdrawal(event.data.articleId));
    await waitFor('the 410 in this replica', async () => (await lane(path)).status === 410, 5_000);
    // STORED_PAGE_FRESH_MS, plus a query and the polling (the machine is shared).
    expect(performance.now() - withdrawnAt).toBeLessThan(2_000);
  });
});
