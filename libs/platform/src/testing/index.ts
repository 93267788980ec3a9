// For the services' integration tests: a complete configuration without touching process.env, and a
// module started the way the standalone host runs it.
import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MessagingModule, type MessagingRootOptions } from '@newsroom/messaging';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, standaloneConfigSchema, type BaseConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import type { Clock } from '../time/clock';

/**
 * The standalone defaults, `env` applied on top (as strings, like the environment), and a random
 * APP_SECRET unless `env` gives one, PORT `port` (0: any free one) unless `env` gives one: what a service module sees as APP_CONFIG.
 */
export function testConfig(env: Record<string, string> = {}, port = 0): BaseConfig {
  const loaded = loadConfig(standaloneConfigSchema(3000), { NODE_ENV: 'test', ...env });
  return { ...loaded, PORT: env.PORT === undefined ? port : loaded.PORT, APP_SECRET: loaded.APP_SECRET ?? randomBytes(32).toString('base64url') };
}

export interface EmbeddedApp {
  app: INestApplication;
  /** The temporary DATA_DIR holding the PGlite files. */
  dataDir: string;
  /** Closes the app and removes its DATA_DIR. */
  close(): Promise<void>;
}

/**
 * What `npm start` runs, for a test: `modules` on the embedded PGlite under a fresh temporary DATA_DIR,
 * with the broker-less delivery (`messaging` options on top of it) and no Nest logs; `clock` replaces the system clock.
 */
export async function startOnEmbeddedDatabase(
  modules: Array<Type | DynamicModule>,
  options: { env?: Record<string, string>; messaging?: Omit<MessagingRootOptions, 'transport'>; clock?: Clock } = {},
): Promise<EmbeddedApp> {
  Logger.overrideLogger(false);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-embedded-'));
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ ...testConfig({ ...options.env, DATA_DIR: dataDir }), DATABASE_URL: undefined }, options.clock),
      MessagingModule.forRoot({ outboxPollMs: 50, ...options.messaging, transport: 'local' }),
      ...modules,
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
