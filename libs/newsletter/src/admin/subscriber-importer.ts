import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, type BaseConfig } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { MailQueue } from '../sending/mail-queue';
import { confirmationMail } from '../subscriptions/confirmation-mail';
import { recordConsent } from '../subscriptions/consent';
import { SubscriptionLinks } from '../subscriptions/subscription-links';

/** Addresses handled per transaction: the progress the admin sees moves by this much. */
const IMPORT_BATCH = 100;

export interface ImportProgress {
  id: string;
  fileName: string;
  total: number;
  processed: number;
  added: number;
  skipped: number;
  invalid: number;
  status: 'running' | 'done';
  createdBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

/**
 * A CSV import by an administrator (`newsletter.subscriber_import`), worked through in the background, batch
 * by batch. An imported address is not subscribed: a new one becomes `pending` with consent source `import`
 * and gets the usual confirmation email, so it receives nothing until its owner confirms. An address already
 * known (pending, confirmed, unsubscribed or bounced) is skipped: an import never overrides what its owner
 * chose. An import interrupted by a restart resumes where it stopped.
 */
@Injectable()
export class SubscriberImporter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SubscriberImporter.name);
  private readonly site: NewsletterSite;
  private readonly running = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly links: SubscriptionLinks,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
  ) {
    this.site = newsletterSiteOf(config);
  }

  async onApplicationBootstrap(): Promise<void> {
    const unfinished: { id: string }[] = await this.dataSource.query(`SELECT id FROM newsletter.subscriber_import WHERE status = 'running'`);
    for (const { id } of unfinished) this.run(id);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.running.values());
  }

  /** Records the import and starts it; returns its id at once. */
  async start(fileName: string, addresses: string[], invalid: number, createdBy: string): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO newsletter.subscriber_import (id, file_name, total, invalid, created_by, created_at, addresses, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8)`,
      [id, fileName.slice(0, 200), addresses.length, invalid, createdBy, this.clock.now(), addresses, addresses.length ? 'running' : 'done'],
    );
    if (addresses.length) this.run(id);
    return id;
  }

  async progress(id: string): Promise<ImportProgress | null> {
    const [row] = await this.dataSource.query(
      `SELECT id, file_name, total, processed, added, skipped, invalid, status, created_by, created_at, finished_at FROM newsletter.subscriber_import WHERE id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      fileName: row.file_name,
      total: row.total,
      processed: row.processed,
      added: row.added,
      skipped: row.skipped,
      invalid: row.invalid,
      status: row.status,
      createdBy: row.created_by,
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    };
  }

  /** Resolves when the import is over (for tests and shutdown). */
  finished(id: string): Promise<void> {
    return this.running.get(id) ?? Promise.resolve();
  }

  private run(id: string): void {
    if (this.running.has(id)) return;
    const work = this.work(id)
      .catch((error: unknown) => this.logger.error({ err: error, importId: id }, `import ${id} stopped: ${(error as Error).message}`))
      .finally(() => this.running.delete(id));
    this.running.set(id, work);
  }

  private async work(id: string): Promise<void> {
    while (!this.stopping) {
      const done = await this.dataSource.transaction(async (tx) => {
        const [job]: { processed: number; total: number; created_by: string; batch: string[] | null }[] = await tx.query(
          `SELECT processed, total, created_by, addresses[processed + 1 : processed + $2] AS batch FROM newsletter.subscriber_import WHERE id = $1 AND status = 'running' FOR UPDATE`,
          [id, IMPORT_BATCH],
        );
        if (!job) return true;
        const now = this.clock.now();
        let added = 0;
        for (const email of job.batch ?? []) {
          const subscriberId = randomUUID();
          const created: unknown[] = await tx.query(
            `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, updated_at) VALUES ($1, $2, 'pending', 'import', $3, $3)
             ON CONFLICT (email) DO NOTHING RETURNING id`,
            [subscriberId, email, now],
          );
          if (created.length === 0) continue;
          added++;
          await recordConsent(tx, { subscriberId, action: 'imported', source: 'import', at: now, detail: { importId: id, by: job.created_by } });
          await this.mail.add(tx, {
            dedupeKey: `confirmation:${subscriberId}:import-${id}`,
            kind: 'confirmation',
            recipient: email,
            subscriberId,
            ...confirmationMail(this.site, this.links.confirmUrl({ id: subscriberId, email })),
          });
        }
        const count = job.batch?.length ?? 0;
        const processed = job.processed + count;
        const finished = processed >= job.total || count === 0;
        await tx.query(
          `UPDATE newsletter.subscriber_import
              SET processed = $2, added = added + $3, skipped = skipped + $4, status = $5, finished_at = $6,
                  addresses = CASE WHEN $5 = 'done' THEN '{}'::text[] ELSE addresses END
            WHERE id = $1`,
          [id, processed, added, count - added, finished ? 'done' : 'running', finished ? now : null],
        );
        return finished;
      });
      if (done) return;
    }
  }
}
