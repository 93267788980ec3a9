import { Module } from '@nestjs/common';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule } from '@newsroom/platform';
import { EDITORIAL_MIGRATIONS } from './editorial.migrations';

/** The editorial service: its schema, its outbox and consumer group. Imported by apps/editorial and by the standalone host. */
@Module({
  imports: [
    DatabaseModule.forService('editorial', { entities: [], migrations: EDITORIAL_MIGRATIONS }),
    MessagingModule.forService({ service: 'editorial', consumers: [] }),
  ],
})
export class EditorialModule {}
