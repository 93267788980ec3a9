import { Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { Clock } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { applyContent, correctionOf } from '../article';
import { Article } from '../article.entity';
import { ArticlePublisher } from '../publish-article/article-publisher';

/**
 * A public article was corrected: the new revision is rendered at once at the same address, with the
 * dated correction note under it, and announced again with `publishing.article.published`. A revision
 * waiting for its time is superseded by the correction (newer). When nothing is live (still under embargo,
 * or withdrawn) the correction is kept and published only when the article is: never early.
 */
@Injectable()
export class ArticleCorrectedConsumer {
  private readonly logger = new Logger(ArticleCorrectedConsumer.name);

  constructor(
    private readonly publisher: ArticlePublisher,
    private readonly clock: Clock,
  ) {}

  @OnEvent('editorial.article.corrected')
  async on(event: EventOf<'editorial.article.corrected'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const now = this.clock.now();
    const articles = tx.getRepository(Article);
    const article = await articles.findOne({ where: { id: data.articleId }, lock: { mode: 'pessimistic_write' } });
    const intake = correctionOf(article, data.revision);
    if (!article || intake === 'ignore') {
      this.logger.log({ articleId: data.articleId, revision: data.revision, known: article?.revision }, 'correction for an unknown article or an old revision; ignored');
      return;
    }
    const { revision, title, publishedOn, section, language, paragraphs } = data;
    const content = { revision, title, publishedOn, section, language, paragraphs };
    article.corrections = [...(article.corrections ?? []), { revision, note: data.correctionNote, correctedAt: data.correctedAt }];
    article.causeEventId = event.id;
    article.causeCorrelationId = event.correlationId;
    if (intake === 'publish') {
      applyContent(article, content);
      return this.publisher.publish(tx, article, now, { cause: 'correction', at: new Date(data.correctedAt) });
    }
    // Not live: a scheduled article keeps its time, a withdrawn one stays down.
    applyContent(article, content);
    article.updatedAt = now;
    await articles.save(article);
  }
}
