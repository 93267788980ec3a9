import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { createEvent } from '@newsroom/contracts';
import { Outbox, currentCorrelation } from '@newsroom/messaging';
import { APP_CONFIG, keyedHash, type BaseConfig } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { articleUrl, siteOf } from '@newsroom/site-theme';
import { ShareRequest } from '../share-request.entity';
import { RequestShareCommand, type RequestShareResult } from './request-share.command';
import { isShareFormTokenFor } from './share-form-token';
import { ShareLimits } from './share-limits';

/**
 * Checks the form token and the limits, then records the request and announces it with
 * `publishing.share.requested` in one transaction; the newsletter service sends the email.
 */
@CommandHandler(RequestShareCommand)
export class RequestShareHandler implements ICommandHandler<RequestShareCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @InjectDataSource('publishing') private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly limits: ShareLimits,
  ) {}

  async execute({ article, form, ip }: RequestShareCommand): Promise<RequestShareResult> {
    const secret = this.config.APP_SECRET;
    if (!isShareFormTokenFor(secret, article.slug, form.formToken)) return { status: 'invalid-token' };

    const ipHash = keyedHash(secret, 'ip', ip);
    const friendHash = keyedHash(secret, 'friend', form.friendEmail.toLowerCase());
    const retryAfterSeconds = this.limits.hit(ipHash, friendHash);
    if (retryAfterSeconds !== null) return { status: 'rate-limited', retryAfterSeconds };

    const shareId = randomUUID();
    const requestedAt = new Date();
    const cause = currentCorrelation();
    const event = createEvent(
      'publishing.share.requested',
      {
        shareId,
        articleId: article.id,
        url: articleUrl(siteOf(this.config), article.slug),
        title: article.title,
        friendEmail: form.friendEmail,
        senderName: form.senderName,
        note: form.note,
        requestedAt: requestedAt.toISOString(),
      },
      { aggregateId: shareId, correlationId: cause?.correlationId, causationId: cause?.causationId ?? null, occurredAt: requestedAt },
    );
    await this.dataSource.transaction(async (tx) => {
      await tx.getRepository(ShareRequest).insert({ id: shareId, articleId: article.id, friendHash, senderName: form.senderName, requestedAt, ipHash });
      await this.outbox.add(tx, event);
    });
    return { status: 'accepted', shareId };
  }
}
