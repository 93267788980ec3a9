import type { AnyEvent } from '@newsroom/contracts';
import { createHash, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { quoteIdent } from '../migrations/messaging-tables';
import type { Outbox } from '../outbox/outbox';
import type { IncomingMessage } from '../transport/transport';

export interface DeadLetter {
  id: string;
  consumer: string;
  eventId: string | null;
  eventType: string | null;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  payload: string;
  headers: Record<string, string>;
  error: string;
  attempts: number;
  failedAt: string;
  replayedAt: string | null;
}

/** What goes on `<service>.dead-letter`: the original message as received, and why it was parked. */
export interface DeadLetterMessage extends IncomingMessage {
  consumer: string;
  error: string;
  attempts: number;
  failedAt: string;
}

/**
 * Parks messages a consumer gave up on: a row operators can list and replay, and a message on the
 * service's dead-letter topic, written in one transaction through the outbox so neither exists without the other.
 */
export class DeadLetterStore {
  private readonly table: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    schema: string,
    readonly consumer: string,
    private readonly deadLetterTopic: string,
  ) {
    this.table = `${quoteIdent(schema)}.dead_letter`;
  }

  async park(message: IncomingMessage, error: unknown, attempts: number, event: AnyEvent | null): Promise<void> {
    const reason = storable(describeError(error));
    const fingerprint = event?.id ?? createHash('sha256').update(message.value).digest('hex');
    const failedAt = new Date().toISOString();
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${this.table}
           (consumer, fingerprint, event_id, event_type, topic, kafka_partition, kafka_offset, message_key, payload, headers, error, attempts, failed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
         ON CONFLICT (consumer, fingerprint) WHERE replayed_at IS NULL
         DO UPDATE SET error = EXCLUDED.error, attempts = EXCLUDED.attempts, failed_at = EXCLUDED.failed_at`,
        [
          this.consumer,
          fingerprint,
          event?.id ?? null,
          event?.type ?? null,
          message.topic,
          message.partition,
          message.offset,
          message.key === null ? null : storable(message.key),
          storable(message.value),
          JSON.stringify(storableHeaders(message.headers)),
          reason,
          attempts,
          failedAt,
        ],
      );
      const letter: DeadLetterMessage = {
        ...message,
        consumer: this.consumer,
        error: reason,
        attempts,
        failedAt,
      };
      await this.outbox.addRaw(tx, {
        id: randomUUID(),
        topic: this.deadLetterTopic,
        key: storable(message.key ?? fingerprint),
        type: 'dead-letter',
        value: JSON.stringify(letter),
        headers: { 'dead-letter-consumer': this.consumer, 'dead-letter-error': storable(reason.slice(0, 500)) },
      });
    });
  }

  async list(options: { includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM ${this.table} WHERE consumer = $1 AND ($2::boolean OR replayed_at IS NULL) ORDER BY id LIMIT $3`,
      [this.consumer, options.includeReplayed ?? false, options.limit ?? 100],
    );
    return rows.map(toDeadLetter);
  }

  /** Dead letters of this consumer not yet replayed. */
  async countOpen(): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${this.table} WHERE consumer = $1 AND replayed_at IS NULL`, [this.consumer]);
    return Number(row.n);
  }

  async get(id: string): Promise<DeadLetter | null> {
    const rows = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE consumer = $1 AND id = $2`, [this.consumer, id]);
    return rows.length ? toDeadLetter(rows[0]) : null;
  }

  async markReplayed(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE ${this.table} SET replayed_at = now() WHERE id = $1 AND replayed_at IS NULL`, [id]);
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 4_000);
  return String(error).slice(0, 4_000);
}

function toDeadLetter(row: Record<string, unknown>): DeadLetter {
  return {
    id: String(row.id),
    consumer: String(row.consumer),
    eventId: (row.event_id as string | null) ?? null,
    eventType: (row.event_type as string | null) ?? null,
    topic: String(row.topic),
    partition: Number(row.kafka_partition),
    offset: String(row.kafka_offset),
    key: (row.message_key as string | null) ?? null,
    payload: String(row.payload),
    headers: typeof row.headers === 'string' ? JSON.parse(row.headers) : (row.headers as Record<string, string>),
    error: String(row.error),
    attempts: Number(row.attempts),
    failedAt: new Date(row.failed_at as string).toISOString(),
    replayedAt: row.replayed_at ? new Date(row.replayed_at as string).toISOString() : null,
  };
}

/**
 * PostgreSQL text cannot hold NUL, and its jsonb refuses unpaired surrogates: a message carrying either (never a
 * valid event) is parked with those characters replaced by U+FFFD, so that it can be parked at all instead of
 * failing its partition forever. Everything else is kept as it came.
 */
function storable(text: string): string {
  return text.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function storableHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [storable(name), storable(value)]));
}
