import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase } from '@newsroom/messaging/testing';
import { pgliteDriver } from './pglite-driver';
import { openServiceDataSource, serviceDataSourceOptions } from './service-data-source';

class CreateCounter1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)`);
    await q.query(`INSERT INTO counter VALUES (1, 0)`);
    await q.query(`CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL UNIQUE)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE note`);
    await q.query(`DROP TABLE counter`);
  }
}

const database = { entities: [], migrations: [CreateCounter1700000000001] };

describe('PGlite driver', () => {
  let dataDir: string;
  let dataSource: DataSource;

  const open = (service: 'editorial' | 'publishing' = 'editorial') =>
    openServiceDataSource(serviceDataSourceOptions(service, database, { DATA_DIR: dataDir, DATABASE_URL: undefined }));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-pglite-'));
    dataSource = await open();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs concurrent transactions one after the other: no lost update', async () => {
    await dataSource.query(`UPDATE counter SET value = 0`);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        dataSource.transaction(async (tx) => {
          const [{ value }] = await tx.query(`SELECT value FROM counter WHERE id = 1`);
          await sleep(2);
          await tx.query(`UPDATE counter SET value = $1 WHERE id = 1`, [value + 1]);
        }),
      ),
    );
    expect(await dataSource.query(`SELECT value FROM counter`)).toEqual([{ value: 20 }]);
  });

  it('leaves nothing of a rolled-back transaction, and nobody sees its work meanwhile', async () => {
    const failing = dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO note (body) VALUES ('draft')`);
      await sleep(50);
      throw new Error('changed my mind');
    });
    const seenMeanwhile = sleep(10).then(() => dataSource.query(`SELECT count(*)::int AS n FROM note`));

    await expect(failing).rejects.toThrow('changed my mind');
    expect(await seenMeanwhile).toEqual([{ n: 0 }]);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM note`)).toEqual([{ n: 0 }]);
  });

  it('rolls back a transaction whose connection is released without commit', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    await runner.query(`INSERT INTO note (body) VALUES ('abandoned')`);
    await runner.release();

    expect(await dataSource.query(`SELECT count(*)::int AS n FROM note`)).toEqual([{ n: 0 }]);
    await dataSource.query(`INSERT INTO note (body) VALUES ('kept')`);
    expect(await dataSource.query(`SELECT body FROM note`)).toEqual([{ body: 'kept' }]);
    await dataSource.query(`DELETE FROM note`);
  });

  it('reports a database error and goes on', async () => {
    await dataSource.query(`INSERT INTO note (body) VALUES ('once')`);
    await expect(dataSource.query(`INSERT INTO note (body) VALUES ('once')`)).rejects.toMatchObject({ code: '23505' });
    await expect(dataSource.transaction((tx) => tx.query(`SELECT 1 / 0`))).rejects.toMatchObject({ code: '22012' });
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM note`)).toEqual([{ n: 1 }]);
    await dataSource.query(`DELETE FROM note`);
  });

  it('gives up waiting for a session held too long, with the reason', async () => {
    const { Pool } = pgliteDriver({ dataDir: join(dataDir, 'pglite'), searchPath: 'editorial' });
    const pool = new Pool({ connectionTimeoutMillis: 100 });
    const holder = await pool.connect();
    try {
      await expect(pool.connect()).rejects.toThrow(/PGlite session busy for 100 ms/);
    } finally {
      holder.release();
      await pool.end();
    }
    expect(await dataSource.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  it('serves several services from one session, each in its own schema', async () => {
    const publishing = await open('publishing');
    try {
      await publishing.query(`UPDATE counter SET value = 7`);
      const [editorialSide, publishingSide] = await Promise.all([
        dataSource.query(`SELECT current_schema() AS schema, value FROM counter`),
        publishing.query(`SELECT current_schema() AS schema, value FROM counter`),
      ]);
      expect(editorialSide).toEqual([{ schema: 'editorial', value: 20 }]);
      expect(publishingSide).toEqual([{ schema: 'publishing', value: 7 }]);
    } finally {
      await publishing.destroy();
    }
    expect(await dataSource.query(`SELECT value FROM counter`)).toEqual([{ value: 20 }]);
  });

  it('keeps the data across close and reopen, without running migrations again', async () => {
    await dataSource.query(`INSERT INTO note (body) VALUES ('persisted')`);
    await dataSource.destroy();

    dataSource = await open();
    expect(await dataSource.query(`SELECT body FROM note`)).toEqual([{ body: 'persisted' }]);
    expect(await dataSource.query(`SELECT name FROM editorial.migrations`)).toEqual([{ name: 'CreateCounter1700000000001' }]);
  });

  it('reopens a directory only once its previous session has closed', async () => {
    const closing = dataSource.destroy();
    dataSource = await open();
    await closing;
    expect(await dataSource.query(`SELECT body FROM note`)).toEqual([{ body: 'persisted' }]);
  });

  it('returns rows exactly as pg does from PostgreSQL', async () => {
    const sql = `SELECT 9007199254740993::int8 AS big, 2::int4 AS small, 1.50::numeric AS exact, 0.5::float8 AS float, true AS flag,
      '2024-05-01 12:34:56.789+02'::timestamptz AS at, '2024-05-01 12:34:56'::timestamp AS local, '2024-05-01'::date AS day,
      '{"a": [1, "x"]}'::jsonb AS doc, '{"b": null}'::json AS raw, ARRAY['x', 'y'] AS tags, ARRAY[1, 2]::int8[] AS ids,
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS id, '\\x0102'::bytea AS bin, '1 day'::interval AS span, NULL::text AS nothing,
      $1::text AS param, $2::jsonb AS param_doc`;
    const params = ['é ✓', JSON.stringify({ c: 1 })];
    const fromPglite = await dataSource.query(sql, params);

    const postgres = await createTestDatabase();
    const viaPg = await openServiceDataSource(serviceDataSourceOptions('editorial', database, { DATA_DIR: dataDir, DATABASE_URL: postgres.url }));
    try {
      expect(fromPglite).toEqual(await viaPg.query(sql, params));
    } finally {
      await viaPg.destroy();
      await postgres.drop();
    }
    expect(fromPglite[0]).toMatchObject({ big: '9007199254740993', exact: '1.50', doc: { a: [1, 'x'] }, param_doc: { c: 1 } });
    expect(fromPglite[0].at).toEqual(new Date('2024-05-01T10:34:56.789Z'));
  });
});
