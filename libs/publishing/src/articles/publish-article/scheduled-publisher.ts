import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { runWithCorrelation } from '@newsroom/messaging';
import { Clock } from '@newsroom/platform';
import type { DataSource } from 'typeorm';
import { applyContent } from '../article';
import { Article } from '../article.entity';
import { ArticlePublisher } from './article-publisher';

/** How often due articles are looked for. */
export const SCHEDULE_INTERVAL_MS = 1_000;
/** At most this many publications per tick, so a backlog never holds the database for long. */
const BATCH = 50;

/**
 * Publishes scheduled articles whose time has come (by the injected Clock), at bootstrap and then every second until shutdown. Each one in
 * its own transaction, taken with `FOR UPDATE SKIP LOCKED` so several replicas never publish one twice,
 * through the same path (and the same event) as an approval that is due at once.
 */
@Injectable()
export class ScheduledPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScheduledPublisher.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource('publishing') private readonly dataSource: DataSource,
    private readonly publisher: ArticlePublisher,
    private readonly clock: Clock,
  ) {}

  /** A first pass at once: what came due while no process was running (a restart over the moment) goes out now. */
  onApplicationBootstrap(): void {
    void this.tick();
    this.timer = setInterval(() => void this.tick(), SCHEDULE_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One pass (never two at once); resolves to the number of articles published. */
  tick(): Promise<number> {
    this.running ??= this.publishDue().finally(() => (this.running = null));
    return this.running;
  }

  private async publishDue(): Promise<number> {
    const failed: string[] = [];
    let published = 0;
    while (published < BATCH) {
      let id: string | null = null;
      try {
        id = await this.dataSource.transaction(async (tx) => {
          const now = this.clock.now();
          const query = tx
            .getRepository(Article)
            .createQueryBuilder('article')
            .where(`article.state = 'scheduled'`)
            .andWhere('article.publish_at <= :now', { now })
            .orderBy('article.publish_at', 'ASC')
            .limit(1)
            .setLock('pessimistic_write')
            .setOnLocked('skip_locked');
          if (failed.length) query.andWhere('article.id NOT IN (:...failed)', { failed });
          const article = await query.getOne();
          if (!article) return null;
          id = article.id;
          await runWithCorrelation({ correlationId: article.causeCorrelationId ?? article.id, causationId: article.causeEventId }, async () => {
            const due = { cause: 'schedule' as const, at: article.publishAt ?? now };
            if (article.pending) applyContent(article, article.pending);
            await this.publisher.publish(tx, article, now, due);
          });
          this.logger.log({ articleId: article.id, revision: article.revision, slug: article.slug }, 'scheduled article published');
          return article.id;
        });
      } catch (error) {
        // Rolled back; tried again at the next tick. The others are not held up meanwhile.
        this.logger.error({ articleId: id, err: error }, 'could not publish a scheduled article');
        if (!id) return published;
        failed.push(id);
        continue;
      }
      if (!id) return published;
      published++;
    }
    return published;
  }
}
