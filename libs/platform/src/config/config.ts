import { z } from 'zod';

/** Which entry point runs: one process per service with Kafka and PostgreSQL, or the one-process host. */
export type Deployment = 'distributed' | 'standalone';

export interface ConfigVariable {
  name: string;
  /** `always`, `distributed` (required by the distributed deployment only) or `never` (optional or defaulted). */
  requiredWhen: 'always' | 'distributed' | 'never';
  /** The value used when the variable is unset; null when there is none (or, for PORT, when each app gives its own). */
  default: string | null;
  description: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const DEFAULTS = {
  NODE_ENV: 'development',
  LOG_LEVEL: 'info',
  LOG_PRETTY: '0',
  PUBLIC_URL: 'http://localhost:3000',
  DATA_DIR: './data',
  OUTBOX_POLL_MS: '100',
  SITE_NAME: 'Newsroom',
  MAIL_FROM: 'Newsroom <newsroom@localhost>',
  ADMIN_EMAIL: 'admin@newsroom.local',
  INGEST_DROP_POLL_MS: '2000',
  FEED_POLL_MS: '5000',
} as const;

/** The variables every app reads, for docs and for tests that hold docker-compose.yml against them. */
export const CONFIG_VARIABLES: readonly ConfigVariable[] = [
  { name: 'NODE_ENV', requiredWhen: 'never', default: DEFAULTS.NODE_ENV, description: 'development, production or test.' },
  { name: 'LOG_LEVEL', requiredWhen: 'never', default: DEFAULTS.LOG_LEVEL, description: `Lowest pino level written: ${LOG_LEVELS.join(', ')}.` },
  { name: 'LOG_PRETTY', requiredWhen: 'never', default: DEFAULTS.LOG_PRETTY, description: '1 for human-readable logs (needs the pino-pretty dev dependency); JSON lines otherwise.' },
  { name: 'PORT', requiredWhen: 'never', default: null, description: 'HTTP port, 1 to 65535. Each app passes its own default.' },
  { name: 'PUBLIC_URL', requiredWhen: 'never', default: DEFAULTS.PUBLIC_URL, description: 'The public origin (scheme, host, port) readers reach, behind the reverse proxy.' },
  { name: 'DATABASE_URL', requiredWhen: 'distributed', default: null, description: 'postgres:// URL of the PostgreSQL database; each service uses its own schema in it. Unset in the standalone host: embedded PGlite under DATA_DIR.' },
  { name: 'DATA_DIR', requiredWhen: 'never', default: DEFAULTS.DATA_DIR, description: 'Where the standalone host keeps its embedded database (DATA_DIR/pglite) and generated APP_SECRET, and where emails go when SMTP_URL is unset (DATA_DIR/mail).' },
  { name: 'KAFKA_BROKERS', requiredWhen: 'distributed', default: null, description: 'Comma-separated host:port list of Kafka brokers.' },
  { name: 'OUTBOX_POLL_MS', requiredWhen: 'never', default: DEFAULTS.OUTBOX_POLL_MS, description: 'How often, in milliseconds, the outbox relay looks for unpublished events.' },
  { name: 'OPERATOR_TOKEN', requiredWhen: 'never', default: null, description: 'Bearer token (16 characters or more) for the operator endpoints (/admin/dead-letters, /metrics); unset, they answer 403.' },
  { name: 'APP_SECRET', requiredWhen: 'distributed', default: null, description: 'Key (32 characters or more, the same for every service) that signs sessions, form tokens and email links. The standalone host generates one under DATA_DIR when unset.' },
  { name: 'SITE_NAME', requiredWhen: 'never', default: DEFAULTS.SITE_NAME, description: 'The name of the press office, shown on the site and in emails.' },
  { name: 'SMTP_URL', requiredWhen: 'never', default: null, description: 'smtp:// or smtps:// URL the newsletter sends through. Unset: each email is written as an .eml file under DATA_DIR/mail instead.' },
  { name: 'MAIL_FROM', requiredWhen: 'never', default: DEFAULTS.MAIL_FROM, description: 'The From address of every email the newsletter sends.' },
  { name: 'SHARE_DAILY_LIMIT', requiredWhen: 'never', default: null, description: '"Suggest To A Friend" emails accepted per day for the whole site (1 to 1,000,000). Unset: 500 (applied by publishing).' },
  { name: 'NEWSLETTER_RATE_PER_SECOND', requiredWhen: 'never', default: null, description: 'At most this many emails a second leave the newsletter (0: no limit). Unset: 100 (applied by the newsletter).' },
  { name: 'NEWSLETTER_DIGEST_HOUR', requiredWhen: 'never', default: null, description: 'Hour (0 to 23, in NEWSLETTER_TIME_ZONE) at which the daily and weekly digests are built. Unset: 7.' },
  { name: 'NEWSLETTER_WEEKLY_DIGEST_DAY', requiredWhen: 'never', default: null, description: 'Day of the weekly digest, 1 (Monday) to 7 (Sunday). Unset: 1.' },
  { name: 'NEWSLETTER_TIME_ZONE', requiredWhen: 'never', default: null, description: 'IANA time zone of the digest hour and day. Unset: Europe/Paris.' },
  { name: 'DKIM_DOMAIN', requiredWhen: 'never', default: null, description: 'With DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE: every email is DKIM-signed (d=) for this domain. Unset: no signature.' },
  { name: 'DKIM_SELECTOR', requiredWhen: 'never', default: null, description: 'The DKIM selector (s=): the public key is published at <selector>._domainkey.<domain>.' },
  { name: 'DKIM_PRIVATE_KEY_FILE', requiredWhen: 'never', default: null, description: 'PEM file of the DKIM private key (RSA), read at start.' },
  { name: 'ADMIN_EMAIL', requiredWhen: 'never', default: DEFAULTS.ADMIN_EMAIL, description: 'Login of the administrator account the editorial service creates on its first start.' },
  { name: 'ADMIN_PASSWORD', requiredWhen: 'never', default: null, description: 'That first administrator\'s password (12 characters or more); unset, a random one is generated and printed once.' },
  { name: 'INGEST_DROP_DIR', requiredWhen: 'never', default: null, description: 'A folder the ingestion service watches for communiqués (.txt, .html, .htm, .xhtml, .docx); each file then moves to its traités/ or refusés/ sub-folder. Unset: no drop folder.' },
  { name: 'INGEST_DROP_POLL_MS', requiredWhen: 'never', default: DEFAULTS.INGEST_DROP_POLL_MS, description: 'How often, in milliseconds (50 to 3600000), the drop folder is scanned.' },
  { name: 'EDITORIAL_FOUR_EYES', requiredWhen: 'never', default: 'true', description: 'Four-eyes rule: nobody approves a text they wrote or edited (true or false).' },
  { name: 'FEED_POLL_MS', requiredWhen: 'never', default: DEFAULTS.FEED_POLL_MS, description: 'How often, in milliseconds (50 to 600000), the ingestion service looks for feeds due a poll (each feed has its own interval).' },
];

function integer(min: number, max: number) {
  const error = `expected an integer between ${min} and ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

const postgresUrl = z.string().refine((value) => /^postgres(ql)?:\/\/\S+$/.test(value), { error: 'expected a postgres:// URL' });

const kafkaBrokers = z
  .string()
  .refine((value) => value.split(',').every((broker) => /^[^\s:,]+:\d{1,5}$/.test(broker.trim())), {
    error: 'expected a comma-separated list of host:port',
  })
  .transform((value) => value.split(',').map((broker) => broker.trim()));

const publicOrigin = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).pathname === '/', {
    error: 'expected an http(s) origin such as https://news.example.org',
  })
  .transform((value) => new URL(value).origin);

const appSecret = z.string().min(32, { error: 'expected at least 32 characters' });

function sharedShape(defaultPort: number) {
  return {
    NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'expected development, production or test' }).prefault(DEFAULTS.NODE_ENV),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).prefault(DEFAULTS.LOG_LEVEL),
    LOG_PRETTY: z
      .enum(['0', '1'], { error: 'expected 0 or 1' })
      .prefault(DEFAULTS.LOG_PRETTY)
      .transform((value) => value === '1'),
    PORT: integer(1, 65535).prefault(String(defaultPort)),
    PUBLIC_URL: publicOrigin.prefault(DEFAULTS.PUBLIC_URL),
    DATA_DIR: z.string().prefault(DEFAULTS.DATA_DIR),
    OUTBOX_POLL_MS: integer(1, 60_000).prefault(DEFAULTS.OUTBOX_POLL_MS),
    OPERATOR_TOKEN: z.string().min(16, { error: 'expected at least 16 characters' }).optional(),
    SITE_NAME: z.string().trim().min(1).max(100).prefault(DEFAULTS.SITE_NAME),
    SMTP_URL: z
      .string()
      .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), { error: 'expected an smtp:// or smtps:// URL' })
      .optional(),
    MAIL_FROM: z
      .string()
      .refine((value) => !/[\r\n]/.test(value) && /^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(value.trim()), {
        error: 'expected an address such as Press Office <press@example.org>',
      })
      .prefault(DEFAULTS.MAIL_FROM),
    // Publishing's and the newsletter's own settings: optional here, defaulted where they are read.
    SHARE_DAILY_LIMIT: integer(1, 1_000_000).optional(),
    NEWSLETTER_RATE_PER_SECOND: integer(0, 100_000).optional(),
    NEWSLETTER_DIGEST_HOUR: integer(0, 23).optional(),
    NEWSLETTER_WEEKLY_DIGEST_DAY: integer(1, 7).optional(),
    NEWSLETTER_TIME_ZONE: z
      .string()
      .refine((value) => Intl.supportedValuesOf('timeZone').includes(value) || value === 'UTC', { error: 'expected an IANA time zone such as Europe/Paris' })
      .optional(),
    DKIM_DOMAIN: z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, { error: 'expected a domain name' }).optional(),
    DKIM_SELECTOR: z.string().regex(/^[a-z0-9._-]+$/i, { error: 'expected a DKIM selector' }).optional(),
    DKIM_PRIVATE_KEY_FILE: z.string().optional(),
    ADMIN_EMAIL: z.email({ error: 'expected an email address' }).prefault(DEFAULTS.ADMIN_EMAIL),
    ADMIN_PASSWORD: z.string().min(12, { error: 'expected at least 12 characters' }).optional(),
    INGEST_DROP_DIR: z.string().trim().optional(),
    INGEST_DROP_POLL_MS: integer(50, 3_600_000).prefault(DEFAULTS.INGEST_DROP_POLL_MS),
    FEED_POLL_MS: integer(50, 600_000).prefault(DEFAULTS.FEED_POLL_MS),
    EDITORIAL_FOUR_EYES: z
      .enum(['true', 'false'], { error: 'expected true or false' })
      .prefault('true')
      .transform((value) => value === 'true'),
  };
}

/** One service per process: PostgreSQL and Kafka are required. Extend it with `.extend({...})` for a service's own variables. */
export function distributedConfigSchema(defaultPort: number) {
  return z.object({ ...sharedShape(defaultPort), DATABASE_URL: postgresUrl, KAFKA_BROKERS: kafkaBrokers, APP_SECRET: appSecret });
}

/** The one-process host: without DATABASE_URL the database is PGlite under DATA_DIR; no broker. */
export function standaloneConfigSchema(defaultPort: number) {
  return z.object({
    ...sharedShape(defaultPort),
    DATABASE_URL: postgresUrl.optional(),
    KAFKA_BROKERS: kafkaBrokers.optional(),
    APP_SECRET: appSecret.optional(),
  });
}

export type DistributedConfig = z.output<ReturnType<typeof distributedConfigSchema>>;
export type StandaloneConfig = z.output<ReturnType<typeof standaloneConfigSchema>>;
/** What every module sees as APP_CONFIG: the standalone host has settled APP_SECRET before Nest starts. */
export type BaseConfig = DistributedConfig | (StandaloneConfig & { APP_SECRET: string });

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** Parses the environment against `schema`; throws a ConfigError naming every wrong variable. */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  // `VAR=` in a compose file or `${VAR:-}` means "not set", not "set to nothing".
  const values = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(values);
  if (result.success) return result.data;

  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const name = issue.path.join('.');
    if (problems.has(name)) continue;
    const raw = values[name];
    problems.set(name, raw === undefined ? `${name}: required, not set` : `${name}: ${issue.message}, got ${JSON.stringify(redact(raw))}`);
  }
  throw new ConfigError([...problems.values()]);
}

/** For main.ts, before Nest starts: a wrong environment ends the process with the ConfigError message and exit code 1. */
export function loadConfigOrExit<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.output<S> {
  try {
    return loadConfig(schema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

function redact(value: string): string {
  return value.replace(/\/\/([^:/@\s]*):[^@\s]*@/, '//$1:***@');
}
