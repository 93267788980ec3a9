export { IngestionModule } from './ingestion.module';
export { INGESTION_MIGRATIONS } from './ingestion.migrations';
