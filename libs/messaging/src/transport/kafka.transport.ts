import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type Consumer, type IHeaders, type LogEntry, type Producer } from 'kafkajs';
import type { MessageHandler, OutgoingMessage, Readiness, Subscription, Transport } from './transport';

export interface KafkaTransportOptions {
  brokers: string[];
  clientId: string;
  /** Partitions of each topic created up front. */
  partitions?: number;
  /** Latency knobs; the kafkajs defaults (5 s fetch wait, 3 s rebalance delay…) would add seconds per hop. */
  maxWaitTimeInMs?: number;
  sessionTimeout?: number;
  heartbeatInterval?: number;
  rebalanceTimeout?: number;
  /**
   * Handlers one consumer runs at once (default 6). Messages of different keys are handled side by side, within
   * and across partitions; messages of one key (one aggregate) strictly in order.
   */
  handlerConcurrency?: number;
}

/** The only place that knows kafkajs. Idempotent producer, one consumer per group, offsets committed after the handler. */
export class KafkaTransport implements Transport {
  readonly kind = 'kafka' as const;
  private readonly logger = new Logger('Kafka');
  private readonly kafka: Kafka;
  private producer: Producer | null = null;
  private producerConnecting: Promise<Producer> | null = null;
  private admin: Admin | null = null;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly options: KafkaTransportOptions) {
    process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
      retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
    });
  }

  async publish(messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.getProducer();
    // One request; within a topic the order of the batch is kept (one in-flight request, idempotent).
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async subscribe(group: string, topics: string[], handler: MessageHandler): Promise<Subscription> {
    const consumer = this.kafka.consumer({
      groupId: group,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 100,
      minBytes: 1,
      sessionTimeout: this.options.sessionTimeout ?? 10_000,
      heartbeatInterval: this.options.heartbeatInterval ?? 1_000,
      rebalanceTimeout: this.options.rebalanceTimeout ?? 20_000,
      retry: { initialRetryTime: 100, retries: 10, maxRetryTime: 5_000 },
    });
    this.consumers.add(consumer);
    await consumer.connect();
    // fromBeginning: a new group must not skip what was produced before it first joined.
    await consumer.subscribe({ topics, fromBeginning: true });
    // Handlers of this consumer running at once, over all its partitions: fewer than the database pool's ten
    // connections, so HTTP requests still get one.
    const handlers = new Semaphore(this.options.handlerConcurrency ?? 6);
    await consumer.run({
      autoCommit: false,
      // Partitions are handled side by side; within one, strictly in order.
      partitionsConsumedConcurrently: this.options.partitions ?? 3,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
        // Offsets are committed only for messages whose handler transaction has committed, up to the first one
        // not handled: a crash before the commit means redelivery, which the inbox turns into a no-op. One commit
        // per fetched batch (also when a failure propagates) instead of one round trip per message.
        const handled = await handleByKey(batch.messages, {
          limit: handlers,
          keepGoing: () => isRunning() && !isStale(),
          heartbeat,
          handle: (message) =>
            handler({
              topic: batch.topic,
              partition: batch.partition,
              offset: message.offset,
              key: message.key?.toString('utf8') ?? null,
              value: message.value?.toString('utf8') ?? '',
              headers: decodeHeaders(message.headers),
            }),
        });
        let next: string | null = null;
        for (const message of batch.messages) {
          if (!handled.done.has(message.offset)) break;
          resolveOffset(message.offset);
          next = (BigInt(message.offset) + 1n).toString();
        }
        if (next !== null && !isStale()) {
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: next }]);
        }
        if (handled.failed) throw handled.failure;
      },
    });
    return {
      close: async () => {
        this.consumers.delete(consumer);
        await consumer.disconnect(); // leaves the group at once, so partitions move without waiting for a timeout
      },
    };
  }

  /**
   * Creates the missing topics and returns once every partition of every topic has a leader. Several
   * services creating topics at once on a fresh broker race (a topic just created may still be unknown
   * to the broker a service asks: UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry), so this
   * loops on the metadata itself until it is complete, for at most `timeoutMs`.
   */
  async ensureTopics(topics: string[], timeoutMs = 30_000): Promise<void> {
    if (topics.length === 0) return;
    const admin = await this.getAdmin();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let problem: string;
      try {
        const existing = new Set(await admin.listTopics());
        const missing = topics.filter((t) => !existing.has(t));
        if (missing.length) {
          await admin
            .createTopics({
              waitForLeaders: false,
              topics: missing.map((topic) => ({ topic, numPartitions: this.options.partitions ?? 3, replicationFactor: 1 })),
            })
            .catch((error: Error) => {
              // Another service may have created the same topic a moment ago.
              if (!/already exists/i.test(error.message)) throw error;
            });
        }
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
        const ready = metadata.length === topics.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        if (ready) return;
        problem = 'some partitions have no leader yet';
      } catch (error) {
        problem = (error as Error).message;
      }
      if (Date.now() >= deadline) throw new Error(`Kafka topics ${topics.join(', ')} not ready within ${timeoutMs} ms: ${problem}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async readiness(): Promise<Readiness> {
    try {
      const admin = await this.getAdmin();
      const cluster = await withTimeout(admin.describeCluster(), 2_000);
      return { ok: true, detail: `${cluster.brokers.length} broker(s)` };
    } catch (error) {
      return { ok: false, detail: (error as Error).message };
    }
  }

  async lag(group: string, topics: string[]): Promise<{ topic: string; partition: number; lag: number }[]> {
    if (topics.length === 0) return [];
    const admin = await this.getAdmin();
    const committed = await withTimeout(admin.fetchOffsets({ groupId: group, topics }), 2_000);
    const lags: { topic: string; partition: number; lag: number }[] = [];
    for (const { topic, partitions } of committed) {
      const ends = await withTimeout(admin.fetchTopicOffsets(topic), 2_000);
      for (const end of ends) {
        const offset = partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
        // Nothing committed yet: the group reads from the beginning, so everything still there is behind.
        const from = BigInt(offset) < 0n ? BigInt(end.low) : BigInt(offset);
        lags.push({ topic, partition: end.partition, lag: Number(BigInt(end.high) - from) });
      }
    }
    return lags;
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((c) => c.disconnect()));
    this.consumers.clear();
    await this.producer?.disconnect();
    await this.admin?.disconnect();
    this.producer = null;
    this.producerConnecting = null;
    this.admin = null;
  }

  private async getProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.producerConnecting ??= (async () => {
      const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      try {
        await producer.connect();
      } catch (error) {
        this.producerConnecting = null;
        throw error;
      }
      producer.on(producer.events.DISCONNECT, () => {
        if (this.producer === producer) {
          this.producer = null;
          this.producerConnecting = null;
        }
      });
      this.producer = producer;
      return producer;
    })();
    return this.producerConnecting;
  }

  private async getAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private log({ level, log }: LogEntry): void {
    const { message, ...rest } = log;
    if (level === logLevel.ERROR || level === logLevel.NOTHING) this.logger.error({ ...rest, msg: message });
    else if (level === logLevel.WARN) this.logger.warn({ ...rest, msg: message });
    else this.logger.debug?.({ ...rest, msg: message });
  }
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String).join(',') : value.toString();
  }
  return out;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

/** At most `size` holders at a time; the others wait in order. */
export class Semaphore {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
}

export interface KeyedMessage {
  offset: string;
  key: Buffer | string | null;
}

/**
 * Handles one fetched batch of a partition: messages of different keys side by side (at most `limit` at once,
 * shared with the consumer's other partitions), messages of one key one after the other in offset order, as a
 * single-threaded consumer would; a message without a key is in one sequence with the others without. After a
 * failure nothing new starts (the failed message's later ones of its key never run); what runs finishes.
 * Resolves once nothing runs, with the offsets handled (there may be gaps: the caller commits up to the first).
 */
export async function handleByKey<M extends KeyedMessage>(
  messages: readonly M[],
  options: { limit: Semaphore; keepGoing: () => boolean; heartbeat: () => Promise<void>; handle: (message: M) => Promise<unknown> },
): Promise<{ done: Set<string>; failed: boolean; failure: unknown }> {
  const done = new Set<string>();
  const state: { failed: boolean; failure: unknown } = { failed: false, failure: undefined };
  const stopped = () => state.failed || !options.keepGoing();
  const last = new Map<string, Promise<void>>();
  const runs: Promise<void>[] = [];
  for (const message of messages) {
    const key = message.key === null ? '' : `k:${message.key.toString()}`;
    const before = last.get(key);
    const run = (async () => {
      await before;
      if (stopped()) return;
      const release = await options.limit.acquire();
      try {
        if (stopped()) return;
        await options.handle(message);
        done.add(message.offset);
        await options.heartbeat();
      } catch (error) {
        if (!state.failed) Object.assign(state, { failed: true, failure: error });
      } finally {
        release();
      }
    })();
    last.set(key, run);
    runs.push(run);
  }
  await Promise.all(runs);
  return { done, ...state };
}
