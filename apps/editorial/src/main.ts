// The editorial service as its own process: Kafka, PostgreSQL (schema `editorial`), HTTP on PORT (default 3002).
import 'reflect-metadata';
import { EditorialModule } from '@newsroom/editorial';
import { runService } from '@newsroom/platform';

runService('editorial', EditorialModule, 3002).catch((error) => {
  console.error(error);
  process.exit(1);
});
