import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { AnyEvent } from '@newsroom/contracts';
import { MessagingModule, MessagingRegistry, OnEvent, Outbox, createMessagingMigration } from '@newsroom/messaging';
import { communique, waitFor } from '@newsroom/messaging/testing';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { startOnEmbeddedDatabase, type EmbeddedApp } from '../testing';
import { DatabaseModule } from './database.module';

class Drafts1700000000002 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE drafts (id uuid PRIMARY KEY, title text NOT NULL)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE drafts`);
  }
}

@Injectable()
class Announcer {
  constructor(readonly outbox: Outbox) {}
}

@Injectable()
class DraftOpener {
  broken = true;

  @OnEvent('ingestion.communique.received')
  async open(event: AnyEvent, tx: EntityManager): Promise<void> {
    if (event.type !== 'ingestion.communique.received') return;
    if (this.broken && event.data.title === 'poison') throw new Error('cannot open this draft');
    await tx.query(`INSERT INTO drafts (id, title) VALUES ($1, $2)`, [event.data.communiqueId, event.data.title]);
  }
}

@Module({
  imports: [
    DatabaseModule.forService('ingestion', { entities: [], migrations: [createMessagingMigration('ingestion')] }),
    MessagingModule.forService({ service: 'ingestion' }),
  ],
  providers: [Announcer],
})
class IngestionLike {}

@Module({
  imports: [
    DatabaseModule.forService('editorial', { entities: [], migrations: [createMessagingMigration('editorial'), Drafts1700000000002] }),
    MessagingModule.forService({ service: 'editorial', consumers: [DraftOpener] }),
  ],
  providers: [DraftOpener],
})
class EditorialLike {}

/**
 * What `npm start` runs: two services on one embedded PGlite, events from one outbox to the other's
 * inbox through the local delivery. The SQL of the outbox, relay lease, inbox and dead letters must
 * behave on PGlite exactly as on PostgreSQL (the messaging tests prove the guarantees there).
 */
describe('messaging on the embedded database (standalone host)', () => {
  let embedded: EmbeddedApp;
  let app: INestApplication;

  beforeAll(async () => {
    embedded = await startOnEmbeddedDatabase([IngestionLike, EditorialLike], {
      messaging: { outboxPollMs: 60_000, retry: { maxAttempts: 2, initialBackoffMs: 5 } },
    });
    app = embedded.app;
  });

  afterAll(() => embedded?.close());

  const db = (service: string) => app.get<DataSource>(getDataSourceToken(service));
  const announce = async (event: AnyEvent) => db('ingestion').transaction((tx) => app.get(Announcer).outbox.add(tx, event));

  // The fallback poll is a minute here: delivery within the wait below means each commit woke the relay.
  it('delivers on commit, exactly once', async () => {
    const events = Array.from({ length: 20 }, (_, n) => communique(crypto.randomUUID(), `communiqué ${n}`));
    for (const event of events) await announce(event);
    const rows = await waitFor('every draft', async () => {
      const r: { title: string }[] = await db('editorial').query(`SELECT title FROM drafts ORDER BY title`);
      return r.length === events.length && r;
    });
    expect(new Set(rows.map((r) => r.title)).size).toBe(20);
    const [{ n }] = await db('editorial').query(`SELECT count(*)::int AS n FROM inbox`);
    expect(n).toBe(20);
    const [{ pending }] = await db('ingestion').query(`SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL`);
    expect(pending).toBe(0);
  });

  it('parks a failing event once (a redelivery updates the open dead letter) and replays it', async () => {
    const poison = communique(crypto.randomUUID(), 'poison');
    await announce(poison);
    const editorial = app.get(MessagingRegistry).get('editorial');
    if (!editorial) throw new Error('editorial is not registered');
    const [letter] = await waitFor('the dead letter', async () => {
      const list = await editorial.deadLetters.list();
      return list.length === 1 && list;
    });
    expect(letter).toMatchObject({ eventId: poison.id, attempts: 2 });

    // The same message again: still one open dead letter.
    await editorial.consumer.handle({ topic: letter.topic, partition: 0, offset: '1', key: letter.key, value: letter.payload, headers: {} });
    expect(await editorial.deadLetters.list()).toHaveLength(1);

    app.get(DraftOpener).broken = false;
    await expect(editorial.consumer.replay(letter.id)).resolves.toBe('handled');
    expect(await editorial.deadLetters.list()).toEqual([]);
    expect(await db('editorial').query(`SELECT title FROM drafts WHERE id = $1`, [poison.aggregateId])).toEqual([{ title: 'poison' }]);
  });
});
