/**
 * `npm run bench -- messaging [events]`: the event backbone alone, through real Kafka and through the
 * standalone host's local delivery, both on the machine's PostgreSQL. A producer service commits N
 * events (one per transaction, as a handler would) while its relay runs; a consumer service records
 * each in its inbox and an effects table. Reports throughput and, per event, the time from the
 * producer's commit (occurredAt) to the consumer's effect (its transaction's clock).
 * Setup: starts a local Kafka 3.9.1 unless KAFKA_BROKERS is set, a throwaway database; cleans both up.
 */
import { startLocalKafka, stopLocalKafka } from '@newsroom/messaging';
import {
  CONSUMER_SCHEMA,
  EffectsTable1700000000001,
  PRODUCER_SCHEMA,
  communique,
  consumerService,
  createTestDatabase,
  createTransport,
  openMessagingDataSource,
  producerService,
  recordEffect,
  uniquePrefix,
  waitFor,
  writeEvents,
} from '@newsroom/messaging/testing';
import { Logger } from '@nestjs/common';

interface Result {
  transport: string;
  phase: string;
  events: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

const PACED_EVENTS = 200;
const PACED_INTERVAL_MS = 20;

async function run(kind: 'kafka' | 'local', events: number): Promise<Result[]> {
  const db = await createTestDatabase('newsroom_bench');
  const producerDb = await openMessagingDataSource(db.url, PRODUCER_SCHEMA);
  const consumerDb = await openMessagingDataSource(db.url, CONSUMER_SCHEMA, [EffectsTable1700000000001]);
  const transport = createTransport(kind);
  const prefix = uniquePrefix();
  const producer = producerService(producerDb, transport, prefix);
  const consumer = consumerService(consumerDb, transport, prefix, recordEffect());
  try {
    await consumer.startConsuming();
    await producer.startConsuming();
    consumer.startRelaying();
    producer.startRelaying();
    // Warm-up: the consumer group has joined and the producer is connected.
    await writeEvents(producerDb, producer, [communique(crypto.randomUUID(), 'échauffement')]);
    await waitFor('warm-up', async () => (await consumerDb.query('SELECT 1 FROM consumer.effects LIMIT 1')).length === 1, 60_000);
    await consumerDb.query('TRUNCATE consumer.effects');

    const aggregates = Array.from({ length: 50 }, () => crypto.randomUUID());
    type Make = (n: number) => ReturnType<typeof communique>;
    const measure = async (phase: string, count: number, write: (make: Make) => Promise<void>): Promise<Result> => {
      await consumerDb.query('TRUNCATE consumer.effects');
      const occurred = new Map<string, number>();
      // Each event is created (occurredAt stamped) right before its transaction.
      const make: Make = (n) => {
        const event = communique(aggregates[n % aggregates.length], `${phase}${n}`);
        occurred.set(event.id, Date.parse(event.occurredAt));
        return event;
      };
      const started = Date.now();
      await write(make);
      await waitFor('every effect', async () => {
        const [row] = await consumerDb.query('SELECT count(*)::int AS n FROM consumer.effects');
        return row.n >= count;
      }, 600_000);
      const seconds = (Date.now() - started) / 1000;
      const rows: { event_id: string; handled_at: Date }[] = await consumerDb.query('SELECT event_id, handled_at FROM consumer.effects');
      const latencies = rows.map((r) => new Date(r.handled_at).getTime() - (occurred.get(r.event_id) ?? NaN)).sort((a, b) => a - b);
      const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
      return {
        transport: kind,
        phase,
        events: count,
        seconds: round(seconds),
        perSecond: Math.round(count / seconds),
        p50Ms: at(0.5),
        p95Ms: at(0.95),
        p99Ms: at(0.99),
        maxMs: latencies[latencies.length - 1],
      };
    };
    // Burst: every event committed as fast as one connection can; latency here is mostly queueing.
    const burst = await measure('burst', events, async (make) => {
      for (let n = 0; n < events; n++) await writeEvents(producerDb, producer, [make(n)]);
    });
    // Paced: one event every PACED_INTERVAL_MS, as approvals arrive: the latency a reader would see.
    const paced = await measure('paced', PACED_EVENTS, async (make) => {
      for (let n = 0; n < PACED_EVENTS; n++) {
        await writeEvents(producerDb, producer, [make(n)]);
        await new Promise((r) => setTimeout(r, PACED_INTERVAL_MS));
      }
    });
    return [burst, paced];
  } finally {
    await consumer.stop();
    await producer.stop();
    await transport.close();
    await producerDb.destroy();
    await consumerDb.destroy();
    await db.drop();
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const events = Number(process.argv[2] ?? 2000);
  let startedKafka = false;
  if (!process.env.KAFKA_BROKERS) {
    const kafka = await startLocalKafka();
    process.env.KAFKA_BROKERS = kafka.brokers;
    startedKafka = kafka.startedNow;
  }
  try {
    const results = [...(await run('kafka', events)), ...(await run('local', events))];
    console.log(
      `messaging: burst = ${events} events committed back to back; paced = ${PACED_EVENTS} events, one every ${PACED_INTERVAL_MS} ms.\n` +
        'Latency: producer commit (occurredAt) to the consumer effect, one event per transaction, 50 aggregates, 3 partitions.',
    );
    console.table(results);
    const pick = (transport: string, phase: string) => results.find((r) => r.transport === transport && r.phase === phase) as Result;
    const figures: Record<string, string | number> = { bench: 'messaging', events };
    for (const transport of ['kafka', 'local']) {
      figures[`${transport}BurstPerSecond`] = pick(transport, 'burst').perSecond;
      figures[`${transport}BurstP99Ms`] = pick(transport, 'burst').p99Ms;
      for (const key of ['p50Ms', 'p95Ms', 'p99Ms', 'maxMs'] as const) {
        figures[`${transport}Paced${key[0].toUpperCase()}${key.slice(1)}`] = pick(transport, 'paced')[key];
      }
    }
    console.log(JSON.stringify(figures));
  } finally {
    if (startedKafka) await stopLocalKafka();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
