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
import { senderKey, ShareLimits } from './share-limits';
import { ShareProtection } from './share-protection';

/**
 * Checks the form token, spends the proof of work and checks the limits, then records the request and
 * announces it with `publishing.share.requested`, all in one transaction serialised with the other
 * requests (so two cannot both take a limit's last place); the newsletter service sends the email.
 */
@CommandHandler(RequestShareCommand)
export class RequestShareHandler implements ICommandHandler<RequestShareCommand> {
  constructor(
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    @InjectDataSource('publishing') private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly limits: ShareLimits,
    private readonly protection: ShareProtection,
  ) {}

  async execute({ article, form, ip }: RequestShareCommand): Promise<RequestShareResult> {
    const secret = this.config.APP_SECRET;
    if (!isShareFormTokenFor(secret, article.slug, form.formToken)) return { status: 'invalid-token' };

    const proof = this.protection.check(form.pow_challenge, form.pow_solution);
    if (proof.kind === 'invalid') return { status: 'invalid-proof' };

    const ipHash = keyedHash(secret, 'ip', ip);
    const senderHash = keyedHash(secret, 'sender', senderKey(form.senderName, ip));
    const friendHash = keyedHash(secret, 'friend', form.friendEmail.toLowerCase());
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
    return this.dataSource.transaction(async (tx): Promise<RequestShareResult> => {
      await this.limits.serialise(tx);
      // A solved challenge buys one attempt, accepted or not.
      if (proof.kind === 'valid' && !(await this.protection.spend(tx, proof, requestedAt.getTime()))) return { status: 'invalid-proof' };
      const proofOfWork = proof.kind === 'valid';
      const retryAfterSeconds = await this.limits.check(tx, { ipHash, senderHash, friendHash, proofOfWork }, requestedAt.getTime());
      if (retryAfterSeconds !== null) return { status: 'rate-limited', retryAfterSeconds };
      await tx.getRepository(ShareRequest).insert({ id: shareId, articleId: article.id, friendHash, senderName: form.senderName, requestedAt, ipHash, senderHash, proofOfWork });
      await this.outbox.add(tx, event);
      return { status: 'accepted', shareId };
    });
  }
}
