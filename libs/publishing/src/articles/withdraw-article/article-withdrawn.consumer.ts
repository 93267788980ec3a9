import { Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { Clock } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { Article } from '../article.entity';
import { ArticlePublisher } from '../publish-article/article-publisher';

/**
 * An article must not be, or no longer be, public: a public one answers 410 from now on and leaves the
 * lists, feeds, sitemap and search; a scheduled one is never published. `publishing.article.withdrawn`
 * (`wasPublic`) tells the newsletter to stop what it still holds for it.
 */
@Injectable()
export class ArticleWithdrawnConsumer {
  private readonly logger = new Logger(ArticleWithdrawnConsumer.name);

  constructor(
    private readonly publisher: ArticlePublisher,
    private readonly clock: Clock,
  ) {}

  @OnEvent('editorial.article.withdrawn')
  async on(event: EventOf<'editorial.article.withdrawn'>, tx: EntityManager): Promise<void> {
    const article = await tx.getRepository(Article).findOne({ where: { id: event.data.articleId }, lock: { mode: 'pessimistic_write' } });
    if (!article) {
      this.logger.log({ articleId: event.data.articleId }, 'withdrawal of an article never approved here; nothing to do');
      return;
    }
    article.causeEventId = event.id;
    article.causeCorrelationId = event.correlationId;
    if (!(await this.publisher.withdraw(tx, article, this.clock.now()))) this.logger.log({ articleId: article.id }, 'already withdrawn');
  }
}
