import { Logger } from '@nestjs/common';
import { parseEventJson, type AnyEvent } from '@newsroom/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { continueTrace, runWithCorrelation, TRACEPARENT } from '../correlation';
import type { DeadLetterStore } from '../dead-letters/dead-letter-store';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { quoteIdent } from '../migrations/messaging-tables';
import type { IncomingMessage, Subscription, Transport } from '../transport/transport';

/** Runs inside the inbox transaction: every state change and every outbox row goes through `tx`. */
export type EventHandlerFn = (event: AnyEvent, tx: EntityManager) => Promise<void>;

export interface RetryPolicy {
  /** Attempts before the message is parked on the dead-letter topic. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 2_000 };

export interface EventConsumerOptions {
  schema: string;
  /** The consumer group: one per service. */
  group: string;
  topics: string[];
  /** Handlers by event type; types with no handler are acknowledged and ignored. */
  handlers: Map<string, EventHandlerFn[]>;
  retry?: Partial<RetryPolicy>;
}

/** What became of one message. */
export type Outcome = 'handled' | 'duplicate' | 'ignored' | 'parked';

/**
 * The consuming side of a service. Each message: parse against its contract (a violation is parked
 * at once, retrying cannot fix it); then, in one database transaction, record the event id in the
 * inbox and run the handlers. A redelivered event finds its id in the inbox and has no second
 * effect. A handler that keeps failing is retried with backoff, then parked with its error.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly inbox: string;
  private readonly retry: RetryPolicy;
  private subscription: Subscription | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: Transport,
    readonly deadLetters: DeadLetterStore,
    private readonly options: EventConsumerOptions,
  ) {
    this.logger = new Logger(`EventConsumer:${options.group}`);
    this.inbox = `${quoteIdent(options.schema)}.inbox`;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
  }

  async start(): Promise<void> {
    if (this.subscription || this.options.topics.length === 0) return;
    this.subscription = await this.transport.subscribe(this.options.group, this.options.topics, async (message) => {
      await this.handle(message);
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    await subscription?.close();
  }

  /** Rejects only when the outcome could not be recorded at all (database down): the message must come again. */
  async handle(message: IncomingMessage): Promise<Outcome> {
    const labels = { service: this.options.schema, topic: message.topic };
    const timer = messagingMetrics.handlerDuration.startTimer(labels);
    const outcome = await this.handleOnce(message);
    timer();
    messagingMetrics.consumed.inc({ ...labels, outcome });
    return outcome;
  }

  private async handleOnce(message: IncomingMessage): Promise<Outcome> {
    let event: AnyEvent;
    try {
      event = parseEventJson(message.value);
    } catch (error) {
      this.logger.warn({ topic: message.topic, offset: message.offset, err: error }, 'message breaks its contract; parked');
      await this.deadLetters.park(message, error, 1, null);
      return 'parked';
    }
    const handlers = this.options.handlers.get(event.type);
    if (!handlers?.length) return 'ignored';

    const trace = continueTrace(message.headers[TRACEPARENT]);
    return runWithCorrelation({ correlationId: event.correlationId, causationId: event.id, trace }, async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.applyOnce(event, message, handlers);
        } catch (error) {
          messagingMetrics.failed.inc({ service: this.options.schema, topic: message.topic });
          if (attempt >= this.retry.maxAttempts) {
            this.logger.error({ eventId: event.id, type: event.type, attempts: attempt, err: error }, 'event failed every attempt; parked');
            await this.deadLetters.park(message, error, attempt, event);
            return 'parked';
          }
          const backoff = Math.min(this.retry.maxBackoffMs, this.retry.initialBackoffMs * 2 ** (attempt - 1));
          this.logger.warn({ eventId: event.id, type: event.type, attempt, backoff, err: error }, 'event handler failed; will retry');
          await new Promise((resolve) => setTimeout(resolve, backoff));
        }
      }
    });
  }

  /** Runs a parked message again (after a fix). The dead letter is closed only if it does not fail again. */
  async replay(deadLetterId: string): Promise<Outcome> {
    const letter = await this.deadLetters.get(deadLetterId);
    if (!letter) throw new DeadLetterNotFound(deadLetterId);
    if (letter.replayedAt) return 'duplicate';
    const outcome = await this.handle({
      topic: letter.topic,
      partition: letter.partition,
      offset: letter.offset,
      key: letter.key,
      value: letter.payload,
      headers: letter.headers,
    });
    if (outcome !== 'parked') await this.deadLetters.markReplayed(letter.id);
    return outcome;
  }

  private async applyOnce(event: AnyEvent, message: IncomingMessage, handlers: EventHandlerFn[]): Promise<Outcome> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO ${this.inbox} (consumer, event_id, event_type, topic) VALUES ($1, $2, $3, $4)
         ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
        [this.options.group, event.id, event.type, message.topic],
      );
      if (inserted.length === 0) return 'duplicate';
      for (const handler of handlers) await handler(event, tx);
      return 'handled';
    });
  }
}

export class DeadLetterNotFound extends Error {
  constructor(id: string) {
    super(`no dead letter ${id}`);
  }
}
