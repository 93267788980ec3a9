// Black-box smoke test of both deployments: the built apps of dist/ run as child processes and are
// talked to over HTTP only; PostgreSQL is inspected with psql and Kafka with one Metadata request.
// Nothing of the services' code is imported, only the contracts (service and topic names).
import { allTopics, SERVICES, type ServiceName } from '@newsroom/contracts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, databaseUrl, ensureBuilt, freePort, get, POSTGRES_URL, psql, START_TIMEOUT_MS, waitHealthy, within } from './support/processes';

/**
 * The topics on the broker, from one Metadata request (v4: all topics, auto-creation off, so asking creates
 * nothing) written with node:net, since the e2e suite imports no Kafka client.
 */
async function kafkaTopics(brokers: string): Promise<Map<string, { error: number; partitions: number }>> {
  const [host, port] = brokers.split(',')[0].trim().split(':');
  const clientId = Buffer.from('newsroom-e2e');
  const request = Buffer.alloc(4 + 2 + 2 + 4 + 2 + clientId.length + 4 + 1);
  let at = request.writeInt32BE(request.length - 4, 0);
  at = request.writeInt16BE(3, at); // api key: Metadata
  at = request.writeInt16BE(4, at); // api version
  at = request.writeInt32BE(1, at); // correlation id
  at = request.writeInt16BE(clientId.length, at);
  at += clientId.copy(request, at);
  at = request.writeInt32BE(-1, at); // topics: null, i.e. all
  request.writeInt8(0, at); // allow_auto_topic_creation: false

  const response = await new Promise<Buffer>((resolve, reject) => {
    const socket = createConnection({ host, port: Number(port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no Metadata answer from ${brokers}`)));
    socket.once('error', reject);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const all = Buffer.concat(chunks);
      if (all.length >= 4 && all.length >= 4 + all.readInt32BE(0)) {
        socket.end();
        resolve(all.subarray(4, 4 + all.readInt32BE(0)));
      }
    });
    socket.write(request);
  });

  let offset = 0;
  const int8 = () => response.readInt8((offset += 1) - 1);
  const int16 = () => response.readInt16BE((offset += 2) - 2);
  const int32 = () => response.readInt32BE((offset += 4) - 4);
  const string = () => {
    const length = int16();
    if (length < 0) return null;
    return response.toString('utf8', offset, (offset += length));
  };
  const array = <T>(item: () => T): T[] => Array.from({ length: Math.max(int32(), 0) }, item);

  expect(int32()).toBe(1); // correlation id
  int32(); // throttle_time_ms
  array(() => [int32(), string(), int32(), string()]); // brokers: node_id, host, port, rack
  string(); // cluster_id
  int32(); // controller_id
  const topics = array(() => {
    const error = int16();
    const name = string() ?? '';
    int8(); // is_internal
    const partitions = array(() => [int16(), int32(), int32(), array(int32), array(int32)]); // error, index, leader, replicas, isr
    return [name, { error, partitions: partitions.length }] as const;
  });
  return new Map(topics);
}

const entry = (app: ServiceName | 'standalone') => `dist/apps/${app}/src/main.js`;
const apps: App[] = [];
const started = (app: App) => (apps.push(app), app);

beforeAll(() => ensureBuilt(), 120_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.kill()));
});

describe('standalone host (npm start)', () => {
  let dataDir: string;
  let port: number;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'newsroom-e2e-'));
    port = await freePort();
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const startStandalone = () => started(new App('standalone', entry('standalone'), { PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: undefined, KAFKA_BROKERS: undefined }));

  it('starts on an empty DATA_DIR, healthy: the four schemas and the local delivery; OpenAPI served; exits 0 on SIGTERM', async () => {
    const app = startStandalone();
    const health = await waitHealthy(app, port);
    expect(health.status).toBe('ok');
    expect(health.checks.database.ok).toBe(true);
    expect(health.checks.database.detail?.split(', ').sort()).toEqual([...SERVICES].sort());
    expect(health.checks.broker.ok).toBe(true);

    const docs = await get(`http://127.0.0.1:${port}/api/docs`);
    expect([docs.status, docs.type]).toEqual([200, expect.stringContaining('text/html')]);
    const openApi = await get(`http://127.0.0.1:${port}/api/docs-json`);
    expect(openApi.status).toBe(200);
    expect(Object.keys((openApi.body as { paths: object }).paths)).toEqual(expect.arrayContaining(['/health', '/admin/dead-letters']));

    // Graceful: Nest closes the databases, then the process ends by itself with 0 (not killed by the signal).
    expect([await app.stop('SIGTERM'), app.tail()]).toEqual([{ code: 0, signal: null }, app.tail()]);
  }, 90_000);

  it('restarts on the same DATA_DIR and is healthy again (its migrations, already applied, are not run twice)', async () => {
    // The first migration creates its tables without IF NOT EXISTS: running it again would fail the start-up.
    const app = startStandalone();
    const health = await waitHealthy(app, port);
    expect(health.checks.database).toEqual({ ok: true, detail: expect.any(String) });
    expect(app.stdout + app.stderr).not.toMatch(/"level":"(error|fatal)"/);
    expect([await app.stop('SIGTERM'), app.tail()]).toEqual([{ code: 0, signal: null }, app.tail()]);
  }, 90_000);
});

describe('distributed services (one process each, PostgreSQL and Kafka)', () => {
  const database = `newsroom_e2e_${process.pid}_${randomBytes(3).toString('hex')}`;
  const url = databaseUrl(database);
  const operatorToken = randomBytes(24).toString('hex');
  const appSecret = randomBytes(32).toString('hex');
  const brokers = process.env.KAFKA_BROKERS ?? '';
  const ports = {} as Record<ServiceName, number>;
  const services = {} as Record<ServiceName, App>;
  let created = false;

  beforeAll(async () => {
    expect(brokers).not.toBe(''); // set by tests/setup/kafka.global-setup.ts
    await psql(POSTGRES_URL, `CREATE DATABASE "${database}"`);
    created = true;
    for (const service of SERVICES) ports[service] = await freePort();
    for (const service of SERVICES) {
      services[service] = started(
        new App(service, entry(service), {
          PORT: String(ports[service]),
          DATABASE_URL: url,
          KAFKA_BROKERS: brokers,
          OPERATOR_TOKEN: operatorToken,
          APP_SECRET: appSecret,
          PUBLIC_URL: `http://localhost:${ports.publishing}`,
          DATA_DIR: undefined,
        }),
      );
    }
  }, 30_000);

  afterAll(async () => {
    await Promise.all(Object.values(services).map((app) => app.kill()));
    if (created) await psql(POSTGRES_URL, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }, 30_000);

  it('every service becomes healthy: its own schema reachable, the broker answering', async () => {
    const reports = await Promise.all(SERVICES.map((service) => waitHealthy(services[service], ports[service])));
    SERVICES.forEach((service, i) => {
      expect([service, reports[i]]).toEqual([
        service,
        { status: 'ok', checks: { database: { ok: true, detail: service }, broker: { ok: true, detail: expect.any(String) } } },
      ]);
    });
  }, 90_000);

  it('each service migrated its own schema: outbox, inbox, dead_letter and its own migrations table; nothing in public', async () => {
    const rows = await psql(
      url,
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const tablesOf = (schema: string) => rows.filter(([s]) => s === schema).map(([, table]) => table);
    expect([...new Set(rows.map(([schema]) => schema))].sort()).toEqual([...SERVICES].sort());
    expect(tablesOf('public')).toEqual([]);
    for (const service of SERVICES) {
      expect([service, tablesOf(service)]).toEqual([service, expect.arrayContaining(['dead_letter', 'inbox', 'migrations', 'outbox'])]);
      const migrations = await psql(url, `SELECT name FROM "${service}".migrations`);
      expect([service, migrations.flat()]).toEqual([service, expect.arrayContaining([expect.stringMatching(/^MessagingTables\d+$/)])]);
    }
  });

  it('the topics of the catalogue, dead-letter topics included, exist on the broker', async () => {
    // Each service creates the topics it produces, consumes and parks on at start-up (its consumers do not
    // auto-create). On a broker shared with earlier runs they may predate this one: the check is then weaker.
    const topics = await kafkaTopics(brokers);
    for (const topic of allTopics()) {
      expect([topic, topics.get(topic)]).toEqual([topic, { error: 0, partitions: expect.any(Number) }]);
      expect(topics.get(topic)?.partitions).toBeGreaterThan(0);
    }
  });

  it('the operator endpoint lists no dead letters with the token, and refuses without it', async () => {
    for (const service of SERVICES) {
      const base = `http://127.0.0.1:${ports[service]}/admin/dead-letters`;
      const withToken = await get(base, { authorization: `Bearer ${operatorToken}` });
      expect([service, withToken.status, withToken.body]).toEqual([service, 200, { deadLetters: [] }]);
      expect([service, (await get(base)).status]).toEqual([service, 401]);
      expect([service, (await get(base, { authorization: `Bearer ${'0'.repeat(operatorToken.length)}` })).status]).toEqual([service, 401]);
    }
  });

  it('every service exits 0 on SIGTERM, within 10 s', async () => {
    const exits = await Promise.all(SERVICES.map((service) => services[service].stop('SIGTERM')));
    SERVICES.forEach((service, i) => expect([service, exits[i], services[service].tail(5)]).toEqual([service, { code: 0, signal: null }, services[service].tail(5)]));
  }, 30_000);
});

describe('a service with a wrong environment', () => {
  it('exits with code 1 before listening, and stderr names PORT and DATABASE_URL', async () => {
    const app = started(
      new App('editorial (misconfigured)', entry('editorial'), { PORT: 'abc', DATABASE_URL: undefined, KAFKA_BROKERS: '127.0.0.1:9092', OPERATOR_TOKEN: undefined }),
    );
    const exit = await within(app.exited, START_TIMEOUT_MS);
    expect([exit, app.tail()]).toEqual([{ code: 1, signal: null }, app.tail()]);
    expect(app.stderr).toMatch(/\bPORT\b.*abc/);
    expect(app.stderr).toMatch(/\bDATABASE_URL\b.*not set/);
    expect(app.stderr).not.toMatch(/KAFKA_BROKERS/);
    expect(app.stdout).not.toMatch(/listening on/);
  });
});
