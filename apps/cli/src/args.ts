/** What the command line asks for. Pure: no environment, no I/O. */
export type Invocation =
  | { kind: 'help'; topic: HelpTopic }
  | { kind: 'ingest'; url?: string; email?: string; concurrency?: number; files: string[] }
  | { kind: 'usage-error'; message: string; topic: HelpTopic };

export type HelpTopic = 'main' | 'ingest';

export const DEFAULT_CONCURRENCY = 2;
export const MIN_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 8;

const HELP_FLAGS = new Set(['-h', '--help']);

export function parseArgs(argv: readonly string[]): Invocation {
  const [command, ...rest] = argv;
  if (command === undefined) return { kind: 'usage-error', message: 'commande manquante', topic: 'main' };
  if (HELP_FLAGS.has(command)) return { kind: 'help', topic: 'main' };
  if (command === 'help') return { kind: 'help', topic: rest[0] === 'ingest' ? 'ingest' : 'main' };
  if (command === 'ingest') return parseIngest(rest);
  if (command.startsWith('-')) return { kind: 'usage-error', message: `option inconnue : ${command}`, topic: 'main' };
  return { kind: 'usage-error', message: `commande inconnue : ${command}`, topic: 'main' };
}

function parseIngest(args: readonly string[]): Invocation {
  const options: { url?: string; email?: string; concurrency?: number } = {};
  const files: string[] = [];
  const error = (message: string): Invocation => ({ kind: 'usage-error', message, topic: 'ingest' });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (HELP_FLAGS.has(arg)) return { kind: 'help', topic: 'ingest' };
    const option = /^--(url|email|concurrency)(?:=(.*))?$/s.exec(arg);
    if (option) {
      const name = option[1] as 'url' | 'email' | 'concurrency';
      const value = option[2] ?? args[++i];
      if (value === undefined || value === '' || (option[2] === undefined && value.startsWith('-'))) return error(`--${name} attend une valeur`);
      if (name === 'concurrency') {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!(n >= MIN_CONCURRENCY && n <= MAX_CONCURRENCY)) return error(`--concurrency attend un nombre entier de ${MIN_CONCURRENCY} à ${MAX_CONCURRENCY} : ${value}`);
        options.concurrency = n;
      } else options[name] = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return error(`option inconnue : ${arg}`);
    files.push(arg);
  }
  if (files.length === 0) return error('aucun fichier à envoyer');
  return { kind: 'ingest', ...options, files };
}

export const DEFAULT_URL = 'http://localhost:3000';

export type Credentials = { kind: 'token'; token: string } | { kind: 'password'; email: string; password: string | null };

export interface Settings {
  /** The server's origin (and path prefix, if any), without a trailing slash. */
  baseUrl: string;
  credentials: Credentials;
}

/**
 * Where to connect and as whom, from the options and the environment: --url, else NEWSROOM_URL, else
 * http://localhost:3000; --email (then a login), else NEWSROOM_TOKEN, else NEWSROOM_EMAIL (+ NEWSROOM_PASSWORD,
 * or null: to be prompted). A string is a usage error.
 */
export function resolveSettings(invocation: { url?: string; email?: string }, env: Readonly<Record<string, string | undefined>>): Settings | string {
  const url = invocation.url ?? (env.NEWSROOM_URL || DEFAULT_URL);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `adresse de serveur invalide : ${url}`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `adresse de serveur invalide (http ou https) : ${url}`;
  const baseUrl = `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, '');

  const token = env.NEWSROOM_TOKEN;
  if (invocation.email === undefined && token) return { baseUrl, credentials: { kind: 'token', token } };
  const email = invocation.email ?? env.NEWSROOM_EMAIL;
  if (!email) return 'identifiants manquants : définissez NEWSROOM_TOKEN, ou NEWSROOM_EMAIL (ou --email) et NEWSROOM_PASSWORD';
  return { baseUrl, credentials: { kind: 'password', email, password: env.NEWSROOM_PASSWORD || null } };
}
