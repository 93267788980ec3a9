export { IngestionModule } from './ingestion.module';
export { INGESTION_MIGRATIONS } from './ingestion.migrations';
export { IngestCommuniqueCommand, type IngestCommuniqueInput, type IngestedCommunique } from './communiques/ingest-communique/ingest-communique.command';
export { CommuniqueRejected, readHtml, type RejectionReason } from './normalise';
