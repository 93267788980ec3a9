import { createEvent, type AnyEvent, type EventOf } from '@newsroom/contracts';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { EventHandlerFn } from '../inbox/event-consumer';
import { ServiceMessaging } from '../service-messaging';
import { KafkaTransport } from '../transport/kafka.transport';
import { LocalTransport } from '../transport/local.transport';
import type { Transport } from '../transport/transport';

/**
 * Shared by the messaging integration tests and their child processes: a producer service and a
 * consumer service whose handler leaves one row per effect in `consumer.effects` (no unique key, so
 * a second effect of one event would show as a second row).
 */
export const PRODUCER_SCHEMA = 'producer';
export const CONSUMER_SCHEMA = 'consumer';
export const TOPIC = 'ingestion.communique';

export class EffectsTable1700000000001 implements MigrationInterface {
  name = 'EffectsTable1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE consumer.effects (seq bigserial PRIMARY KEY, event_id uuid NOT NULL, aggregate_id text NOT NULL, title text NOT NULL, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE consumer.effects`);
  }
}

export function recordEffect(failWhen: (event: AnyEvent) => boolean = () => false): EventHandlerFn {
  return async (event: AnyEvent, tx: EntityManager) => {
    if (failWhen(event)) throw new Error(`refusing ${event.id}: the printer is on fire`);
    const title = event.type === 'ingestion.communique.received' ? event.data.title : event.type;
    await tx.query(`INSERT INTO consumer.effects (event_id, aggregate_id, title) VALUES ($1, $2, $3)`, [event.id, event.aggregateId, title]);
  };
}

export function communique(aggregateId: string, title: string): EventOf<'ingestion.communique.received'> {
  return createEvent(
    'ingestion.communique.received',
    {
      communiqueId: aggregateId,
      source: { kind: 'text', name: null },
      checksum: 'a'.repeat(64),
      title,
      titleGenerated: false,
      publishedOn: '2026-11-23',
      section: null,
      language: 'fr',
      paragraphs: [`Paragraphe de ${title}.`],
      receivedAt: new Date().toISOString(),
    },
    { aggregateId },
  );
}

export function createTransport(kind: 'kafka' | 'local'): Transport {
  if (kind === 'local') return new LocalTransport();
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers) throw new Error('KAFKA_BROKERS is not set (the jest global setup starts a local broker)');
  return new KafkaTransport({ brokers: brokers.split(','), clientId: `test-${process.pid}`, sessionTimeout: 6_000, heartbeatInterval: 500 });
}

export function producerService(dataSource: DataSource, transport: Transport, prefix: string, relay = {}): ServiceMessaging {
  return new ServiceMessaging(dataSource, transport, {
    schema: PRODUCER_SCHEMA,
    group: `producer-${prefix}`,
    produces: [TOPIC],
    consumes: [],
    deadLetterTopic: 'producer.dead-letter',
    handlers: new Map(),
    topicPrefix: prefix,
    relay: { pollMs: 50, leaseMs: 1_500, ...relay },
  });
}

export function consumerService(dataSource: DataSource, transport: Transport, prefix: string, handler: EventHandlerFn): ServiceMessaging {
  return new ServiceMessaging(dataSource, transport, {
    schema: CONSUMER_SCHEMA,
    group: `consumer-${prefix}`,
    produces: [],
    consumes: [TOPIC],
    deadLetterTopic: 'consumer.dead-letter',
    handlers: new Map([['ingestion.communique.received', [handler]]]),
    topicPrefix: prefix,
    retry: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 50 },
    relay: { pollMs: 50, leaseMs: 1_500 },
  });
}

export async function writeEvents(dataSource: DataSource, messaging: ServiceMessaging, events: AnyEvent[], perTransaction = 1): Promise<void> {
  for (let i = 0; i < events.length; i += perTransaction) {
    await dataSource.transaction((tx) => messaging.outbox.add(tx, ...events.slice(i, i + perTransaction)));
  }
}

export function uniquePrefix(): string {
  return `t${randomUUID().slice(0, 8)}.`;
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
