import { Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { Clock } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { applyContent, contentOf, intakeOf } from '../article';
import { Article } from '../article.entity';
import { ArticleSlugs } from '../article-slugs';
import { ArticlePublisher } from './article-publisher';

/**
 * An editor approved a revision: keep it, and publish it now or when its `publishAt` comes. Runs in the
 * inbox transaction, so a redelivered approval has no second effect; a revision not newer than the
 * newest one known (late, out of order) is ignored. Approving a withdrawn article again puts it back.
 */
@Injectable()
export class ArticleApprovedConsumer {
  private readonly logger = new Logger(ArticleApprovedConsumer.name);

  constructor(
    private readonly publisher: ArticlePublisher,
    private readonly slugs: ArticleSlugs,
    private readonly clock: Clock,
  ) {}

  @OnEvent('editorial.article.approved')
  async on(event: EventOf<'editorial.article.approved'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const now = this.clock.now();
    const articles = tx.getRepository(Article);
    const known = await articles.findOne({ where: { id: data.articleId }, lock: { mode: 'pessimistic_write' } });
    const intake = intakeOf(known, data.revision, data.publishAt, now);
    if (intake === 'ignore') {
      this.logger.log({ articleId: data.articleId, revision: data.revision, known: known?.revision }, 'revision not newer than the one kept; ignored');
      return;
    }

    const article =
      known ??
      articles.create({
        id: data.articleId,
        slug: await this.slugs.free(tx, data.title),
        createdAt: now,
        publishedAt: null,
        firstPublishedAt: null,
        withdrawnAt: null,
        renderedHtml: null,
        renderedGzip: null,
        renderedBr: null,
        etag: null,
        corrections: [],
      });
    article.publishAt = data.publishAt ? new Date(data.publishAt) : null;
    article.causeEventId = event.id;
    article.causeCorrelationId = event.correlationId;

    if (intake === 'hold') {
      // The live revision stays on the site until this one's time comes (ScheduledPublisher).
      article.pending = contentOf(data);
    } else {
      // Never public yet: the address may still follow the title (the old one then redirects).
      if (known && !known.firstPublishedAt) await this.slugs.follow(tx, article, data.title, now);
      applyContent(article, contentOf(data));
      article.pending = null;
    }
    if (intake === 'publish') return this.publisher.publish(tx, article, now, { cause: 'approval', at: new Date(data.approvedAt) });

    article.state = 'scheduled';
    article.withdrawnAt = null;
    article.updatedAt = now;
    await articles.save(article);
  }
}
