import type { IncomingMessage, MessageHandler, OutgoingMessage, Readiness, Subscription, Transport } from './transport';

interface LocalSubscriber {
  group: string;
  topics: Set<string>;
  handler: MessageHandler;
  inFlight: Promise<void> | null;
  closed: boolean;
}

/**
 * Broker-less delivery for the standalone host: the relay hands each outbox row straight to the
 * subscribed consumers of this process, one message at a time, and `publish` resolves only after
 * every subscriber has recorded it (through its inbox). If one fails, publish rejects, the relay
 * leaves the row unpublished and delivers it again; subscribers that already had it skip it by
 * their inbox. So the guarantee is the same as with Kafka: at least once delivery, exactly one effect.
 */
export class LocalTransport implements Transport {
  readonly kind = 'local' as const;
  private readonly subscribers: LocalSubscriber[] = [];
  private readonly sequences = new Map<string, number>();

  async publish(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages) {
      const offset = (this.sequences.get(message.topic) ?? 0) + 1;
      this.sequences.set(message.topic, offset);
      const incoming: IncomingMessage = { ...message, partition: 0, offset: String(offset) };
      for (const subscriber of this.subscribers) {
        if (subscriber.closed || !subscriber.topics.has(message.topic)) continue;
        const delivery = subscriber.handler(incoming);
        subscriber.inFlight = delivery.catch(() => undefined);
        await delivery;
      }
    }
  }

  async subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    if (this.subscribers.some((s) => s.group === group && !s.closed)) {
      throw new Error(`consumer group ${group} is already subscribed in this process`);
    }
    const subscriber: LocalSubscriber = { group, topics: new Set(topics), handler, inFlight: null, closed: false };
    this.subscribers.push(subscriber);
    return {
      close: async () => {
        subscriber.closed = true;
        await subscriber.inFlight;
        this.subscribers.splice(this.subscribers.indexOf(subscriber), 1);
      },
    };
  }

  async ensureTopics(): Promise<void> {
    // Nothing to create: topics are just names here.
  }

  async readiness(): Promise<Readiness> {
    return { ok: true, detail: 'local delivery (no broker)' };
  }

  async lag(): Promise<{ topic: string; partition: number; lag: number }[]> {
    return [];
  }

  async close(): Promise<void> {
    await Promise.all(this.subscribers.map((s) => s.inFlight));
  }
}
