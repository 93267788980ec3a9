import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@newsroom/messaging';
import { APP_CONFIG, DatabaseModule, type BaseConfig } from '@newsroom/platform';
import { ArticlePublishedConsumer } from './alerts/article-published.consumer';
import { NEWSLETTER_MIGRATIONS } from './newsletter.migrations';
import { MailQueue } from './sending/mail-queue';
import { DEFAULT_MAIL_SENDER_OPTIONS, MAIL_SENDER_OPTIONS, MailSender } from './sending/mail-sender';
import { createMailTransport, MAIL_TRANSPORT } from './sending/mail-transport';
import { OutgoingMail } from './sending/outgoing-mail.entity';
import { ShareRequestedConsumer } from './share/share-requested.consumer';
import { ConfirmSubscriptionController } from './subscriptions/confirm-subscription/confirm-subscription.controller';
import { ConfirmSubscriptionHandler } from './subscriptions/confirm-subscription/confirm-subscription.handler';
import { SubscribeLimits } from './subscriptions/subscribe/subscribe-limits';
import { SubscribeController } from './subscriptions/subscribe/subscribe.controller';
import { SubscribeHandler } from './subscriptions/subscribe/subscribe.handler';
import { Subscriber } from './subscriptions/subscriber.entity';
import { SubscriptionLinks } from './subscriptions/subscription-links';
import { UnsubscribeController } from './subscriptions/unsubscribe/unsubscribe.controller';
import { UnsubscribeHandler } from './subscriptions/unsubscribe/unsubscribe.handler';

/**
 * The newsletter service: its schema, its outbox and consumer group, and by feature what it does.
 * Imported by apps/newsletter and by the standalone host.
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    DatabaseModule.forService('newsletter', { entities: [Subscriber, OutgoingMail], migrations: NEWSLETTER_MIGRATIONS }),
    MessagingModule.forService({ service: 'newsletter', consumers: [ArticlePublishedConsumer, ShareRequestedConsumer] }),
  ],
  controllers: [
    // subscriptions: subscribe (form and API), confirm, unsubscribe (button and one-click)
    SubscribeController,
    ConfirmSubscriptionController,
    UnsubscribeController,
  ],
  providers: [
    // subscriptions
    SubscriptionLinks,
    SubscribeLimits,
    SubscribeHandler,
    ConfirmSubscriptionHandler,
    UnsubscribeHandler,
    // alerts: one email per confirmed subscriber when an article is first published
    ArticlePublishedConsumer,
    // share: "Suggest To A Friend"
    ShareRequestedConsumer,
    // sending: the outgoing mail queue and its sender
    MailQueue,
    MailSender,
    { provide: MAIL_SENDER_OPTIONS, useValue: DEFAULT_MAIL_SENDER_OPTIONS },
    { provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: (config: BaseConfig) => createMailTransport(config) },
  ],
})
export class NewsletterModule {}
