import { Inject, Injectable } from '@nestjs/common';
import { createEvent } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { articleUrl, siteOf, type Site } from '../../site/site';
import { renderArticlePage } from '../article-page';
import { Article } from '../article.entity';

/**
 * The one publication path, for an approval that is due at once and for a scheduled one whose time has
 * come: render the page once and store it with its ETag, mark the article live, and announce it with
 * `publishing.article.published` in the same transaction. The caller holds the article's row lock.
 */
@Injectable()
export class ArticlePublisher {
  private readonly site: Site;

  constructor(
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly outbox: Outbox,
  ) {
    this.site = siteOf(config);
  }

  async publish(tx: EntityManager, article: Article, now = new Date()): Promise<void> {
    article.renderedHtml = renderArticlePage(article, this.site);
    article.etag = etagOf(article.renderedHtml);
    article.state = 'published';
    article.pending = null;
    article.publishedAt = now;
    article.updatedAt = now;
    await tx.getRepository(Article).save(article);

    const event = createEvent(
      'publishing.article.published',
      {
        articleId: article.id,
        revision: article.revision,
        slug: article.slug,
        url: articleUrl(this.site, article.slug),
        title: article.title,
        summary: article.summary,
        publishedOn: article.publishedOn,
        section: article.section,
        language: article.language,
        publishedAt: now.toISOString(),
      },
      { aggregateId: article.id, causationId: article.causeEventId, correlationId: article.causeCorrelationId ?? undefined, occurredAt: now },
    );
    await this.outbox.add(tx, event);
  }
}

/** A strong validator of the stored rendering (unquoted; the controller quotes it). */
export function etagOf(rendering: string): string {
  return createHash('sha256').update(rendering).digest('base64url').slice(0, 32);
}
