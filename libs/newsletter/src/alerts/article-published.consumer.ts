import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { MailQueue } from '../sending/mail-queue';
import { alertMail } from './alert-mail';

/**
 * An article went live: queue one alert per confirmed subscriber, in the inbox transaction, in one
 * statement. Only for its first publication (revision 1): a correction republishes the article but
 * does not alert again. `alert:<articleId>:<subscriberId>` keeps a replayed or re-sent event from
 * queueing a second alert even past the inbox.
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
    if (data.revision !== 1) return;
    const queued = await this.mail.addForEachConfirmedSubscriber(tx, 'alert', `alert:${data.articleId}:`, alertMail(data, this.site));
    this.logger.log({ articleId: data.articleId, queued }, `${queued} alert(s) queued for “${data.title}”`);
  }
}
