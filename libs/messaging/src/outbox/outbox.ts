import type { AnyEvent } from '@newsroom/contracts';
import { topicOf } from '@newsroom/contracts';
import type { EntityManager } from 'typeorm';
import { continueTrace, currentCorrelation, formatTraceparent, TRACEPARENT } from '../correlation';
import { quoteIdent } from '../migrations/messaging-tables';

/** Kafka header names carried by every event message. */
export const HEADERS = {
  eventType: 'event-type',
  eventVersion: 'event-version',
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  /** W3C Trace Context: the producing span, so a consumer's span joins the same trace. */
  traceparent: TRACEPARENT,
} as const;

/**
 * Writes events into the service's outbox *inside the caller's transaction*: if the transaction
 * rolls back, the events never existed. The relay publishes them after commit.
 */
export class Outbox {
  private readonly table: string;

  /** `topicPrefix` namespaces every topic (a shared cluster, or one test's own topics). */
  constructor(
    schema: string,
    private readonly topicPrefix = '',
  ) {
    this.table = `${quoteIdent(schema)}.outbox`;
  }

  async add(tx: EntityManager, ...events: AnyEvent[]): Promise<void> {
    if (!tx.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add needs the EntityManager of an open transaction (dataSource.transaction(tx => …))');
    }
    // The span producing these events (the request's or the consumed event's); outside any, each write starts a trace.
    const trace = currentCorrelation()?.trace ?? continueTrace(null);
    for (const event of events) {
      const headers: Record<string, string> = {
        [HEADERS.eventType]: event.type,
        [HEADERS.eventVersion]: String(event.version),
        [HEADERS.correlationId]: event.correlationId,
        [HEADERS.traceparent]: formatTraceparent(trace),
      };
      if (event.causationId) headers[HEADERS.causationId] = event.causationId;
      await tx.query(
        `INSERT INTO ${this.table} (event_id, topic, message_key, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
        [event.id, this.topicPrefix + topicOf(event.type), event.aggregateId, event.type, JSON.stringify(event), JSON.stringify(headers)],
      );
    }
    markOutboxWritten(tx);
  }

  /** Writes a raw message (dead letters, which are not contract events) in the caller's transaction. */
  async addRaw(tx: EntityManager, message: { id: string; topic: string; key: string; type: string; value: string; headers: Record<string, string> }): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.table} (event_id, topic, message_key, event_type, payload, headers) VALUES ($1, $2, $3, $4, $5, $6)`,
      [message.id, message.topic, message.key, message.type, message.value, JSON.stringify(message.headers)],
    );
    markOutboxWritten(tx);
  }
}

/** The relay listens for commits of transactions marked here, so it publishes at once instead of at its next poll. */
export const OUTBOX_WRITTEN = 'newsroom.outboxWritten';

function markOutboxWritten(tx: EntityManager): void {
  if (tx.queryRunner) tx.queryRunner.data = { ...tx.queryRunner.data, [OUTBOX_WRITTEN]: true };
}
