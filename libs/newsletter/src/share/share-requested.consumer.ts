import { Inject, Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { MailQueue } from '../sending/mail-queue';
import { addressHash } from '../sending/suppression';
import { SubscriptionLinks } from '../subscriptions/subscription-links';
import { shareMail } from './share-mail';

/**
 * A reader suggested an article to a friend: queue exactly one email to the friend (`share:<shareId>`), in the
 * inbox transaction, tied to the article (a withdrawal cancels it while it waits). An article the newsletter
 * knows as withdrawn is not suggested at all. The suppression list (a bounced address, or a friend who
 * refused suggestions through the link of an earlier one) is applied by the sender.
 */
@Injectable()
export class ShareRequestedConsumer {
  private readonly site: NewsletterSite;

  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly mail: MailQueue,
    private readonly links: SubscriptionLinks,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @OnEvent('publishing.share.requested')
  async on(event: EventOf<'publishing.share.requested'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    const withdrawn: unknown[] = await tx.query(`SELECT 1 FROM newsletter.article WHERE id = $1 AND withdrawn_at IS NOT NULL`, [data.articleId]);
    if (withdrawn.length) return;
    const recipient = data.friendEmail.toLowerCase();
    await this.mail.add(tx, {
      dedupeKey: `share:${data.shareId}`,
      kind: 'share',
      recipient,
      articleIds: [data.articleId],
      ...shareMail(data, this.site, this.links.noSuggestionsUrl(addressHash(this.config.APP_SECRET, recipient))),
    });
  }
}
