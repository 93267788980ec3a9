import { Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import type { EntityManager } from 'typeorm';
import { applyContent, contentOf, intakeOf } from '../article';
import { Article } from '../article.entity';
import { slugify, uniqueSlug } from '../slug';
import { ArticlePublisher } from './article-publisher';

/**
 * An editor approved a revision: keep it, and publish it now or when its `publishAt` comes. Runs in the
 * inbox transaction, so a redelivered approval has no second effect; a revision not newer than the
 * newest one known (late, out of order) is ignored.
 */
@Injectable()
export class ArticleApprovedConsumer {
  private readonly logger = new Logger(ArticleApprovedConsumer.name);

  constructor(private readonly publisher: ArticlePublisher) {}

  @OnEvent('editorial.article.approved')
  async on(event: EventOf<'editorial.article.approved'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const now = new Date();
    const articles = tx.getRepository(Article);
    const known = await articles.findOne({ where: { id: data.articleId }, lock: { mode: 'pessimistic_write' } });
    const intake = intakeOf(known, data.revision, data.publishAt, now);
    if (intake === 'ignore') {
      this.logger.log({ articleId: data.articleId, revision: data.revision, known: known?.revision }, 'revision not newer than the one kept; ignored');
      return;
    }

    const article = known ?? articles.create({ id: data.articleId, slug: await this.freeSlug(tx, data.title), createdAt: now, publishedAt: null, renderedHtml: null, etag: null });
    article.publishAt = data.publishAt ? new Date(data.publishAt) : null;
    article.causeEventId = event.id;
    article.causeCorrelationId = event.correlationId;

    if (intake === 'hold') {
      // The live revision stays on the site until this one's time comes (ScheduledPublisher).
      article.pending = contentOf(data);
    } else {
      applyContent(article, contentOf(data));
      article.pending = null;
    }
    if (intake === 'publish') return this.publisher.publish(tx, article, now);

    article.state = 'scheduled';
    article.updatedAt = now;
    await articles.save(article);
  }

  /** The title's slug, or the first free `-2`, `-3` ... when other articles have it. */
  private async freeSlug(tx: EntityManager, title: string): Promise<string> {
    const base = slugify(title);
    // A slug is [a-z0-9-] only: nothing in it is a LIKE wildcard.
    const rows: { slug: string }[] = await tx.query(`SELECT slug FROM publishing.article WHERE slug = $1 OR slug LIKE $2`, [base, `${base}-%`]);
    return uniqueSlug(
      base,
      rows.map((row) => row.slug),
    );
  }
}
