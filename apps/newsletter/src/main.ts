// The newsletter service as its own process: Kafka, PostgreSQL (schema `newsletter`), HTTP on PORT (default 3004).
import 'reflect-metadata';
import { NewsletterModule } from '@newsroom/newsletter';
import { runService } from '@newsroom/platform';

runService('newsletter', NewsletterModule, 3004).catch((error) => {
  console.error(error);
  process.exit(1);
});
