// Jest globalSetup: every test run gets a Kafka broker in KAFKA_BROKERS (inherited by the test workers).
// With KAFKA_BROKERS already set (CI service, `npm run kafka:start`), that broker is used and only awaited;
// otherwise the local broker is started (or reused if one is running) and stopped by the teardown if we started it.
// Several projects share this setup in one run: the first call sets KAFKA_BROKERS, so later ones only wait.
import { startLocalKafka, waitForKafka } from '../../libs/messaging/src/kafka/local-broker';

declare global {
  // Read by kafka.global-teardown.ts, which runs in the same process.
  var __NEWSROOM_KAFKA_STARTED__: boolean | undefined;
}

export default async function kafkaGlobalSetup(): Promise<void> {
  const brokers = process.env.KAFKA_BROKERS;
  if (brokers) {
    await waitForKafka(brokers, 60_000);
    return;
  }
  const kafka = await startLocalKafka();
  process.env.KAFKA_BROKERS = kafka.brokers;
  if (kafka.startedNow) globalThis.__NEWSROOM_KAFKA_STARTED__ = true;
}
