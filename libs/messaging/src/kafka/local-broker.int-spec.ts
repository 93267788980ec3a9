// Smoke test of the broker given by the jest global setup (tests/setup/kafka.global-setup.ts): a keyed
// round trip through a real topic with a brand-new consumer group.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

describe('local Kafka broker', () => {
  const brokers = process.env.KAFKA_BROKERS;

  it('delivers keyed messages in order to a fresh consumer group', async () => {
    if (!brokers) throw new Error('KAFKA_BROKERS is not set: the kafka global setup did not run');
    const id = randomUUID();
    const topic = `local-broker-spec-${id}`;
    const kafka = new Kafka({
      clientId: 'local-broker-spec',
      brokers: brokers.split(','),
      logLevel: logLevel.ERROR,
      retry: { initialRetryTime: 100 },
    });
    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    const consumer = kafka.consumer({
      groupId: `local-broker-spec-${id}`,
      maxWaitTimeInMs: 100,
      sessionTimeout: 6_000,
      heartbeatInterval: 500,
      rebalanceTimeout: 10_000,
      allowAutoTopicCreation: false,
    });
    const sent = ['created', 'edited', 'published'].map((value) => ({ key: 'article-1', value }));

    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, messages: sent });

      // One key, so one partition: the order of the sends is the order of delivery.
      const received: { key: string; value: string; partition: number }[] = [];
      let allReceived!: () => void;
      const done = new Promise<void>((resolve) => (allReceived = resolve));
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true }); // produced before the group's first join
      await consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), value: String(message.value), partition });
          if (received.length === sent.length) allReceived();
        },
      });
      await done;

      expect(received.map(({ key, value }) => ({ key, value }))).toEqual(sent);
      expect(new Set(received.map((m) => m.partition)).size).toBe(1);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] });
      await admin.disconnect();
    }
  });
});
