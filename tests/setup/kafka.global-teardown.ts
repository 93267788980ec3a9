// Jest globalTeardown: stops the local broker only if kafka.global-setup.ts started it in this run
// (a broker from `npm run kafka:start` or from KAFKA_BROKERS is left running).
import { stopLocalKafka } from '../../libs/messaging/src/kafka/local-broker';

export default async function kafkaGlobalTeardown(): Promise<void> {
  if (!globalThis.__NEWSROOM_KAFKA_STARTED__) return;
  globalThis.__NEWSROOM_KAFKA_STARTED__ = false;
  await stopLocalKafka();
}
