import { Module } from '@nestjs/common';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule } from '@newsroom/platform';
import { NEWSLETTER_MIGRATIONS } from './newsletter.migrations';

/** The newsletter service: its schema, its outbox and consumer group. Imported by apps/newsletter and by the standalone host. */
@Module({
  imports: [
    DatabaseModule.forService('newsletter', { entities: [], migrations: NEWSLETTER_MIGRATIONS }),
    MessagingModule.forService({ service: 'newsletter', consumers: [] }),
  ],
})
export class NewsletterModule {}
