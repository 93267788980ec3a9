import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@newsroom/platform';
import type { DataSource } from 'typeorm';
import { recordConsent } from '../consent';
import { confirmSubscription } from '../subscriber';
import { Subscriber } from '../subscriber.entity';
import { SubscriptionLinks } from '../subscription-links';
import { ConfirmSubscriptionCommand, type ConfirmSubscriptionResult } from './confirm-subscription.command';

/** A valid, unexpired token for a subscriber whose address is still the one it was sent to confirms a pending subscription. */
@CommandHandler(ConfirmSubscriptionCommand)
export class ConfirmSubscriptionHandler implements ICommandHandler<ConfirmSubscriptionCommand> {
  constructor(
    @InjectDataSource('newsletter') private readonly dataSource: DataSource,
    private readonly links: SubscriptionLinks,
    private readonly clock: Clock,
  ) {}

  async execute({ token }: ConfirmSubscriptionCommand): Promise<ConfirmSubscriptionResult> {
    const subject = this.links.readConfirmToken(token);
    if (!subject) return 'invalid-link';
    return this.dataSource.transaction(async (tx) => {
      const subscribers = tx.getRepository(Subscriber);
      const subscriber = await subscribers.findOne({ where: { id: subject.id }, lock: { mode: 'pessimistic_write' } });
      if (!subscriber || subscriber.email !== subject.email) return 'invalid-link';
      const now = this.clock.now();
      const outcome = confirmSubscription(subscriber, now);
      if (outcome === 'confirmed') {
        await subscribers.save(subscriber);
        await recordConsent(tx, { subscriberId: subscriber.id, action: 'confirmed', source: 'confirmation link', at: now });
      }
      return outcome;
    });
  }
}
