// For the services' integration tests: a complete configuration without touching process.env.
import { randomBytes } from 'node:crypto';
import { loadConfig, standaloneConfigSchema, type BaseConfig } from '../config/config';

/**
 * The standalone defaults, `env` applied on top (as strings, like the environment), and a random
 * APP_SECRET unless `env` gives one, PORT `port` (0: any free one) unless `env` gives one: what a service module sees as APP_CONFIG.
 */
export function testConfig(env: Record<string, string> = {}, port = 0): BaseConfig {
  const loaded = loadConfig(standaloneConfigSchema(3000), { NODE_ENV: 'test', ...env });
  return { ...loaded, PORT: env.PORT === undefined ? port : loaded.PORT, APP_SECRET: loaded.APP_SECRET ?? randomBytes(32).toString('base64url') };
}
