import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@newsroom/platform';
import type { DataSource } from 'typeorm';
import { recordConsent } from '../consent';
import { unsubscribe } from '../subscriber';
import { Subscriber } from '../subscriber.entity';
import { SubscriptionLinks } from '../subscription-links';
import { UnsubscribeCommand, type UnsubscribeResult } from './unsubscribe.command';

/**
 * A valid token unsubscribes its subscriber at once, and the alerts still queued for them are cancelled
 * (the sender also checks at send time). Idempotent: a second use, or a subscriber who is gone, is the
 * same success for the reader.
 */
@CommandHandler(UnsubscribeCommand)
export class UnsubscribeHandler implements ICommandHandler<UnsubscribeCommand> {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly links: SubscriptionLinks,
    private readonly clock: Clock,
  ) {}

  async execute({ token }: UnsubscribeCommand): Promise<UnsubscribeResult> {
    const subject = this.links.readUnsubscribeToken(token);
    if (!subject) return 'invalid-link';
    await this.dataSource.transaction(async (tx) => {
      const subscribers = tx.getRepository(Subscriber);
      const subscriber = await subscribers.findOne({ where: { id: subject.id }, lock: { mode: 'pessimistic_write' } });
      const now = this.clock.now();
      if (!subscriber || subscriber.email !== subject.email || !unsubscribe(subscriber, now)) return;
      await subscribers.save(subscriber);
      await recordConsent(tx, { subscriberId: subscriber.id, action: 'unsubscribed', source: 'unsubscribe link', at: now });
      await tx.query(
        `UPDATE newsletter.outgoing_mail SET status = 'cancelled', last_error = 'not sent: the subscriber unsubscribed'
          WHERE subscriber_id = $1 AND kind IN ('alert', 'digest') AND status = 'queued'`,
        [subscriber.id],
      );
    });
    return 'unsubscribed';
  }
}
