// The ingestion service as its own process: Kafka, PostgreSQL (schema `ingestion`), HTTP on PORT (default 3001).
import 'reflect-metadata';
import { IngestionModule } from '@newsroom/ingestion';
import { runService } from '@newsroom/platform';

runService('ingestion', IngestionModule, 3001).catch((error) => {
  console.error(error);
  process.exit(1);
});
