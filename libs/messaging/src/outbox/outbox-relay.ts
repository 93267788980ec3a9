import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { messagingMetrics } from '../metrics/messaging-metrics';
import { quoteIdent } from '../migrations/messaging-tables';
import type { OutgoingMessage, Transport } from '../transport/transport';
import { OUTBOX_WRITTEN } from './outbox';

export interface OutboxRelayOptions {
  schema: string;
  /** Rows published per round trip. */
  batchSize?: number;
  /** Fallback poll when no local commit woke the relay (rows written by another process). */
  pollMs?: number;
  /** Only the holder of the lease publishes, so rows of one aggregate never race on two relays. */
  leaseMs?: number;
  /** How long `stop()` keeps publishing what is pending before it gives up. */
  drainTimeoutMs?: number;
}

interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  payload: string;
  headers: Record<string, string> | string;
}

/**
 * Publishes the outbox in `seq` order, then marks the rows published. At least once: a crash between
 * the broker's acknowledgement and the UPDATE publishes those rows again, and consumers' inboxes make
 * the second copy harmless. Nothing committed to the outbox is ever skipped.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly service: string;
  private readonly table: string;
  private readonly leaseTable: string;
  private readonly owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly drainTimeoutMs: number;
  private leaseUntil = 0;
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private woken = false;
  private backingOff = false;
  private readonly commitListener: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) => {
      if (event.queryRunner.data?.[OUTBOX_WRITTEN]) this.wake();
    },
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: Transport,
    options: OutboxRelayOptions,
  ) {
    this.service = options.schema;
    this.table = `${quoteIdent(options.schema)}.outbox`;
    this.leaseTable = `${quoteIdent(options.schema)}.relay_lease`;
    this.batchSize = options.batchSize ?? 200;
    this.pollMs = options.pollMs ?? 100;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.drainTimeoutMs = options.drainTimeoutMs ?? 5_000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.dataSource.subscribers.push(this.commitListener);
    this.loop = this.run();
  }

  /** Stops polling, publishes what is still pending (bounded by drainTimeoutMs), and hands the lease back. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    const i = this.dataSource.subscribers.indexOf(this.commitListener);
    if (i >= 0) this.dataSource.subscribers.splice(i, 1);
  }

  wake(): void {
    this.woken = true;
    if (!this.backingOff || !this.running) this.wakeUp?.();
  }

  /**
   * One round: if this relay holds the lease, publish up to one batch. Returns how many rows were
   * published (0 when there was nothing to do or another relay holds the lease).
   */
  async publishBatch(): Promise<number> {
    if (!(await this.holdLease())) return 0;
    const rows: OutboxRow[] = await this.dataSource.query(
      `SELECT seq, topic, message_key, payload, headers FROM ${this.table} WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    const messages: OutgoingMessage[] = rows.map((row) => ({
      topic: row.topic,
      key: row.message_key,
      value: row.payload,
      headers: typeof row.headers === 'string' ? JSON.parse(row.headers) : row.headers,
    }));
    await this.transport.publish(messages);
    await this.dataSource.query(`UPDATE ${this.table} SET published_at = now() WHERE seq = ANY($1::bigint[])`, [
      rows.map((r) => r.seq),
    ]);
    for (const message of messages) messagingMetrics.produced.inc({ service: this.service, topic: message.topic });
    return rows.length;
  }

  /** Rows committed but not yet published. */
  async pending(): Promise<number> {
    return (await this.backlog()).backlog;
  }

  /** Rows committed but not yet published, and how long the oldest has waited (seconds, 0 when none). */
  async backlog(): Promise<{ backlog: number; oldestAgeSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age FROM ${this.table} WHERE published_at IS NULL`,
    );
    return { backlog: Number(row.n), oldestAgeSeconds: Math.max(0, Number(row.age)) };
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      this.woken = false;
      try {
        const published = await this.publishBatch();
        failures = 0;
        if (published === this.batchSize) continue;
      } catch (error) {
        failures++;
        this.logger.warn({ err: error, failures }, `outbox relay round failed (${(error as Error).message}); retrying`);
        // Commits do not cut a backoff short (that would hammer a broker that is down); stop() does.
        this.backingOff = true;
        await this.sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
        this.backingOff = false;
        continue;
      }
      if (!this.woken) await this.sleep(this.pollMs);
    }
    await this.drain();
    await this.releaseLease();
  }

  private async drain(): Promise<void> {
    const deadline = Date.now() + this.drainTimeoutMs;
    while (Date.now() < deadline) {
      try {
        if ((await this.publishBatch()) === 0) return;
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay could not drain before stopping; the rows stay for the next start');
        return;
      }
    }
  }

  private async holdLease(): Promise<boolean> {
    if (Date.now() < this.leaseUntil - this.leaseMs / 2) return true;
    const rows = await this.dataSource.query(
      `INSERT INTO ${this.leaseTable} AS l (name, owner, expires_at)
       VALUES ('outbox', $1, now() + make_interval(secs => $2::double precision / 1000))
       ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE l.owner = EXCLUDED.owner OR l.expires_at < now()
       RETURNING owner`,
      [this.owner, this.leaseMs],
    );
    const held = rows.length === 1;
    this.leaseUntil = held ? Date.now() + this.leaseMs : 0;
    return held;
  }

  private async releaseLease(): Promise<void> {
    if (this.leaseUntil === 0) return;
    this.leaseUntil = 0;
    await this.dataSource
      .query(`UPDATE ${this.leaseTable} SET expires_at = now() WHERE name = 'outbox' AND owner = $1`, [this.owner])
      .catch((error) => this.logger.warn({ err: error }, 'could not release the relay lease; it expires by itself'));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }
}
