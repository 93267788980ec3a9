// The publishing service as its own process: Kafka, PostgreSQL (schema `publishing`), HTTP on PORT (default 3003).
import 'reflect-metadata';
import { PublishingModule } from '@newsroom/publishing';
import { runService } from '@newsroom/platform';

runService('publishing', PublishingModule, 3003).catch((error) => {
  console.error(error);
  process.exit(1);
});
