import { Inject, Injectable } from '@nestjs/common';
import { createEvent } from '@newsroom/contracts';
import { Outbox } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { EntityManager } from 'typeorm';
import { foldAccents } from '../../search/search-text';
import { loadSections } from '../../sections/site-sections';
import { articleUrl, renderArticlePage, type Site, siteOf } from '@newsroom/site-theme';
import { Article } from '../article.entity';
import { StoredPages } from '../read-article/stored-pages';
import { PublishDelays, type PublicationDue } from './publish-delays';

/**
 * The one publication path, for an approval that is due at once, a scheduled one whose time has come and a
 * correction: render the page once and store it (with its ETag, gzip and brotli forms and its search text),
 * mark the article live, and announce it with `publishing.article.published` in the same transaction. Also
 * the one withdrawal path. The caller holds the article's row lock.
 */
@Injectable()
export class ArticlePublisher {
  private readonly site: Site;

  constructor(
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly outbox: Outbox,
    private readonly pages: StoredPages,
    private readonly delays: PublishDelays,
  ) {
    this.site = siteOf(config);
  }

  /** `due`: when and why it was due on the site, for the publish-delay metric. */
  async publish(tx: EntityManager, article: Article, now: Date, due: PublicationDue): Promise<void> {
    article.state = 'published';
    article.pending = null;
    article.publishAt = null;
    article.withdrawnAt = null;
    article.firstPublishedAt ??= now;
    article.publishedAt = now;
    await this.render(tx, article, now);

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
    this.delays.published(tx, due, now);
  }

  /** Renders a live article again without a new publication (the sections changed): no event, a new ETag. */
  async rerender(tx: EntityManager, article: Article, now: Date): Promise<void> {
    if (!article.publishedAt) return;
    await this.render(tx, article, now);
  }

  /**
   * Takes an article down, or cancels its publication: nothing of it stays readable (page, print view, lists,
   * feeds, sitemap, search, share form); a page that was public answers 410. Announced with
   * `publishing.article.withdrawn`. False when it was already withdrawn.
   */
  async withdraw(tx: EntityManager, article: Article, now: Date): Promise<boolean> {
    if (article.state === 'withdrawn') return false;
    const wasPublic = article.publishedAt !== null;
    Object.assign(article, {
      state: 'withdrawn',
      withdrawnAt: now,
      publishedAt: null,
      publishAt: null,
      pending: null,
      renderedHtml: null,
      renderedGzip: null,
      renderedBr: null,
      etag: null,
      updatedAt: now,
    } satisfies Partial<Article>);
    await tx.getRepository(Article).save(article);
    this.pages.forget(article.slug, tx);
    const event = createEvent(
      'publishing.article.withdrawn',
      { articleId: article.id, slug: wasPublic ? article.slug : null, wasPublic, withdrawnAt: now.toISOString() },
      { aggregateId: article.id, causationId: article.causeEventId, correlationId: article.causeCorrelationId ?? undefined, occurredAt: now },
    );
    await this.outbox.add(tx, event);
    return true;
  }

  private async render(tx: EntityManager, article: Article, now: Date): Promise<void> {
    const sections = await loadSections(tx);
    const page = renderArticlePage(
      { ...article, corrections: article.corrections ?? [], firstPublishedAt: article.firstPublishedAt ?? now, publishedAt: article.publishedAt ?? now },
      this.site,
      sections,
    );
    Object.assign(article, await compressed(page));
    article.searchTitle = foldAccents(article.title);
    article.searchBody = foldAccents(article.paragraphs.join('\n'));
    article.updatedAt = now;
    await tx.getRepository(Article).save(article);
    this.pages.forget(article.slug, tx);
  }
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * The rendering with its ETag and its gzip and brotli forms, made once per publication, on libuv's threads so
 * the event loop goes on serving pages and handling other partitions meanwhile. Brotli at quality 10, not 11:
 * on an article page 11 saves about 3 % of the bytes for four times the CPU (≈ 12 ms against 3), which a burst
 * of approvals pays in publication delay.
 */
export async function compressed(page: string): Promise<Pick<Article, 'renderedHtml' | 'etag' | 'renderedGzip' | 'renderedBr'>> {
  const bytes = Buffer.from(page, 'utf8');
  const [renderedGzip, renderedBr] = await Promise.all([
    gzipAsync(bytes, { level: 9 }),
    brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 10, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
  ]);
  return { renderedHtml: page, etag: etagOf(page), renderedGzip, renderedBr };
}

/** A strong validator of the stored rendering (unquoted; the controller quotes it). */
export function etagOf(rendering: string): string {
  return createHash('sha256').update(rendering).digest('base64url').slice(0, 32);
}
