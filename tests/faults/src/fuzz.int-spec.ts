// Fuzzing the edges: the four services in one process as `npm start` runs them (createHttpApp, the local delivery),
// on the real PostgreSQL. fast-check throws malformed requests at every route the app has registered — found in its
// own router, so a new route is fuzzed without touching this file — anonymously, with a made-up token and with a
// real administrator's token; then malformed messages at every topic a service consumes. No request may get a 5xx,
// the process must stay healthy, every bad message must be parked as a dead letter with its reason, and a real
// communiqué must still travel from ingestion to a draft afterwards.
import { Module, type INestApplication } from '@nestjs/common';
import { allTopics, EVENTS, SERVICES, topicOf, topicsConsumedBy, type EventType, type ServiceName } from '@newsroom/contracts';
import { EditorialModule } from '@newsroom/editorial';
import { IngestionModule } from '@newsroom/ingestion';
import { MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { NewsletterModule } from '@newsroom/newsletter';
import { createHttpApp, loadConfig, standaloneConfigSchema } from '@newsroom/platform';
import { PublishingModule } from '@newsroom/publishing';
import fc from 'fast-check';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ADMIN_EMAIL = 'fuzz-admin@example.org';
const ADMIN_PASSWORD = `fuzz-${randomBytes(12).toString('base64url')}`;
const OPERATOR_TOKEN = randomBytes(24).toString('hex');
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);
const MESSAGES_PER_TOPIC = Number(process.env.FUZZ_MESSAGES ?? 40);
/** What no test should log in: these end the administrator's own session (they are fuzzed anonymously). */
const SESSION_ENDING = new Set(['DELETE /api/editorial/session', 'POST /admin/logout']);

interface Route {
  method: string;
  path: string;
}

interface Failure {
  request: string;
  status: number | string;
  body: string;
}

/* ------------------------------------------------------------------ inputs */

const nasty = fc.constantFrom(
  '',
  ' ',
  '..',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\r\nX-Injected: 1',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '${jndi:ldap://x}',
  '9'.repeat(40),
  '-1',
  'null',
  '[]',
  '{}',
  'é'.repeat(3000),
  '\uD800',
  'a'.repeat(20_000),
);
const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 100 }), fc.string({ unit: 'binary', maxLength: 100 }), nasty);
const param = fc.oneof(fc.uuid(), text, fc.integer().map(String));
const query = fc.dictionary(fc.oneof(fc.constantFrom('q', 'page', 'token', 'lang', 'format', 'limit', 'state', 'section', 'email'), fc.string({ maxLength: 20 })), fc.oneof(text, fc.array(text, { maxLength: 3 })), {
  maxKeys: 4,
});

type Body = { contentType?: string; body?: string | Buffer };
const body: fc.Arbitrary<Body> = fc.oneof(
  fc.constant({}),
  fc.jsonValue().map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) ?? 'null' })),
  fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 3 })).map((v) => ({ contentType: 'application/json', body: JSON.stringify(v) })),
  text.map((v) => ({ contentType: 'application/json', body: v })),
  fc.dictionary(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('email', 'name', 'note', 'title', 'body', 'csrf', '_csrf', 'friend', 'password', 'nonce', 'website')), text, { maxKeys: 6 }).map((v) => ({
    contentType: 'application/x-www-form-urlencoded',
    body: new URLSearchParams(Object.entries(v).map(([k, x]): [string, string] => [k, String(x)])).toString(),
  })),
  text.map((v) => ({ contentType: 'text/plain; charset=utf-8', body: v })),
  text.map((v) => ({ contentType: 'text/html', body: `<html><body>${v}</body></html>` })),
  fc.uint8Array({ maxLength: 2000 }).map((v) => ({ contentType: 'application/octet-stream', body: Buffer.from(v) })),
  fc.constantFrom<Body>(
    { contentType: 'application/json', body: `${'['.repeat(50_000)}${']'.repeat(50_000)}` },
    { contentType: 'application/json', body: JSON.stringify({ a: 'x'.repeat(6 * 1024 * 1024) }) },
    { contentType: 'text/plain', body: 'x'.repeat(6 * 1024 * 1024) },
    { contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc\r\n--zz--\r\n' },
    { contentType: 'multipart/form-data; boundary=zz', body: '--zz\r\nbroken' },
    { contentType: 'application/json; charset=utf-16', body: '{"a":1}' },
    { contentType: 'application/x-www-form-urlencoded', body: '%E0%A4%A=1&&&=&a[b][c][d][e][f]=1' },
  ),
);

/** encodeURIComponent throws on an unpaired surrogate, which no client could send as UTF-8 anyway. */
const encode = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

/** `/articles/:slug/share` with every `:name` (and a trailing `{*path}`) filled in. */
function fill(template: string, values: string[]): string {
  let i = 0;
  return template.replace(/:(\w+)|\{\*\w+\}/g, () => encode(values[i++ % values.length] ?? 'x'));
}

/* ------------------------------------------------------------------ the app */

function routesOf(app: INestApplication): Route[] {
  const express = app.getHttpAdapter().getInstance() as { router?: { stack: unknown[] }; _router?: { stack: unknown[] } };
  const stack = (express.router ?? express._router)?.stack ?? [];
  const routes: Route[] = [];
  for (const layer of stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route || layer.route.path.startsWith('/api/docs') || layer.route.path.includes('{*')) continue;
    for (const method of Object.keys(layer.route.methods)) routes.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return routes;
}

describe('fuzzing every public endpoint and every consumer', () => {
  let db: TestDatabase;
  let dataDir: string;
  let app: INestApplication;
  let base: string;
  let adminToken: string;
  const failures: Failure[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('newsroom_fuzz');
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-fuzz-'));
    const env = { PORT: '3000', DATABASE_URL: db.url, DATA_DIR: dataDir, PUBLIC_URL: 'http://news.test', LOG_LEVEL: 'fatal', ADMIN_EMAIL, ADMIN_PASSWORD, OPERATOR_TOKEN };
    const config = { ...loadConfig(standaloneConfigSchema(3000), env), APP_SECRET: randomBytes(32).toString('base64url'), PORT: 0 };
    @Module({
      imports: [
        MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50, operatorToken: OPERATOR_TOKEN, retry: { maxAttempts: 2, initialBackoffMs: 5 } }),
        IngestionModule,
        EditorialModule,
        PublishingModule,
        NewsletterModule,
      ],
    })
    class FuzzedApp {}
    app = await createHttpApp(FuzzedApp, { service: 'standalone', config, logDestination: { write: () => true } as never });
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const session = await fetch(`${base}/api/editorial/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(session.status).toBe(200);
    adminToken = ((await session.json()) as { token: string }).token;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  async function send(route: Route, auth: 'anonymous' | 'forged' | 'admin', values: string[], q: Record<string, unknown>, b: Body): Promise<void> {
    const url = new URL(fill(route.path, values), base);
    for (const [key, value] of Object.entries(q)) for (const v of [value].flat()) url.searchParams.append(key, String(v));
    const headers: Record<string, string> = {};
    if (auth === 'forged') {
      headers.authorization = `Bearer ${values[0]?.slice(0, 200).replace(/[^\x20-\x7e]/g, '') ?? ''}`;
      headers.cookie = `newsroom_session=${encode(values[0] ?? '').slice(0, 500)}`;
    }
    if (auth === 'admin') headers.authorization = `Bearer ${adminToken}`;
    const withBody = !['GET', 'HEAD'].includes(route.method);
    if (withBody && b.contentType) headers['content-type'] = b.contentType;
    const described = `${auth} ${route.method} ${url.pathname.slice(0, 200)}${url.search.slice(0, 100)} ${b.contentType ?? ''} ${typeof b.body === 'string' ? b.body.length : (b.body?.length ?? 0)} bytes`;
    try {
      const response = await fetch(url, { method: route.method, headers, body: withBody ? b.body : undefined, redirect: 'manual', signal: AbortSignal.timeout(30_000) });
      const answer = await response.text();
      if (response.status >= 500) failures.push({ request: described, status: response.status, body: answer.slice(0, 300) });
    } catch (error) {
      failures.push({ request: described, status: 'no answer', body: String((error as Error).cause ?? error) });
    }
  }

  it('answers every malformed request to every route with a 2xx, 3xx or 4xx, never a 5xx, and stays healthy', async () => {
    const routes = routesOf(app);
    // The routes the suite knows to exist: if the router lookup broke, the fuzzing would be silently empty.
    expect(routes.length).toBeGreaterThan(60);
    expect(routes).toEqual(expect.arrayContaining([{ method: 'POST', path: '/api/ingestion/communiques' }, { method: 'POST', path: '/articles/:slug/share' }]));
    let requests = 0;
    for (const route of routes) {
      const modes = SESSION_ENDING.has(`${route.method} ${route.path}`) ? (['anonymous', 'forged'] as const) : (['anonymous', 'forged', 'admin'] as const);
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...modes), fc.array(param, { minLength: 1, maxLength: 3 }), query, body, async (auth, values, q, b) => {
          requests++;
          await send(route, auth, values, q, b);
        }),
        { numRuns: RUNS_PER_ROUTE, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
      );
    }
    expect(failures).toEqual([]);
    expect(requests).toBe(routes.length * RUNS_PER_ROUTE);
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
  });

  it('parks every malformed message on every consumed topic with its reason, and keeps consuming', async () => {
    const transport = app.get<Transport>(TRANSPORT);
    const consumersOf = (topic: string) => SERVICES.filter((service) => topicsConsumedBy(service).includes(topic));
    const openLetters = async (): Promise<{ consumer: string; error: string; topic: string }[]> => {
      const res = await fetch(`${base}/admin/dead-letters?limit=1000`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { deadLetters: { consumer: string; error: string; topic: string }[] }).deadLetters;
    };
    const before = (await openLetters()).length;

    const envelope = (types: string[]) =>
      fc.record(
        {
          id: fc.oneof(fc.uuid(), text),
          type: fc.oneof(fc.constantFrom(...types), text),
          version: fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 99 }), fc.string({ maxLength: 3 })),
          occurredAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text),
          aggregateId: fc.oneof(fc.uuid(), text),
          correlationId: fc.oneof(fc.uuid(), text),
          causationId: fc.oneof(fc.constant(null), fc.uuid()),
          data: fc.oneof(fc.jsonValue(), fc.dictionary(fc.string({ maxLength: 15 }), fc.jsonValue({ maxDepth: 2 }))),
        },
        { requiredKeys: [] },
      );
    const expected = new Map<ServiceName, number>();
    // A dead letter is one per distinct payload (a redelivery updates it): every message sent is a new one.
    const sent = new Set<string>();
    for (const topic of allTopics().filter((t) => consumersOf(t).length > 0)) {
      const types = Object.keys(EVENTS).filter((type) => topicOf(type as EventType) === topic);
      const messages = fc
        .sample(
          fc.oneof(
            text,
            fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
            envelope(types).map((e) => JSON.stringify(e)),
            fc.uuid().map((id) => JSON.stringify({ id, type: types[0], version: 1, data: { huge: 'x'.repeat(1024 * 1024) } })),
          ),
          MESSAGES_PER_TOPIC,
        )
        .filter((value) => !sent.has(value) && sent.add(value));
      for (const value of messages) {
        // The local delivery resolves once every consumer has recorded the message: a crash would reject here.
        await transport.publish([{ topic, key: randomUUID(), value, headers: { traceparent: 'garbage' } }]);
      }
      for (const service of consumersOf(topic)) expected.set(service, (expected.get(service) ?? 0) + messages.length);
    }

    const letters = await openLetters();
    expect(letters.length - before).toBe([...expected.values()].reduce((a, b) => a + b, 0));
    for (const service of expected.keys()) expect(letters.filter((l) => l.consumer === service).length).toBeGreaterThanOrEqual(expected.get(service) ?? 0);
    for (const letter of letters) expect(letter.error.length).toBeGreaterThan(10);

    // Still consuming: a real communiqué travels from ingestion to a draft.
    const title = `Essai après le bruit ${randomBytes(3).toString('hex')}`;
    const ingested = await fetch(`${base}/api/ingestion/communiques`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/plain; charset=utf-8' },
      body: `${title}\n\nLe 3 mars 2025, la mairie annonce la réouverture de la médiathèque après travaux.\n`,
    });
    expect(ingested.status).toBe(201);
    const { communiqueId } = (await ingested.json()) as { communiqueId: string };
    await waitFor('the draft of a valid communiqué after the noise', async () => {
      const res = await fetch(`${base}/api/editorial/articles?communiqueId=${communiqueId}`, { headers: { authorization: `Bearer ${adminToken}` } });
      return ((await res.json()) as { articles: unknown[] }).articles.length === 1;
    });
  });
});
