import { z } from 'zod';
import { CONFIG_VARIABLES, ConfigError, distributedConfigSchema, loadConfig, loadConfigOrExit, standaloneConfigSchema } from './config';

const distributedEnv = { DATABASE_URL: 'postgres://newsroom@db:5432/newsroom', KAFKA_BROKERS: 'kafka:9092', APP_SECRET: 's'.repeat(32) };

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults and the port the app gives', () => {
    expect(loadConfig(standaloneConfigSchema(3000), {})).toEqual({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      LOG_PRETTY: false,
      PORT: 3000,
      PUBLIC_URL: 'http://localhost:3000',
      DATA_DIR: './data',
      OUTBOX_POLL_MS: 100,
      SITE_NAME: 'Newsroom',
      MAIL_FROM: 'Newsroom <newsroom@localhost>',
      ADMIN_EMAIL: 'admin@newsroom.local',
      INGEST_DROP_POLL_MS: 2000,
      EDITORIAL_FOUR_EYES: true,
      FEED_POLL_MS: 5000,
    });
  });

  it('parses typed values', () => {
    const config = loadConfig(distributedConfigSchema(3002), {
      ...distributedEnv,
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2:9092',
      PORT: '8080',
      LOG_PRETTY: '1',
      PUBLIC_URL: 'https://news.example.org/',
      OUTBOX_POLL_MS: '250',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      LOG_PRETTY: true,
      PUBLIC_URL: 'https://news.example.org',
      KAFKA_BROKERS: ['kafka-1:9092', 'kafka-2:9092'],
      OUTBOX_POLL_MS: 250,
      DATABASE_URL: distributedEnv.DATABASE_URL,
    });
  });

  it('names the variable, what was expected and what it got', () => {
    expect(() => loadConfig(standaloneConfigSchema(3000), { PORT: 'abc' })).toThrow(
      new ConfigError(['PORT: expected an integer between 1 and 65535, got "abc"']),
    );
    expect(() => loadConfig(standaloneConfigSchema(3000), { PORT: 'abc' })).toThrow(
      'Invalid configuration: PORT: expected an integer between 1 and 65535, got "abc"',
    );
  });

  it('lists every wrong variable at once', () => {
    const problems = problemsOf(() =>
      loadConfig(distributedConfigSchema(3001), {
        PORT: '70000',
        LOG_LEVEL: 'loud',
        PUBLIC_URL: 'ftp://example.org',
        KAFKA_BROKERS: 'kafka',
        OUTBOX_POLL_MS: '1.5',
        APP_SECRET: 'short',
        SMTP_URL: 'http://mail',
        MAIL_FROM: 'a@b.c\nBcc: x@y.z',
      }),
    );
    expect(problems).toEqual([
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'PORT: expected an integer between 1 and 65535, got "70000"',
      'PUBLIC_URL: expected an http(s) origin such as https://news.example.org, got "ftp://example.org"',
      'OUTBOX_POLL_MS: expected an integer between 1 and 60000, got "1.5"',
      'SMTP_URL: expected an smtp:// or smtps:// URL, got "http://mail"',
      'MAIL_FROM: expected an address such as Press Office <press@example.org>, got "a@b.c\\nBcc: x@y.z"',
      'DATABASE_URL: required, not set',
      'KAFKA_BROKERS: expected a comma-separated list of host:port, got "kafka"',
      'APP_SECRET: expected at least 32 characters, got "short"',
    ]);
  });

  it('treats an empty value as unset', () => {
    const config = loadConfig(standaloneConfigSchema(3000), { PORT: '', DATABASE_URL: '' });
    expect([config.PORT, config.DATABASE_URL]).toEqual([3000, undefined]);
    expect(problemsOf(() => loadConfig(distributedConfigSchema(3000), { ...distributedEnv, DATABASE_URL: '' }))).toEqual([
      'DATABASE_URL: required, not set',
    ]);
  });

  it('never prints a password', () => {
    const problems = problemsOf(() => loadConfig(standaloneConfigSchema(3000), { DATABASE_URL: 'mysql://newsroom:s3cret@db/newsroom' }));
    expect(problems).toEqual(['DATABASE_URL: expected a postgres:// URL, got "mysql://newsroom:***@db/newsroom"']);
  });

  it('keeps a service’s own variables beside the base ones', () => {
    const schema = distributedConfigSchema(3004).extend({ DIGEST_HOUR: z.coerce.number().int().min(0).max(23, { error: 'expected an hour' }) });
    expect(loadConfig(schema, { ...distributedEnv, DIGEST_HOUR: '7' }).DIGEST_HOUR).toBe(7);
    expect(problemsOf(() => loadConfig(schema, { ...distributedEnv, DIGEST_HOUR: '25' }))).toEqual(['DIGEST_HOUR: expected an hour, got "25"']);
  });

  it('requires APP_SECRET in the distributed deployment only', () => {
    const { APP_SECRET: _, ...withoutSecret } = distributedEnv;
    expect(problemsOf(() => loadConfig(distributedConfigSchema(3000), withoutSecret))).toEqual(['APP_SECRET: required, not set']);
    expect(loadConfig(standaloneConfigSchema(3000), {}).APP_SECRET).toBeUndefined();
  });
});

describe('CONFIG_VARIABLES', () => {
  it('documents exactly the variables the schemas read', () => {
    const names = CONFIG_VARIABLES.map((variable) => variable.name).sort();
    expect(Object.keys(distributedConfigSchema(1).shape).sort()).toEqual(names);
    expect(Object.keys(standaloneConfigSchema(1).shape).sort()).toEqual(names);
  });

  it('states the defaults the schemas apply', () => {
    const parsedDefaults = loadConfig(standaloneConfigSchema(1), {});
    for (const variable of CONFIG_VARIABLES.filter((v) => v.default !== null)) {
      const fromDefault = loadConfig(standaloneConfigSchema(1), { [variable.name]: variable.default ?? undefined });
      expect([variable.name, fromDefault[variable.name as keyof typeof fromDefault]]).toEqual([
        variable.name,
        parsedDefaults[variable.name as keyof typeof parsedDefaults],
      ]);
    }
  });

  it('states which variables each deployment requires', () => {
    const missing = (problems: readonly string[]) => problems.map((problem) => problem.split(':')[0]).sort();
    const requiredIn = (deployment: string) =>
      CONFIG_VARIABLES.filter((v) => v.requiredWhen === 'always' || v.requiredWhen === deployment)
        .map((v) => v.name)
        .sort();
    expect(missing(problemsOf(() => loadConfig(distributedConfigSchema(1), {})))).toEqual(requiredIn('distributed'));
    expect(requiredIn('standalone')).toEqual([]);
    expect(() => loadConfig(standaloneConfigSchema(1), {})).not.toThrow();
  });
});

describe('loadConfigOrExit', () => {
  it('writes the message and exits with code 1', () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as typeof process.exit);
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => loadConfigOrExit(standaloneConfigSchema(3000), { PORT: 'abc' })).toThrow('exit 1');
      expect(stderr).toHaveBeenCalledWith('Invalid configuration: PORT: expected an integer between 1 and 65535, got "abc"\n');
    } finally {
      exit.mockRestore();
      stderr.mockRestore();
    }
  });

  it('returns the config when it is valid', () => {
    expect(loadConfigOrExit(standaloneConfigSchema(3000), { PORT: '3100' }).PORT).toBe(3100);
  });
});
