// The editorial service as its own process: Kafka, PostgreSQL (schema `editorial`), HTTP on PORT (default 3002).
import 'reflect-metadata';
import { EditorialModule, InitialAdministrator } from '@newsroom/editorial';
import { runService } from '@newsroom/platform';

runService('editorial', EditorialModule, 3002)
  .then((app) => {
    // First start only: how to sign in as the administrator just created (a generated password is shown this once).
    const hint = app.get(InitialAdministrator).loginHint();
    if (hint.length) process.stdout.write(`${hint.join('\n')}\n`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
