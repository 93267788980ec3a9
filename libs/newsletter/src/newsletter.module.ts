import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@newsroom/messaging';
import { APP_CONFIG, DatabaseModule, type BaseConfig } from '@newsroom/platform';
import { AdminNewsletterController } from './admin/admin-newsletter.controller';
import { SubscriberImporter } from './admin/subscriber-importer';
import { ArticlePublishedConsumer } from './alerts/article-published.consumer';
import { ArticleWithdrawnConsumer } from './articles/article-withdrawn.consumer';
import { SiteSectionsChangedConsumer } from './articles/site-sections-changed.consumer';
import { DigestComposer } from './digests/digest-composer';
import { DigestScheduler } from './digests/digest-scheduler';
import { NEWSLETTER_MIGRATIONS } from './newsletter.migrations';
import { MailQueue } from './sending/mail-queue';
import { DEFAULT_MAIL_SENDER_OPTIONS, MAIL_SENDER_OPTIONS, MailSender } from './sending/mail-sender';
import { createMailTransport, MAIL_TRANSPORT } from './sending/mail-transport';
import { OutgoingMail } from './sending/outgoing-mail.entity';
import { NoSuggestionsController } from './share/no-suggestions.controller';
import { ShareRequestedConsumer } from './share/share-requested.consumer';
import { ConfirmSubscriptionController } from './subscriptions/confirm-subscription/confirm-subscription.controller';
import { ConfirmSubscriptionHandler } from './subscriptions/confirm-subscription/confirm-subscription.handler';
import { SubscribeLimits } from './subscriptions/subscribe/subscribe-limits';
import { SubscribeProtection } from './subscriptions/subscribe/subscribe-protection';
import { SubscribeController } from './subscriptions/subscribe/subscribe.controller';
import { SubscribeHandler } from './subscriptions/subscribe/subscribe.handler';
import { Subscriber } from './subscriptions/subscriber.entity';
import { SubscriptionLinks } from './subscriptions/subscription-links';
import { UnsubscribeController } from './subscriptions/unsubscribe/unsubscribe.controller';
import { PreferencesController } from './subscriptions/preferences/preferences.controller';
import {
  EraseSubscriberHandler,
  ExportSubscriberDataHandler,
  ResubscribeHandler,
  UpdatePreferencesHandler,
} from './subscriptions/preferences/preferences.handlers';
import { UnsubscribeHandler } from './subscriptions/unsubscribe/unsubscribe.handler';

/**
 * The newsletter service: its schema, its outbox and consumer group, and by feature what it does.
 * Imported by apps/newsletter and by the standalone host.
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    DatabaseModule.forService('newsletter', { entities: [Subscriber, OutgoingMail], migrations: NEWSLETTER_MIGRATIONS }),
    MessagingModule.forService({
      service: 'newsletter',
      consumers: [ArticlePublishedConsumer, ArticleWithdrawnConsumer, SiteSectionsChangedConsumer, ShareRequestedConsumer],
    }),
  ],
  controllers: [
    // subscriptions: subscribe (form and API), confirm, unsubscribe (button and one-click)
    SubscribeController,
    ConfirmSubscriptionController,
    UnsubscribeController,
    // preferences: frequency, sections, language, resubscribe, export, erase (from every email's signed link)
    PreferencesController,
    // share: the friend's "no more suggestions" link
    NoSuggestionsController,
    // admin (administrators): sends and their progress, subscribers, CSV imports
    AdminNewsletterController,
  ],
  providers: [
    // subscriptions
    SubscriptionLinks,
    SubscribeLimits,
    SubscribeProtection,
    SubscribeHandler,
    ConfirmSubscriptionHandler,
    UnsubscribeHandler,
    UpdatePreferencesHandler,
    ResubscribeHandler,
    ExportSubscriberDataHandler,
    EraseSubscriberHandler,
    // alerts: one email per confirmed subscriber when an article is first published
    ArticlePublishedConsumer,
    // articles and sections as the newsletter knows them; a withdrawal cancels what still waits
    ArticleWithdrawnConsumer,
    SiteSectionsChangedConsumer,
    // digests: daily and weekly, at the configured hour
    DigestComposer,
    DigestScheduler,
    // share: "Suggest To A Friend"
    ShareRequestedConsumer,
    // admin
    SubscriberImporter,
    // sending: the outgoing mail queue and its sender
    MailQueue,
    MailSender,
    {
      provide: MAIL_SENDER_OPTIONS,
      inject: [APP_CONFIG],
      useFactory: (config: BaseConfig) => ({ ...DEFAULT_MAIL_SENDER_OPTIONS, ratePerSecond: config.NEWSLETTER_RATE_PER_SECOND ?? DEFAULT_MAIL_SENDER_OPTIONS.ratePerSecond }),
    },
    { provide: MAIL_TRANSPORT, inject: [APP_CONFIG], useFactory: (config: BaseConfig) => createMailTransport(config) },
  ],
})
export class NewsletterModule {}
