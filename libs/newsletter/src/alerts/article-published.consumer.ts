import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { keepPublishedArticle, sectionSlugOf } from '../articles/article-read-model';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { MailQueue } from '../sending/mail-queue';
import { alertMail } from './alert-mail';

/**
 * An article went live: kept for the digests (every revision: a correction updates it), and, for its first
 * publication (revision 1) only, its alert: one mailing, one email per confirmed subscriber who wants each
 * article as published and whose sections and language match, in the inbox transaction, in one statement.
 * `alert:<articleId>:<subscriberId>` and the unique (mailing, subscriber) keep a replayed or re-sent event
 * from queueing a second alert even past the inbox.
 */
@Injectable()
export class ArticlePublishedConsumer {
  private readonly logger = new Logger(ArticlePublishedConsumer.name);
  private readonly site: NewsletterSite;

  constructor(
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly mail: MailQueue,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @OnEvent('publishing.article.published')
  async on(event: EventOf<'publishing.article.published'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    await keepPublishedArticle(tx, data);
    if (data.revision !== 1) return;
    const sectionSlug = await sectionSlugOf(tx, data.section);
    const { added } = await this.mail.addAlert(tx, { articleId: data.articleId, sectionSlug, language: data.language }, alertMail(data, this.site));
    this.logger.log({ articleId: data.articleId, queued: added }, `${added} alert(s) queued for “${data.title}”`);
  }
}
