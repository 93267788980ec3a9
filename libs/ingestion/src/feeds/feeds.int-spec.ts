import { Module, type INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { MessagingModule } from '@newsroom/messaging';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { createHttpApp, issueSessionToken, type BaseConfig } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { IngestionModule } from '../ingestion.module';


@Module({ imports: [MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50 }), IngestionModule] })
class TestApp {}

interface Item {
  guid: string;
  title: string;
  date: string;
  html: string;
}

/** A press office's RSS feed on a local HTTP server: ETag, conditional GET, and a switch to answer 500. */
class FeedServer {
  items: Item[] = [];
  etag = '"v1"';
  failing = false;
  readonly requests: IncomingHttpHeaders[] = [];
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(req.headers);
      if (this.failing) {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end('panne');
        return;
      }
      if (req.headers['if-none-match'] === this.etag) {
        res.writeHead(304, { ETag: this.etag }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: this.etag }).end(this.xml());
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/presse/rss.xml`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private xml(): string {
    const items = this.items
      .map((i) => `<item><title>${i.title}</title><guid>${i.guid}</guid><pubDate>${i.date}</pubDate><description><![CDATA[${i.html}]]></description></item>`)
      .join('\n');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Ambassade de Valdoria</title><link>https://valdoria.example</link>\n${items}\n</channel></rss>`;
  }
}

describe('/api/ingestion/feeds (IngestionModule on PostgreSQL, a local feed server)', () => {
  let db: TestDatabase;
  let config: BaseConfig;
  let app: INestApplication;
  const server = new FeedServer();
  let feedUrl: string;
  let editor: string;
  let contributor: string;

  beforeAll(async () => {
    feedUrl = await server.start();
    db = await createTestDatabase('ingestion_feeds_test');
    // The poller looks for due feeds every 100 ms here (5 s by default).
    config = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', FEED_POLL_MS: '100' });
    app = await createHttpApp(TestApp, { service: 'ingestion', config, logDestination: { write: () => undefined } });
    const actor = (role: 'editor' | 'contributor') => ({ id: randomUUID(), email: `${role}@valdoria.example`, name: role, role, sid: randomUUID() });
    editor = `Bearer ${issueSessionToken(config.APP_SECRET, actor('editor'))}`;
    contributor = `Bearer ${issueSessionToken(config.APP_SECRET, actor('contributor'))}`;
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await server.stop();
  });

  const http = () => request(app.getHttpServer());
  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
    app.get<DataSource>(getDataSourceToken('ingestion')).query(query, params);
  const feedCommuniques = () =>
    sql<{ id: string; title: string; source_name: string; received_by: string; published_on: string }>(
      `SELECT id, title, source_name, received_by, published_on::text FROM ingestion.communique WHERE source_kind = 'feed' ORDER BY received_at, title`,
    );
  let feedId: string;

  it('refuses anonymous callers (401) and contributors (403) on every route', async () => {
    const id = randomUUID();
    const routes = [
      () => http().post('/api/ingestion/feeds').send({ url: feedUrl }),
      () => http().get('/api/ingestion/feeds'),
      () => http().delete(`/api/ingestion/feeds/${id}`),
      () => http().post(`/api/ingestion/feeds/${id}/poll`),
    ];
    for (const route of routes) {
      await route().expect(401);
      await route().set('Authorization', contributor).expect(403);
    }
    expect(await sql(`SELECT id FROM ingestion.feed`)).toEqual([]);
  });

  it('refuses a bad feed with 400: not http(s), interval out of 60–86400 s', async () => {
    for (const body of [{ url: 'ftp://valdoria.example/flux' }, { url: 'pas une adresse' }, {}, { url: feedUrl, intervalSeconds: 30 }, { url: feedUrl, intervalSeconds: 86_401 }]) {
      const response = await http().post('/api/ingestion/feeds').set('Authorization', editor).send(body).expect(400);
      expect(response.body.message).toMatch(/^Flux invalide : /);
    }
  });

  it('registers a feed (201); the poller reads it soon: each entry a communiqué, announced in the outbox', async () => {
    server.items = [
      { guid: 'cp-1', title: 'Fermeture du consulat le 1er mai', date: 'Mon, 29 Apr 2024 09:30:00 +0200', html: '<p>Le consulat général sera fermé le 1er mai 2024 en raison de la fête du Travail.</p>' },
      { guid: 'cp-2', title: 'Visite du ministre à Genève', date: 'Fri, 26 Apr 2024 18:00:00 +0200', html: '<p>Le ministre des Affaires étrangères s’est entretenu à Genève avec le directeur général de l’OMS.</p>' },
    ];
    const created = await http().post('/api/ingestion/feeds').set('Authorization', editor).send({ url: feedUrl, intervalSeconds: 900 }).expect(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), url: feedUrl, intervalSeconds: 900, enabled: true, lastPolledAt: null });
    feedId = created.body.id;
    await http().post('/api/ingestion/feeds').set('Authorization', editor).send({ url: feedUrl }).expect(409);

    const communiques = await waitFor('two communiqués from the feed', async () => {
      const rows = await feedCommuniques();
      return rows.length === 2 ? rows : undefined;
    });
    expect(communiques.map((c) => c.title).sort()).toEqual(['Fermeture du consulat le 1er mai', 'Visite du ministre à Genève']);
    expect(communiques.map((c) => c.published_on).sort()).toEqual(['2024-04-26', '2024-04-29']);
    expect(communiques.every((c) => c.source_name === 'Ambassade de Valdoria' && c.received_by === 'feed')).toBe(true);
    const outbox = await sql<{ message_key: string; event_type: string }>(`SELECT message_key, event_type FROM ingestion.outbox ORDER BY seq`);
    expect(outbox.filter((o) => o.event_type === 'ingestion.communique.received').map((o) => o.message_key).sort()).toEqual(communiques.map((c) => c.id).sort());
    expect(await sql(`SELECT entry_key, communique_id FROM ingestion.feed_entry WHERE feed_id = $1 ORDER BY entry_key`, [feedId])).toEqual([
      { entry_key: 'cp-1', communique_id: expect.any(String) },
      { entry_key: 'cp-2', communique_id: expect.any(String) },
    ]);

    const [listed] = (await http().get('/api/ingestion/feeds').set('Authorization', editor).expect(200)).body;
    expect(listed).toMatchObject({ id: feedId, title: 'Ambassade de Valdoria', lastStatus: 200, lastError: null, failures: 0 });
    expect(Date.parse(listed.nextPollAt) - Date.now()).toBeGreaterThan(800_000);
  });

  it('polls again with If-None-Match: 304, nothing ingested, only last_polled_at moves', async () => {
    const [before] = await sql<{ last_polled_at: Date; etag: string }>(`SELECT last_polled_at, etag FROM ingestion.feed WHERE id = $1`, [feedId]);
    expect(before.etag).toBe('"v1"');
    const seen = server.requests.length;
    const response = await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(200);
    expect(response.body).toEqual({ status: 304, newEntries: 0, ingested: 0, rejected: 0, error: null });
    expect(server.requests.slice(seen).map((h) => h['if-none-match'])).toEqual(['"v1"']);
    const [after] = await sql<{ last_polled_at: Date; etag: string; last_status: number }>(`SELECT last_polled_at, etag, last_status FROM ingestion.feed WHERE id = $1`, [feedId]);
    expect(after.last_polled_at.getTime()).toBeGreaterThan(before.last_polled_at.getTime());
    expect(after).toMatchObject({ etag: '"v1"', last_status: 200 });
    expect(await feedCommuniques()).toHaveLength(2);
  });

  it('ingests only the new entry; an entry the ingestion rejects is recorded as seen, without communiqué, and never retried', async () => {
    server.items.unshift(
      { guid: 'cp-3', title: 'Journée portes ouvertes', date: 'Tue, 30 Apr 2024 08:00:00 +0200', html: '<p>La résidence de l’ambassadeur ouvre ses portes au public le samedi 8 juin.</p>' },
      { guid: 'cp-vide', title: '', date: 'Tue, 30 Apr 2024 09:00:00 +0200', html: '' },
    );
    server.etag = '"v2"';
    const response = await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(200);
    expect(response.body).toEqual({ status: 200, newEntries: 2, ingested: 1, rejected: 1, error: null });
    expect((await feedCommuniques()).map((c) => c.title)).toContain('Journée portes ouvertes');
    expect(await feedCommuniques()).toHaveLength(3);
    expect(await sql(`SELECT communique_id FROM ingestion.feed_entry WHERE feed_id = $1 AND entry_key = 'cp-vide'`, [feedId])).toEqual([{ communique_id: null }]);

    server.etag = '"v3"';
    const again = await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(200);
    expect(again.body).toEqual({ status: 200, newEntries: 0, ingested: 0, rejected: 0, error: null });
    expect(await feedCommuniques()).toHaveLength(3);
  });

  it('records a 500 and backs off: the interval doubled for each failure in a row', async () => {
    server.failing = true;
    const first = await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(200);
    expect(first.body).toMatchObject({ status: 500, newEntries: 0, error: 'Le serveur du flux a répondu 500.' });
    const [listed] = (await http().get('/api/ingestion/feeds').set('Authorization', editor).expect(200)).body;
    expect(listed).toMatchObject({ lastStatus: 500, lastError: 'Le serveur du flux a répondu 500.', failures: 1 });
    const wait = (feed: { nextPollAt: string; lastPolledAt: string }) => (Date.parse(feed.nextPollAt) - Date.parse(feed.lastPolledAt)) / 1000;
    expect(wait(listed)).toBeCloseTo(1800, -1);

    await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(200);
    const [twice] = (await http().get('/api/ingestion/feeds').set('Authorization', editor).expect(200)).body;
    expect(twice.failures).toBe(2);
    expect(wait(twice)).toBeCloseTo(3600, -1);

    server.failing = false;
    const recovered = await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(200);
    expect(recovered.body.status).toBe(304);
    const [ok] = (await http().get('/api/ingestion/feeds').set('Authorization', editor).expect(200)).body;
    expect(ok).toMatchObject({ failures: 0 });
  });

  it('deletes a feed (204) and its seen entries; the communiqués stay; 404 after, 400 on a bad id', async () => {
    await http().delete(`/api/ingestion/feeds/${feedId}`).set('Authorization', editor).expect(204);
    await http().delete(`/api/ingestion/feeds/${feedId}`).set('Authorization', editor).expect(404);
    await http().post(`/api/ingestion/feeds/${feedId}/poll`).set('Authorization', editor).expect(404);
    await http().post(`/api/ingestion/feeds/pas-un-uuid/poll`).set('Authorization', editor).expect(400);
    expect(await sql(`SELECT 1 FROM ingestion.feed_entry WHERE feed_id = $1`, [feedId])).toEqual([]);
    expect(await feedCommuniques()).toHaveLength(3);
  });
});
