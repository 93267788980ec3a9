import { Logger } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { currentCorrelation, runWithCorrelation, type TraceContext } from './correlation';
import type { DeadLetterMessage } from './dead-letters/dead-letter-store';
import type { ServiceMessaging } from './service-messaging';
import {
  CONSUMER_SCHEMA,
  EffectsTable1700000000001,
  PRODUCER_SCHEMA,
  TOPIC,
  communique,
  consumerService,
  createTransport,
  producerService,
  recordEffect,
  uniquePrefix,
  waitFor,
  writeEvents,
} from './testing/scenario';
import { createTestDatabase, openMessagingDataSource, type TestDatabase } from './testing/test-database';
import type { IncomingMessage, Subscription, Transport } from './transport/transport';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * The messaging guarantees, on the real PostgreSQL, once through the real Kafka broker and once
 * through the broker-less delivery of the standalone host: the same assertions for both.
 */
describe.each(['kafka', 'local'] as const)('messaging over the %s transport', (kind) => {
  let db: TestDatabase;
  let producerDb: DataSource;
  let consumerDb: DataSource;
  let transport: Transport;
  let prefix: string;
  const running: ServiceMessaging[] = [];
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false); // the failures below are on purpose
    db = await createTestDatabase();
    producerDb = await openMessagingDataSource(db.url, PRODUCER_SCHEMA);
    consumerDb = await openMessagingDataSource(db.url, CONSUMER_SCHEMA, [EffectsTable1700000000001]);
    transport = createTransport(kind);
  });

  beforeEach(() => {
    prefix = uniquePrefix();
  });

  afterEach(async () => {
    for (const s of subscriptions.splice(0)) await s.close();
    for (const m of running.splice(0)) await m.stop();
  });

  afterAll(async () => {
    await transport.close();
    await producerDb.destroy();
    await consumerDb.destroy();
    await db.drop();
  });

  async function start(...services: ServiceMessaging[]): Promise<void> {
    for (const s of services) {
      running.push(s);
      await s.startConsuming();
    }
    for (const s of services) s.startRelaying();
  }

  async function effects(aggregateIds: string[]): Promise<{ event_id: string; aggregate_id: string; title: string }[]> {
    return consumerDb.query(`SELECT event_id, aggregate_id, title FROM consumer.effects WHERE aggregate_id = ANY($1) ORDER BY seq`, [aggregateIds]);
  }

  it('never publishes an event written in a rolled-back transaction', async () => {
    const producer = producerService(producerDb, transport, prefix);
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    const [kept, dropped] = [crypto.randomUUID(), crypto.randomUUID()];

    await expect(
      producerDb.transaction(async (tx) => {
        await producer.outbox.add(tx, communique(dropped, 'jamais publié'));
        throw new Error('the editor cancelled');
      }),
    ).rejects.toThrow('the editor cancelled');
    await writeEvents(producerDb, producer, [communique(kept, 'publié')]);
    await start(consumer, producer);

    await waitFor('the committed event', async () => (await effects([kept])).length === 1);
    await producer.relay.stop();
    expect(await producerDb.query(`SELECT 1 FROM producer.outbox WHERE message_key = $1`, [dropped])).toHaveLength(0);
    expect(await effects([dropped])).toHaveLength(0);
    expect(await producer.relay.pending()).toBe(0);
  });

  it('delivers the events of one aggregate in the order they were written', async () => {
    const producer = producerService(producerDb, transport, prefix);
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    const aggregates = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    const events = Array.from({ length: 25 }, (_, n) => aggregates.map((a) => communique(a, `révision ${n}`))).flat();
    await start(consumer, producer);
    // Interleaved, some several to a transaction, while the relay is already running.
    await writeEvents(producerDb, producer, events.slice(0, 40), 1);
    await writeEvents(producerDb, producer, events.slice(40), 7);

    const seen = await waitFor('every event', async () => {
      const rows = await effects(aggregates);
      return rows.length === events.length && rows;
    });
    for (const aggregate of aggregates) {
      const titles = seen.filter((r) => r.aggregate_id === aggregate).map((r) => r.title);
      expect(titles).toEqual(Array.from({ length: 25 }, (_, n) => `révision ${n}`));
    }
  });

  it('gives a redelivered event no second effect', async () => {
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    await start(consumer);
    const event = communique(crypto.randomUUID(), 'envoyé trois fois');
    const message = { topic: prefix + TOPIC, key: event.aggregateId, value: JSON.stringify(event), headers: {} };
    const marker = communique(crypto.randomUUID(), 'marqueur');

    await transport.publish([message, message]);
    await transport.publish([message, { ...message, key: marker.aggregateId, value: JSON.stringify(marker) }]);
    await waitFor('the marker', async () => (await effects([marker.aggregateId])).length === 1);
    await waitFor('all three copies to be consumed', async () => {
      const [row] = await consumerDb.query(`SELECT count(*)::int AS n FROM consumer.inbox WHERE consumer = $1`, [`consumer-${prefix}`]);
      return row.n === 2;
    });
    // A fourth copy, handled directly, is recognised as well.
    await expect(consumer.consumer.handle({ ...message, partition: 0, offset: '99' })).resolves.toBe('duplicate');
    expect(await effects([event.aggregateId])).toHaveLength(1);
  });

  it('carries the producer’s W3C trace context to the consumer’s span, with the correlation id', async () => {
    const producer = producerService(producerDb, transport, prefix);
    const seen: { trace?: TraceContext; correlationId?: string }[] = [];
    const consumer = consumerService(consumerDb, transport, prefix, async (event, tx) => {
      const context = currentCorrelation();
      seen.push({ trace: context?.trace, correlationId: context?.correlationId });
      await recordEffect()(event, tx);
    });
    await start(consumer, producer);
    const event = communique(crypto.randomUUID(), 'suivi de bout en bout');
    const producing: TraceContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

    await runWithCorrelation({ correlationId: event.correlationId, causationId: null, trace: producing }, () => writeEvents(producerDb, producer, [event]));
    await waitFor('the traced event', async () => (await effects([event.aggregateId])).length === 1);

    expect(seen).toEqual([
      { correlationId: event.correlationId, trace: { traceId: producing.traceId, parentSpanId: producing.spanId, spanId: expect.stringMatching(/^[0-9a-f]{16}$/) } },
    ]);
    expect(seen[0].trace?.spanId).not.toBe(producing.spanId);
  });

  it('parks even a message PostgreSQL cannot store as it came (NUL, an unpaired surrogate), instead of failing forever', async () => {
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    await start(consumer);
    const value = `{"broken\u0000": "\ud800 pas un événement"}`;
    await transport.publish([{ topic: prefix + TOPIC, key: 'k\u0000', value, headers: { note: 'x\udc00' } }]);

    const [letter] = await waitFor('the dead letter', async () => {
      const letters = await consumer.deadLetters.list();
      return letters.length === 1 && letters;
    });
    expect(letter.payload).toBe('{"broken\uFFFD": "\uFFFD pas un événement"}');
    expect(letter.headers).toEqual({ note: 'x\uFFFD' });
    expect(letter.error).toMatch(/./);
  });

  it('reports the consumer group’s lag: what is published and not yet committed', async () => {
    const producer = producerService(producerDb, transport, prefix);
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    const group = `consumer-${prefix}`;
    const events = [1, 2, 3].map((n) => communique(crypto.randomUUID(), `en attente ${n}`));
    await start(producer);
    await writeEvents(producerDb, producer, events);
    await waitFor('the relay', async () => (await producer.relay.pending()) === 0);
    const total = async () => (await transport.lag(group, [prefix + TOPIC])).reduce((sum, p) => sum + p.lag, 0);

    if (kind === 'local') {
      // Handed over inside publish: nothing ever waits between the outbox and the consumer.
      expect(await transport.lag(group, [prefix + TOPIC])).toEqual([]);
      return;
    }
    expect(await total()).toBe(3);
    await start(consumer);
    await waitFor('every event', async () => (await effects(events.map((e) => e.aggregateId))).length === 3);
    await waitFor('the offsets committed', async () => (await total()) === 0);
  });

  it('parks a failing event on the dead-letter topic with its error, and replays it once fixed', async () => {
    let broken = true;
    const consumer = consumerService(
      consumerDb,
      transport,
      prefix,
      recordEffect((e) => broken && e.type === 'ingestion.communique.received' && e.data.title === 'poison'),
    );
    const producer = producerService(producerDb, transport, prefix);
    const letters: DeadLetterMessage[] = [];
    await transport.ensureTopics([`${prefix}consumer.dead-letter`]);
    subscriptions.push(
      await transport.subscribe(`dlt-reader-${prefix}`, [`${prefix}consumer.dead-letter`], async (m: IncomingMessage) => {
        letters.push(JSON.parse(m.value));
      }),
    );
    await start(consumer, producer);
    const poison = communique(crypto.randomUUID(), 'poison');
    const healthy = communique(crypto.randomUUID(), 'sain');
    await writeEvents(producerDb, producer, [poison, healthy]);
    await transport.publish([{ topic: prefix + TOPIC, key: 'garbage', value: '{"not": "an envelope"', headers: {} }]);

    await waitFor('the healthy event', async () => (await effects([healthy.aggregateId])).length === 1);
    const parked = await waitFor('two dead letters', async () => {
      const list = await consumer.deadLetters.list();
      return list.length === 2 && list;
    });
    const failed = parked.find((l) => l.eventId === poison.id);
    const garbage = parked.find((l) => l.eventId === null);
    if (!failed || !garbage) throw new Error(`unexpected dead letters: ${JSON.stringify(parked)}`);
    expect(failed).toMatchObject({ eventType: 'ingestion.communique.received', attempts: 3, topic: prefix + TOPIC });
    expect(failed.error).toContain('the printer is on fire');
    expect(garbage).toMatchObject({ attempts: 1, key: 'garbage' });
    expect(garbage.error).toMatch(/ContractViolation: message is not JSON/);

    await waitFor('both on the dead-letter topic', async () => letters.length >= 2);
    expect(letters.map((l) => l.error).sort()).toEqual([failed.error, garbage.error].sort());
    expect(letters.find((l) => l.error === failed.error)).toMatchObject({ consumer: `consumer-${prefix}`, value: JSON.stringify(poison) });

    // Still broken: replay parks it again and leaves it open.
    await expect(consumer.consumer.replay(failed.id)).resolves.toBe('parked');
    expect((await consumer.deadLetters.list()).map((l) => l.id)).toContain(failed.id);

    broken = false;
    await expect(consumer.consumer.replay(failed.id)).resolves.toBe('handled');
    expect(await effects([poison.aggregateId])).toHaveLength(1);
    expect((await consumer.deadLetters.list()).map((l) => l.id)).toEqual([garbage.id]);
    expect((await consumer.deadLetters.get(failed.id))?.replayedAt).not.toBeNull();
  });

  it('drains the outbox when it is asked to stop (graceful shutdown)', async () => {
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    await start(consumer);
    const producer = producerService(producerDb, transport, prefix, { batchSize: 5, pollMs: 60_000 });
    const aggregate = crypto.randomUUID();
    await writeEvents(producerDb, producer, Array.from({ length: 30 }, (_, n) => communique(aggregate, `avant l’arrêt ${n}`)));
    producer.startRelaying();
    await producer.stop(); // at once: six batches still to publish
    expect(await producer.relay.pending()).toBe(0);
    await waitFor('every drained event', async () => (await effects([aggregate])).length === 30);
  });

  it('loses nothing when the relay is killed with SIGKILL in the middle of a batch', async () => {
    const aggregates = Array.from({ length: 5 }, () => crypto.randomUUID());
    const events = Array.from({ length: 60 }, (_, n) => aggregates.map((a) => communique(a, `n${String(n).padStart(3, '0')}`))).flat();
    const producer = producerService(producerDb, transport, prefix);
    await writeEvents(producerDb, producer, events, 25);
    const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
    if (kind === 'kafka') await start(consumer); // with the local transport the child process hosts the consumer

    const child = spawnRelay();
    try {
      await waitFor('the child relay to publish part of the outbox', async () => {
        const [row] = await producerDb.query(
          `SELECT count(*)::int AS n FROM producer.outbox WHERE published_at IS NOT NULL AND message_key = ANY($1)`,
          [aggregates],
        );
        return row.n >= 40;
      });
    } finally {
      child.kill('SIGKILL');
    }
    await new Promise((resolve) => child.once('exit', resolve));
    const [{ n: left }] = await producerDb.query(`SELECT count(*)::int AS n FROM producer.outbox WHERE published_at IS NULL AND message_key = ANY($1)`, [aggregates]);
    expect(left).toBeGreaterThan(0); // it really died mid-way

    if (kind === 'local') await start(consumer);
    await start(producer); // takes the lease over once the dead relay's lease expires
    const rows = await waitFor('every event after the restart', async () => {
      const r = await effects(aggregates);
      return r.length >= events.length && r;
    });
    await producer.relay.stop();
    expect(rows).toHaveLength(events.length); // exactly one effect each
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(events.map((e) => e.id)));
    for (const a of aggregates) {
      const titles = rows.filter((r) => r.aggregate_id === a).map((r) => r.title);
      expect(titles).toEqual([...titles].sort());
    }

    function spawnRelay(): ChildProcess {
      const proc = spawn(process.execPath, ['-r', path.join(ROOT, 'tools/swc-register.cjs'), path.join(__dirname, 'testing/relay-child.ts')], {
        env: { ...process.env, DATABASE_URL: db.url, TRANSPORT: kind, TOPIC_PREFIX: prefix },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      return proc;
    }
  });
});
