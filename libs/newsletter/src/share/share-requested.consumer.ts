import { Inject, Injectable } from '@nestjs/common';
import type { EventOf } from '@newsroom/contracts';
import { OnEvent } from '@newsroom/messaging';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { EntityManager } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../newsletter-site';
import { MailQueue } from '../sending/mail-queue';
import { shareMail } from './share-mail';

/** A reader suggested an article to a friend: queue exactly one email to the friend (`share:<shareId>`), in the inbox transaction. */
@Injectable()
export class ShareRequestedConsumer {
  private readonly site: NewsletterSite;

  constructor(
    @Inject(APP_CONFIG) config: BaseConfig,
    private readonly mail: MailQueue,
  ) {
    this.site = newsletterSiteOf(config);
  }

  @OnEvent('publishing.share.requested')
  async on(event: EventOf<'publishing.share.requested'>, tx: EntityManager): Promise<void> {
    const { data } = event;
    await this.mail.add(tx, {
      dedupeKey: `share:${data.shareId}`,
      kind: 'share',
      recipient: data.friendEmail.toLowerCase(),
      ...shareMail(data, this.site),
    });
  }
}
