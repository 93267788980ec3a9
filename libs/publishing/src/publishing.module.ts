import { Module } from '@nestjs/common';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule } from '@newsroom/platform';
import { PUBLISHING_MIGRATIONS } from './publishing.migrations';

/** The publishing service: its schema, its outbox and consumer group. Imported by apps/publishing and by the standalone host. */
@Module({
  imports: [
    DatabaseModule.forService('publishing', { entities: [], migrations: PUBLISHING_MIGRATIONS }),
    MessagingModule.forService({ service: 'publishing', consumers: [] }),
  ],
})
export class PublishingModule {}
