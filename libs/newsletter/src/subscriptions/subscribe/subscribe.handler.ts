import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, Clock, keyedHash, type BaseConfig } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { newsletterSiteOf, type NewsletterSite } from '../../newsletter-site';
import { MailQueue } from '../../sending/mail-queue';
import { confirmationMail } from '../confirmation-mail';
import { recordConsent } from '../consent';
import { requestSubscription } from '../subscriber';
import { Subscriber } from '../subscriber.entity';
import { SubscriptionLinks } from '../subscription-links';
import { SubscribeCommand } from './subscribe.command';

/**
 * A new address becomes pending; a pending or unsubscribed one is (again) pending; each of these gets a
 * confirmation email, queued in the same transaction. A confirmed address is left alone, without email.
 * The caller answers the same in every case.
 */
@CommandHandler(SubscribeCommand)
export class SubscribeHandler implements ICommandHandler<SubscribeCommand> {
  private readonly site: NewsletterSite;

  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
    private readonly links: SubscriptionLinks,
    private readonly mail: MailQueue,
    private readonly clock: Clock,
  ) {
    this.site = newsletterSiteOf(config);
  }

  async execute({ email, source, clientIp }: SubscribeCommand): Promise<void> {
    const now = this.clock.now();
    const ipHash = clientIp ? keyedHash(this.config.APP_SECRET, 'newsletter-consent-ip', clientIp) : null;
    await this.dataSource.transaction(async (tx) => {
      const id = randomUUID();
      const created: unknown[] = await tx.query(
        `INSERT INTO newsletter.subscriber (id, email, status, consent_source, consent_ip_hash, requested_at, updated_at)
         VALUES ($1, $2, 'pending', $3, $4, $5, $5)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [id, email, source, ipHash, now],
      );
      let subscriberId: string = id;
      if (created.length === 0) {
        const subscribers = tx.getRepository(Subscriber);
        const known = await subscribers.findOne({ where: { email }, lock: { mode: 'pessimistic_write' } });
        if (!known) throw new Error(`subscriber ${email} vanished during its subscription request`);
        if (!requestSubscription(known, { source, ipHash, now })) return;
        await subscribers.save(known);
        subscriberId = known.id;
      }
      await recordConsent(tx, { subscriberId, action: 'requested', source, ipHash, at: now });
      await this.mail.add(tx, {
        dedupeKey: `confirmation:${subscriberId}:${randomUUID()}`,
        kind: 'confirmation',
        recipient: email,
        subscriberId,
        ...confirmationMail(this.site, this.links.confirmUrl({ id: subscriberId, email })),
      });
    });
  }
}
