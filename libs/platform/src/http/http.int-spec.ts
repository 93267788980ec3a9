import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { InjectRepository, getDataSourceToken } from '@nestjs/typeorm';
import { register } from 'prom-client';
import request from 'supertest';
import { Column, Entity, PrimaryGeneratedColumn, type DataSource, type MigrationInterface, type QueryRunner, type Repository } from 'typeorm';
import { testConfig } from '../testing';
import { DatabaseModule } from '../database/database.module';
import { createHttpApp } from './create-http-app';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

@Entity({ name: 'note' })
class Note {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column()
  body: string;
}

class CreateNote1700000000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE note (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body text NOT NULL)`);
    await q.query(`INSERT INTO note (body) VALUES ('hello')`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE note`);
  }
}

@Controller('notes')
class NotesController {
  constructor(@InjectRepository(Note, 'editorial') private readonly notes: Repository<Note>) {}

  @Get()
  async list() {
    return (await this.notes.find()).map((note) => note.body);
  }
}

const broker = { reachable: true };
const brokerCheck: ReadinessCheck = {
  name: 'broker',
  check: async () => (broker.reachable ? { ok: true } : { ok: false, detail: 'no broker at kafka:9092' }),
};

@Module({
  imports: [DatabaseModule.forService('editorial', { entities: [Note], migrations: [CreateNote1700000000001] })],
  controllers: [NotesController],
  providers: [{ provide: READINESS_CHECKS, useValue: brokerCheck }],
})
class EditorialAppModule {}

describe('createHttpApp', () => {
  let dataDir: string;
  let app: INestApplication;
  const logs: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'newsroom-http-'));
    const config = testConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
    app = await createHttpApp(EditorialAppModule, { service: 'editorial', config, logDestination: { write: (line: string) => void logs.push(line) } });
  });

  afterAll(async () => {
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens, with the module’s repositories wired to its migrated schema', async () => {
    const response = await request(await app.getUrl()).get('/notes').expect(200);
    expect(response.body).toEqual(['hello']);
    expect(response.headers['x-request-id']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('reports ready when the database and every registered check answer', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', checks: { database: { ok: true, detail: 'editorial' }, broker: { ok: true } } });
  });

  it('answers 503 with the failing check and why', async () => {
    broker.reachable = false;
    try {
      const response = await request(app.getHttpServer()).get('/health').expect(503);
      expect(response.body).toEqual({
        status: 'error',
        checks: { database: { ok: true, detail: 'editorial' }, broker: { ok: false, detail: 'no broker at kafka:9092' } },
      });
    } finally {
      broker.reachable = true;
    }
  });

  it('serves the OpenAPI document and its viewer', async () => {
    const json = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(json.body).toMatchObject({ openapi: expect.stringMatching(/^3\./), info: { title: 'Newsroom editorial' } });
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/health', '/notes']));
    await request(app.getHttpServer()).get('/api/docs').expect(200).expect('content-type', /html/);
  });

  it('times every request by route template and status, labelled with the process, beside the runtime’s metrics', async () => {
    const count = async (labels: string) => {
      const text = await register.metrics();
      return Number(new RegExp(`^newsroom_http_request_duration_seconds_count\\{${labels}\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    };
    const notes = 'app="editorial",method="GET",route="/notes",status="200"';
    // Nest's catch-all answers what no controller matched: its template, never the raw path, is the label.
    const missing = 'app="editorial",method="GET",route="/\\{\\*path\\}",status="404"';
    const before = { notes: await count(notes), missing: await count(missing) };

    await request(app.getHttpServer()).get('/notes').expect(200);
    await request(app.getHttpServer()).get('/notes').expect(200);
    await request(app.getHttpServer()).get('/no/such/page/42').expect(404);

    expect(await count(notes)).toBe(before.notes + 2);
    expect(await count(missing)).toBe(before.missing + 1);
    const text = await register.metrics();
    expect(text).not.toContain('/no/such/page');
    expect(text).toMatch(/^process_resident_memory_bytes\{app="editorial"\} \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{app="editorial"\}/m);
  });

  it('writes JSON logs', () => {
    const lines = logs.map((line) => JSON.parse(line));
    expect(lines).toContainEqual(expect.objectContaining({ service: 'editorial', msg: expect.stringMatching(/^editorial listening on http/) }));
  });

  it('reports the database down when a DataSource stops answering', async () => {
    await app.get<DataSource>(getDataSourceToken('editorial')).destroy();
    const response = await request(app.getHttpServer()).get('/health').expect(503);
    expect(response.body.checks.database).toEqual({ ok: false, detail: expect.stringMatching(/^editorial: /) });
  });
});
