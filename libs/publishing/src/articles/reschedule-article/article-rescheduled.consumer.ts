import { Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { Clock } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { applyContent, rescheduleOf } from '../article';
import { Article } from '../article.entity';
import { ArticlePublisher } from '../publish-article/article-publisher';

/**
 * An embargo moved: the waiting revision (a scheduled article, or a live article's pending revision) takes
 * the new time, or is published at once when the new time has come or none is given. Anything else (the
 * revision is already public, withdrawn, or not the one waiting) is ignored: a reschedule never publishes
 * something that was not waiting.
 */
@Injectable()
export class ArticleRescheduledConsumer {
  private readonly logger = new Logger(ArticleRescheduledConsumer.name);

  constructor(
    private readonly publisher: ArticlePublisher,
    private readonly clock: Clock,
  ) {}

  @OnEvent('editorial.article.rescheduled')
  async on(event: EventOf<'editorial.article.rescheduled'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const now = this.clock.now();
    const articles = tx.getRepository(Article);
    const article = await articles.findOne({ where: { id: data.articleId }, lock: { mode: 'pessimistic_write' } });
    const outcome = rescheduleOf(article, data.revision, data.publishAt, now);
    if (!article || outcome === 'ignore') {
      this.logger.log({ articleId: data.articleId, revision: data.revision, state: article?.state }, 'nothing waits for this revision; reschedule ignored');
      return;
    }
    article.causeEventId = event.id;
    article.causeCorrelationId = event.correlationId;
    if (outcome === 'publish') {
      if (article.pending) applyContent(article, article.pending);
      // Moved to a time already past, or to "as soon as possible" (null): due since the editor asked.
      return this.publisher.publish(tx, article, now, { cause: 'reschedule', at: new Date(data.publishAt ?? event.occurredAt) });
    }
    article.publishAt = new Date(data.publishAt as string);
    article.updatedAt = now;
    await articles.save(article);
  }
}
