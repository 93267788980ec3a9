import type { DataSource } from 'typeorm';
import { DeadLetterStore } from './dead-letters/dead-letter-store';
import { EventConsumer, type EventHandlerFn, type RetryPolicy } from './inbox/event-consumer';
import { registerServiceProbe } from './metrics/messaging-metrics';
import { Outbox } from './outbox/outbox';
import { OutboxRelay, type OutboxRelayOptions } from './outbox/outbox-relay';
import type { Transport } from './transport/transport';

export interface ServiceMessagingOptions {
  /** The service's schema, holding its outbox, inbox and dead letters. */
  schema: string;
  /** The consumer group (one per service). */
  group: string;
  produces: string[];
  consumes: string[];
  deadLetterTopic: string;
  handlers: Map<string, EventHandlerFn[]>;
  retry?: Partial<RetryPolicy>;
  relay?: Omit<OutboxRelayOptions, 'schema'>;
  /** Prepended to every topic name above and to the topics the outbox writes to. */
  topicPrefix?: string;
}

/** Everything one service needs to talk through events, wired once; used by MessagingModule and by tests. */
export class ServiceMessaging {
  readonly outbox: Outbox;
  readonly relay: OutboxRelay;
  readonly deadLetters: DeadLetterStore;
  readonly consumer: EventConsumer;
  private unregisterProbe: (() => void) | null = null;

  constructor(
    dataSource: DataSource,
    private readonly transport: Transport,
    private readonly options: ServiceMessagingOptions,
  ) {
    const prefix = options.topicPrefix ?? '';
    this.outbox = new Outbox(options.schema, prefix);
    this.relay = new OutboxRelay(dataSource, transport, { ...options.relay, schema: options.schema });
    this.deadLetters = new DeadLetterStore(dataSource, this.outbox, options.schema, options.group, prefix + options.deadLetterTopic);
    this.consumer = new EventConsumer(dataSource, transport, this.deadLetters, {
      schema: options.schema,
      group: options.group,
      topics: options.consumes.map((t) => prefix + t),
      handlers: options.handlers,
      retry: options.retry,
    });
  }

  /** Creates the topics this service touches, then joins its consumer group. */
  async startConsuming(): Promise<void> {
    const { produces, consumes, deadLetterTopic, topicPrefix = '' } = this.options;
    await this.transport.ensureTopics([...new Set([...produces, ...consumes, deadLetterTopic])].map((t) => topicPrefix + t));
    await this.consumer.start();
    // What Prometheus sees of this service at each scrape: its outbox, its dead letters, its group's lag.
    this.unregisterProbe ??= registerServiceProbe({
      service: this.options.schema,
      outbox: () => this.relay.backlog(),
      openDeadLetters: () => this.deadLetters.countOpen(),
      lag: () => this.transport.lag(this.options.group, consumes.map((t) => topicPrefix + t)),
    });
  }

  startRelaying(): void {
    this.relay.start();
  }

  /** Leaves the group first (no new work), then lets the relay drain what handlers already committed. */
  async stop(): Promise<void> {
    this.unregisterProbe?.();
    this.unregisterProbe = null;
    await this.consumer.stop();
    await this.relay.stop();
  }
}
