// `npm start`: the four services in one process, no broker, the database embedded under DATA_DIR
// (or PostgreSQL when DATABASE_URL is set). HTTP on PORT (default 3000). On a fresh DATA_DIR it creates
// the administrator, loads the demo communiqués (unless DEMO_CONTENT=0) and prints how to sign in.
import 'reflect-metadata';
import { EditorialModule, InitialAdministrator } from '@newsroom/editorial';
import { IngestionModule } from '@newsroom/ingestion';
import { NewsletterModule } from '@newsroom/newsletter';
import { APP_CONFIG, runStandalone, type BaseConfig } from '@newsroom/platform';
import { PublishingModule } from '@newsroom/publishing';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { demoDirectory, loadDemoContent } from './demo-content';

async function main(): Promise<void> {
  const app = await runStandalone([IngestionModule, EditorialModule, PublishingModule, NewsletterModule], 3000);
  const config = app.get<BaseConfig>(APP_CONFIG);
  const admin = app.get(InitialAdministrator);
  const localUrl = `http://127.0.0.1:${config.PORT}`;

  const lines = [
    '',
    `Newsroom is running on ${config.PUBLIC_URL}/`,
    `  Admin:  ${config.PUBLIC_URL}/admin`,
    ...admin.loginHint(config.PUBLIC_URL).map((line) => `  ${line}`),
    `  Emails: ${config.SMTP_URL ? `sent through ${config.SMTP_URL.replace(/\/\/[^@/]*@/, '//***@')}` : `written to ${path.resolve(config.DATA_DIR, 'mail')}/ (set SMTP_URL to send them)`}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const marker = path.join(config.DATA_DIR, 'demo-loaded');
  const dir = demoDirectory();
  const password = admin.created?.password ?? config.ADMIN_PASSWORD;
  if (process.env.DEMO_CONTENT === '0' || !admin.created || !password || !dir || existsSync(marker)) return;
  loadDemoContent({ localUrl, email: admin.created.email, password, dir, marker }).then(
    (titles) => process.stdout.write(`Demo content: ${titles.length} communiqués published (DEMO_CONTENT=0 skips them on a fresh install).\n`),
    (error: unknown) => process.stderr.write(`Demo content not loaded: ${error instanceof Error ? error.message : String(error)}\n`),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
