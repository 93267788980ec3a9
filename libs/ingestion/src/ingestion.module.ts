import { SiteSections } from './site-sections/site-sections';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MessagingModule } from '@newsroom/messaging';
import { DatabaseModule } from '@newsroom/platform';
import { Communique } from './communiques/communique.entity';
import { DownloadOriginalController } from './communiques/download-original/download-original.controller';
import { GetOriginalHandler } from './communiques/download-original/get-original.handler';
import { GetCommuniqueController } from './communiques/get-communique/get-communique.controller';
import { GetCommuniqueHandler } from './communiques/get-communique/get-communique.handler';
import { IngestCommuniqueController } from './communiques/ingest-communique/ingest-communique.controller';
import { IngestCommuniqueHandler } from './communiques/ingest-communique/ingest-communique.handler';
import { DropFolderWatcher } from './drop-folder/drop-folder.watcher';
import { FEED_CONTROLLERS, FEED_PROVIDERS } from './feeds';
import { INGESTION_MIGRATIONS } from './ingestion.migrations';

/**
 * The ingestion service: receives communiqués, keeps their originals, normalises them and announces
 * `ingestion.communique.received`. Imported by apps/ingestion and by the standalone host.
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    DatabaseModule.forService('ingestion', { entities: [Communique], migrations: INGESTION_MIGRATIONS }),
    MessagingModule.forService({ service: 'ingestion', consumers: [SiteSections] }),
  ],
  controllers: [
    IngestCommuniqueController, // POST /api/ingestion/communiques
    GetCommuniqueController, // GET  /api/ingestion/communiques/:id
    DownloadOriginalController, // GET  /api/ingestion/communiques/:id/original
    ...FEED_CONTROLLERS, // /api/ingestion/feeds (feeds/)
  ],
  providers: [SiteSections, IngestCommuniqueHandler, GetCommuniqueHandler, GetOriginalHandler, DropFolderWatcher, ...FEED_PROVIDERS],
})
export class IngestionModule {}
