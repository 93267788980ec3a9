// `npm start`: the four services in one process, no broker, the database embedded under DATA_DIR
// (or PostgreSQL when DATABASE_URL is set). HTTP on PORT (default 3000).
import 'reflect-metadata';
import { EditorialModule } from '@newsroom/editorial';
import { IngestionModule } from '@newsroom/ingestion';
import { NewsletterModule } from '@newsroom/newsletter';
import { PublishingModule } from '@newsroom/publishing';
import { runStandalone } from '@newsroom/platform';

runStandalone([IngestionModule, EditorialModule, PublishingModule, NewsletterModule], 3000).catch((error) => {
  console.error(error);
  process.exit(1);
});
