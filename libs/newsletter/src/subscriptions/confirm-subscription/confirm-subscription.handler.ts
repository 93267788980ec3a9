import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
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
  ) {}

  async execute({ token }: ConfirmSubscriptionCommand): Promise<ConfirmSubscriptionResult> {
    const subject = this.links.readConfirmToken(token);
    if (!subject) return 'invalid-link';
    return this.dataSource.transaction(async (tx) => {
      const subscribers = tx.getRepository(Subscriber);
      const subscriber = await subscribers.findOne({ where: { id: subject.id }, lock: { mode: 'pessimistic_write' } });
      if (!subscriber || subscriber.email !== subject.email) return 'invalid-link';
      const outcome = confirmSubscription(subscriber, new Date());
      if (outcome === 'confirmed') await subscribers.save(subscriber);
      return outcome;
    });
  }
}
