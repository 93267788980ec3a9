import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Histogram } from 'prom-client';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

/** Why an article went live: an approval due at once, its scheduled time, a new time in the past, a correction. */
export type PublicationCause = 'approval' | 'schedule' | 'reschedule' | 'correction';

/** When an article was due on the site, and why: what its publication is measured against. */
export interface PublicationDue {
  cause: PublicationCause;
  at: Date;
}

const publishDelay = new Histogram({
  name: 'newsroom_publish_delay_seconds',
  help: 'From the moment an article was due on the site (approved for now, its scheduled time, corrected) to its publication, per cause; counted when the publication commits.',
  labelNames: ['cause'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
});

/**
 * The publish delay against schedule, for operators (`/metrics`): how late the site is. A publication is
 * counted once its transaction commits, so one that rolls back and is retried counts once, late.
 */
@Injectable()
export class PublishDelays implements OnModuleInit, EntitySubscriberInterface {
  private readonly pendingBy = new WeakMap<QueryRunner, { cause: PublicationCause; seconds: number }[]>();

  constructor(@InjectDataSource('publishing') private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** The article due at `due` is published at `publishedAt` in `tx` (counted now when `tx` is no transaction). */
  published(tx: EntityManager, due: PublicationDue, publishedAt: Date): void {
    const seconds = Math.max(0, (publishedAt.getTime() - due.at.getTime()) / 1000);
    const runner = tx.queryRunner;
    if (!runner?.isTransactionActive) return publishDelay.observe({ cause: due.cause }, seconds);
    let pending = this.pendingBy.get(runner);
    if (!pending) this.pendingBy.set(runner, (pending = []));
    pending.push({ cause: due.cause, seconds });
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint released: the transaction, and the publication, are still open.
    if (event.queryRunner.isTransactionActive) return;
    const pending = this.pendingBy.get(event.queryRunner);
    this.pendingBy.delete(event.queryRunner);
    for (const { cause, seconds } of pending ?? []) publishDelay.observe({ cause }, seconds);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) this.pendingBy.delete(event.queryRunner);
  }
}
