import { Module } from '@nestjs/common';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule } from '@newsroom/platform';
import { INGESTION_MIGRATIONS } from './ingestion.migrations';

/** The ingestion service: its schema, its outbox and consumer group. Imported by apps/ingestion and by the standalone host. */
@Module({
  imports: [
    DatabaseModule.forService('ingestion', { entities: [], migrations: INGESTION_MIGRATIONS }),
    MessagingModule.forService({ service: 'ingestion', consumers: [] }),
  ],
})
export class IngestionModule {}
