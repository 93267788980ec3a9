import { ForbiddenException, Injectable, Logger, Module, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule, getDataSourceToken } from '@nestjs/typeorm';
import type { AnyEvent } from '@newsroom/contracts';
import { Client } from 'pg';
import request from 'supertest';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingMigration } from '../migrations/messaging-tables';
import { Outbox } from '../outbox/outbox';
import { communique, waitFor } from '../testing/scenario';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { DeadLettersController } from './dead-letters.controller';
import { MessagingModule } from './messaging.module';
import { MessagingRegistry } from './messaging-registry';
import { OnEvent } from './on-event.decorator';

const TOKEN = 'operator-token-for-tests-0123456789';

class Drafts1700000000002 implements MigrationInterface {
  name = 'Drafts1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE editorial.drafts (id uuid PRIMARY KEY, title text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE editorial.drafts`);
  }
}

@Injectable()
class CommuniqueReceivedConsumer {
  broken = true;

  @OnEvent('ingestion.communique.received')
  async received(event: AnyEvent, tx: EntityManager): Promise<void> {
    if (event.type !== 'ingestion.communique.received') return;
    if (this.broken && event.data.title === 'poison') throw new Error('cannot open a draft for poison');
    await tx.query(`INSERT INTO editorial.drafts (id, title) VALUES ($1, $2)`, [event.data.communiqueId, event.data.title]);
  }
}

/** The value of the sample of `name` whose labels include `labels`, in Prometheus's text format (null: none). */
function samples(text: string, name: string, labels: Record<string, string>): number | null {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return null;
}

function database(service: 'ingestion' | 'editorial', url: () => string, migrations: (new () => MigrationInterface)[] = []) {
  return TypeOrmModule.forRootAsync({
    name: service,
    useFactory: () => ({
      name: service,
      type: 'postgres' as const,
      url: url(),
      schema: service,
      migrationsTableName: 'migrations',
      migrations: [createMessagingMigration(service), ...migrations],
      migrationsRun: true,
    }),
  });
}

/**
 * MessagingModule inside Nest, as the standalone host uses it: two services in one process, each with
 * its own outbox and consumer group, @OnEvent handlers bound, and the operators' dead-letter endpoints.
 */
describe('MessagingModule', () => {
  let db: TestDatabase;
  let app: INestApplication;

  /** How a service's code gets its outbox: injected, resolved from the module's own MessagingModule.forService. */
  @Injectable()
  class CommuniqueAnnouncer {
    constructor(readonly outbox: Outbox) {}
  }

  @Module({
    imports: [database('ingestion', () => db.url), MessagingModule.forService({ service: 'ingestion' })],
    providers: [CommuniqueAnnouncer],
  })
  class IngestionTestModule {}

  @Module({
    imports: [
      database('editorial', () => db.url, [Drafts1700000000002]),
      MessagingModule.forService({ service: 'editorial', consumers: [CommuniqueReceivedConsumer] }),
    ],
    providers: [CommuniqueReceivedConsumer],
  })
  class EditorialTestModule {}

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE SCHEMA ingestion; CREATE SCHEMA editorial');
    await client.end();
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRoot({ transport: 'local', operatorToken: TOKEN, outboxPollMs: 50, retry: { maxAttempts: 2, initialBackoffMs: 5 } }),
        IngestionTestModule,
        EditorialTestModule,
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const ingestionDb = () => app.get<DataSource>(getDataSourceToken('ingestion'));
  const editorialDb = () => app.get<DataSource>(getDataSourceToken('editorial'));
  const publish = (title: string) => {
    const event = communique(crypto.randomUUID(), title);
    const { outbox } = app.get(CommuniqueAnnouncer);
    return ingestionDb().transaction((tx) => outbox.add(tx, event)).then(() => event);
  };
  const drafts = async (id: string) => editorialDb().query(`SELECT title FROM editorial.drafts WHERE id = $1`, [id]);

  it('writes into the producing service’s own outbox and runs the @OnEvent handler of the consuming one', async () => {
    const event = await publish('Réunion des ministres');
    await waitFor('the draft', async () => (await drafts(event.aggregateId)).length === 1);
    expect(await ingestionDb().query(`SELECT 1 FROM ingestion.outbox WHERE event_id = $1`, [event.id])).toHaveLength(1);
    expect(await editorialDb().query(`SELECT 1 FROM editorial.outbox WHERE event_id = $1`, [event.id])).toHaveLength(0);
    expect(await editorialDb().query(`SELECT consumer FROM editorial.inbox WHERE event_id = $1`, [event.id])).toEqual([{ consumer: 'editorial' }]);
    expect(app.get(MessagingRegistry).names().sort()).toEqual(['editorial', 'ingestion']);
  });

  it('lets an operator list and replay a dead letter, and nobody else', async () => {
    const event = await publish('poison');
    const server = app.getHttpServer();
    const listed = await waitFor('the dead letter', async () => {
      const res = await request(server).get('/admin/dead-letters?service=editorial').set('Authorization', `Bearer ${TOKEN}`);
      return res.body.deadLetters?.length === 1 && res.body.deadLetters[0];
    });
    expect(listed).toMatchObject({ consumer: 'editorial', eventId: event.id, attempts: 2 });
    expect(listed.error).toContain('cannot open a draft for poison');

    await request(server).get('/admin/dead-letters').expect(401);
    await request(server).get('/admin/dead-letters').set('Authorization', 'Bearer wrong-token-wrong-token-wrong').expect(401);
    await request(server).post(`/admin/dead-letters/editorial/${listed.id}/replay`).expect(401);
    await request(server).get('/admin/dead-letters?limit=0').set('Authorization', `Bearer ${TOKEN}`).expect(400);
    await request(server).post('/admin/dead-letters/editorial/not-a-number/replay').set('Authorization', `Bearer ${TOKEN}`).expect(400);
    await request(server).post('/admin/dead-letters/newsletter/1/replay').set('Authorization', `Bearer ${TOKEN}`).expect(404);
    await request(server).post('/admin/dead-letters/editorial/999999/replay').set('Authorization', `Bearer ${TOKEN}`).expect(404);

    app.get(CommuniqueReceivedConsumer).broken = false;
    const replayed = await request(server)
      .post(`/admin/dead-letters/editorial/${listed.id}/replay`)
      .set('Authorization', `Bearer ${TOKEN}`)
      .expect(200);
    expect(replayed.body).toEqual({ id: listed.id, service: 'editorial', outcome: 'handled' });
    expect(await drafts(event.aggregateId)).toEqual([{ title: 'poison' }]);
    const after = await request(server).get('/admin/dead-letters').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(after.body.deadLetters).toEqual([]);
  });

  it('serves Prometheus metrics of both services to an operator: events per topic and outcome, failures, outbox, dead letters', async () => {
    const server = app.getHttpServer();
    await request(server).get('/metrics').expect(401);
    await request(server).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token-wrong').expect(401);
    const event = await publish('Compte rendu du conseil');
    await waitFor('the draft', async () => (await drafts(event.aggregateId)).length === 1);

    const res = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.headers['cache-control']).toBe('no-store');
    const sample = (name: string, labels: Record<string, string>) => samples(res.text, name, labels);
    // Three communiqués so far in this file (one of them poison, replayed once fixed).
    expect(sample('newsroom_events_produced_total', { service: 'ingestion', topic: 'ingestion.communique' })).toBe(3);
    expect(sample('newsroom_events_consumed_total', { service: 'editorial', topic: 'ingestion.communique', outcome: 'handled' })).toBe(3);
    expect(sample('newsroom_events_consumed_total', { service: 'editorial', topic: 'ingestion.communique', outcome: 'parked' })).toBe(1);
    expect(sample('newsroom_event_handler_failures_total', { service: 'editorial', topic: 'ingestion.communique' })).toBe(2);
    expect(sample('newsroom_event_handler_duration_seconds_count', { service: 'editorial', topic: 'ingestion.communique' })).toBe(4);
    // The dead letters' own topic is written by the editorial relay.
    expect(sample('newsroom_events_produced_total', { service: 'editorial', topic: 'editorial.dead-letter' })).toBe(1);
    await waitFor('the relays to drain', async () => {
      const again = await request(server).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
      return samples(again.text, 'newsroom_outbox_backlog', { service: 'ingestion' }) === 0 && samples(again.text, 'newsroom_outbox_backlog', { service: 'editorial' }) === 0;
    });
    expect(sample('newsroom_dead_letters_open', { service: 'editorial' })).toBe(0);
    expect(sample('newsroom_outbox_oldest_age_seconds', { service: 'ingestion' })).not.toBeNull();
  });

  it('keeps the operator endpoints closed when no token is configured', async () => {
    const controller = new DeadLettersController(app.get(MessagingRegistry), { transport: 'local' });
    await expect(controller.list(`Bearer ${TOKEN}`, {})).rejects.toBeInstanceOf(ForbiddenException);
  });
});
