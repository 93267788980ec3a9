/**
 * A relay in its own process, for the SIGKILL test: `node -r tools/swc-register.cjs relay-child.ts`.
 * Env: DATABASE_URL, TRANSPORT (kafka|local), TOPIC_PREFIX, KAFKA_BROKERS. With the local transport
 * it also hosts the consumer, as the standalone host does. Publishing is slowed so a kill lands mid-batch.
 */
import { DataSource } from 'typeorm';
import type { Transport } from '../transport/transport';
import { CONSUMER_SCHEMA, PRODUCER_SCHEMA, consumerService, createTransport, producerService, recordEffect } from './scenario';

async function main(): Promise<void> {
  const kind = process.env.TRANSPORT as 'kafka' | 'local';
  const prefix = process.env.TOPIC_PREFIX ?? '';
  const open = async (schema: string) => new DataSource({ type: 'postgres', url: process.env.DATABASE_URL, schema }).initialize();
  const inner = createTransport(kind);
  const slow: Transport = {
    kind: inner.kind,
    publish: async (messages) => {
      await inner.publish(messages);
      await new Promise((r) => setTimeout(r, 40)); // acknowledged but not yet marked published
    },
    subscribe: (group, topics, handler) => inner.subscribe(group, topics, handler),
    ensureTopics: (topics) => inner.ensureTopics(topics),
    readiness: () => inner.readiness(),
    lag: (group, topics) => inner.lag(group, topics),
    close: () => inner.close(),
  };
  if (kind === 'local') {
    const consumer = consumerService(await open(CONSUMER_SCHEMA), inner, prefix, recordEffect());
    await consumer.startConsuming();
  }
  const producer = producerService(await open(PRODUCER_SCHEMA), slow, prefix, { batchSize: 10, leaseMs: 1_500 });
  await producer.startConsuming();
  producer.startRelaying();
  process.stdout.write('ready\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
