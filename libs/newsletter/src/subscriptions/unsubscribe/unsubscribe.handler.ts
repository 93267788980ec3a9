import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
  ) {}

  async execute({ token }: UnsubscribeCommand): Promise<UnsubscribeResult> {
    const subject = this.links.readUnsubscribeToken(token);
    if (!subject) return 'invalid-link';
    await this.dataSource.transaction(async (tx) => {
      const subscribers = tx.getRepository(Subscriber);
      const subscriber = await subscribers.findOne({ where: { id: subject.id }, lock: { mode: 'pessimistic_write' } });
      if (!subscriber || subscriber.email !== subject.email || !unsubscribe(subscriber, new Date())) return;
      await subscribers.save(subscriber);
      await tx.query(
        `UPDATE newsletter.outgoing_mail SET status = 'cancelled', last_error = 'not sent: the subscriber unsubscribed'
          WHERE subscriber_id = $1 AND kind = 'alert' AND status = 'queued'`,
        [subscriber.id],
      );
    });
    return 'unsubscribed';
  }
}
