import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestingModule } from '@nestjs/testing';
import { Test } from '@nestjs/testing';
import { getDataSourceToken, getRepositoryToken } from '@nestjs/typeorm';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  type DataSource,
  type MigrationInterface,
  type QueryRunner,
  type Repository,
} from 'typeorm';
import type { DatabaseConfig } from './service-data-source';
import { ConfigModule } from '../config/config.module';
import { testConfig } from '../testing';
import { createTestDatabase } from '@newsroom/messaging/testing';
import { DatabaseModule } from './database.module';

@Entity({ name: 'article' })
class Article {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  title: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

class CreateArticle1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE article (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), title text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE article`);
  }
}

@Entity({ name: 'page' })
class Page {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  slug: string;
}

class CreatePage1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE page (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), slug text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE page`);
  }
}

class Broken1700000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE half_done (id int)`);
    await q.query(`ALTER TABLE no_such_table ADD COLUMN x int`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE half_done`);
  }
}

const bothServices = [
  DatabaseModule.forService('editorial', { entities: [Article], migrations: [CreateArticle1700000000001] }),
  DatabaseModule.forService('publishing', { entities: [Page], migrations: [CreatePage1700000000001] }),
];

const drivers: Array<[string, () => Promise<{ config: DatabaseConfig; cleanUp(): Promise<void> }>]> = [
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      return { config: { DATABASE_URL: database.url, DATA_DIR: './unused' }, cleanUp: () => database.drop() };
    },
  ],
  [
    'PGlite',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'newsroom-db-'));
      return { config: { DATABASE_URL: undefined, DATA_DIR: dataDir }, cleanUp: () => rm(dataDir, { recursive: true, force: true }) };
    },
  ],
];

describe.each(drivers)('DatabaseModule on %s', (_driver, prepare) => {
  let config: DatabaseConfig;
  let cleanUp: () => Promise<void>;

  const start = (imports = bothServices) =>
    Test.createTestingModule({ imports: [ConfigModule.forRoot({ ...testConfig(), ...config }), ...imports] }).compile();

  beforeAll(async () => {
    ({ config, cleanUp } = await prepare());
  });

  afterAll(() => cleanUp());

  it('applies each service’s migrations in its own schema, with its own migrations table', async () => {
    const app = await start();
    try {
      const tables = await app
        .get<DataSource>(getDataSourceToken('editorial'))
        .query(
          `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`,
        );
      expect(tables.map((table: { name: string }) => table.name)).toEqual(['editorial.article', 'editorial.migrations', 'publishing.migrations', 'publishing.page']);
    } finally {
      await app.close();
    }
  });

  it('provides the repositories of a named DataSource', async () => {
    const app = await start();
    try {
      const articles = app.get<Repository<Article>>(getRepositoryToken(Article, 'editorial'));
      const saved = await articles.save(articles.create({ title: 'Budget vote' }));
      expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await articles.findOneByOrFail({ id: saved.id })).toEqual({ id: saved.id, title: 'Budget vote', createdAt: expect.any(Date) });
      expect(await app.get<Repository<Page>>(getRepositoryToken(Page, 'publishing')).count()).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('runs a migration once, across restarts', async () => {
    const app = await start();
    try {
      expect(await app.get<DataSource>(getDataSourceToken('editorial')).query(`SELECT name FROM editorial.migrations`)).toEqual([
        { name: 'CreateArticle1700000000001' },
      ]);
      expect(await app.get<Repository<Article>>(getRepositoryToken(Article, 'editorial')).count()).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('stops start-up at once on a failing migration, and keeps none of it', async () => {
    const started = Date.now();
    const broken = [DatabaseModule.forService('editorial', { entities: [Article], migrations: [CreateArticle1700000000001, Broken1700000000002] })];
    let app: TestingModule | undefined;
    await expect(
      start(broken).then((module) => {
        app = module;
      }),
    ).rejects.toThrow('relation "no_such_table" does not exist');
    await app?.close();
    expect(Date.now() - started).toBeLessThan(10_000);

    const healthy = await start();
    try {
      expect(await healthy.get<DataSource>(getDataSourceToken('editorial')).query(`SELECT to_regclass('editorial.half_done') AS half_done`)).toEqual([
        { half_done: null },
      ]);
    } finally {
      await healthy.close();
    }
  });
});
