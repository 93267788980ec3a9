// `npm run stack`: the distributed deployment of docker-compose.yml without Docker. The local Kafka broker
// (Apache's jars from Maven Central), the machine's PostgreSQL (database created if missing) and the four
// services, each its own `node dist/apps/<service>/src/main.js` process on its own port, behind one reverse
// proxy with the routes of deploy/nginx.conf (http://localhost:8080), and an SMTP catcher that writes every
// email as an .eml file (mailpit's place).
//
//   node dist/tools/src/stack/stack.js          (after `npm run build`)
//
// Environment: STACK_PORT (the proxy's port, default 8080; when set, the services take the next four),
// STACK_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/newsroom), KAFKA_BROKERS (a running broker
// to use instead of starting the local one), SMTP_URL (a mail server to use instead of the catcher),
// STACK_SMTP_PORT (the catcher's port, default 1025), APP_SECRET (default: generated once, kept in
// data/stack/app-secret), OPERATOR_TOKEN (generated when unset), PUBLIC_URL (default: the proxy's URL),
// STACK_RAW_LOGS=1 (children's lines unprefixed).
//
// startStack() is the same thing as a function, for tests and benchmarks.
import { allTopics, SERVICES, type ServiceName } from '@newsroom/contracts';
import { KafkaTransport, startLocalKafka, stopLocalKafka, waitForKafka } from '@newsroom/messaging';
import { settleAppSecret } from '@newsroom/platform';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { startMailCatcher, type RunningMailCatcher } from './mail-catcher';
import { startProxy, type RunningProxy } from './proxy';

export const DEFAULT_PORTS: Readonly<Record<ServiceName, number>> = { ingestion: 3001, editorial: 3002, publishing: 3003, newsletter: 3004 };
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/newsroom';
export const DEFAULT_PROXY_PORT = 8080;
export const DEFAULT_SMTP_PORT = 1025;

export interface StackOptions {
  /** HTTP port of each service; default 3001 to 3004, or the four after env STACK_PORT when it is set. */
  ports?: Partial<Record<ServiceName, number>>;
  /** The reverse proxy's port; default env STACK_PORT, else 8080. */
  proxyPort?: number;
  /** A mail server for the newsletter; default env SMTP_URL, else the stack's own catcher is started. */
  smtpUrl?: string;
  /** The catcher's SMTP port; default env STACK_SMTP_PORT, else 1025. */
  smtpPort?: number;
  /** Where the catcher writes emails; default data/stack/mail. */
  mailDir?: string;
  /** Default env APP_SECRET, else one generated once and kept in data/stack/app-secret. */
  appSecret?: string;
  /** The database the four services share (one schema each); created if missing. Default env STACK_DATABASE_URL, else DEFAULT_DATABASE_URL. */
  databaseUrl?: string;
  /** A running broker to use; default env KAFKA_BROKERS, else the local broker is started (or reused if already running). */
  kafkaBrokers?: string;
  /** Default env OPERATOR_TOKEN, else a random one (see `operatorTokenGenerated`). */
  operatorToken?: string;
  /** Default env PUBLIC_URL, else the proxy's URL. */
  publicUrl?: string;
  /** Extra variables for every service; `undefined` removes an inherited one. */
  env?: Record<string, string | undefined>;
  /** Extra variables for one service, applied last. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string | undefined>>>;
  /** Children's lines: `prefixed` (`[editorial] {...}`, default), `raw` (unchanged) or `silent` (kept only for crash reports). */
  logs?: 'prefixed' | 'raw' | 'silent';
  /** The stack's own messages; default stderr, prefixed `[stack]`. */
  say?: (message: string) => void;
  /** How long every /health has to answer 200; default 60 s. */
  healthTimeoutMs?: number;
  /** How long a service has after SIGTERM before SIGKILL; default 15 s. */
  stopTimeoutMs?: number;
  /** Aborting during start-up stops what was started and rejects. */
  signal?: AbortSignal;
}

export interface ServiceUrls {
  url: string;
  health: string;
  docs: string;
}

export interface ServiceExit {
  service: ServiceName;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines it wrote (stdout and stderr). */
  lastLines: string[];
}

export interface ServiceStopped extends ServiceExit {
  /** It had already exited when the stop began (the crash that brought the stack down, say). */
  exitedBefore: boolean;
  /** Needed SIGKILL: it did not end within stopTimeoutMs of SIGTERM. */
  killed: boolean;
}

export interface RunningStack {
  urls: Record<ServiceName, ServiceUrls>;
  /** The reverse proxy: the site, the admin, the newsletter pages and the APIs on one origin. */
  proxyUrl: string;
  publicUrl: string;
  smtpUrl: string;
  /** Where the stack's catcher writes emails; null when SMTP_URL pointed elsewhere. */
  mailDir: string | null;
  pids: Record<ServiceName, number>;
  databaseUrl: string;
  kafkaBrokers: string;
  /** Whether this stack started the broker (and so stops it). */
  kafkaStartedHere: boolean;
  operatorToken: string;
  operatorTokenGenerated: boolean;
  /**
   * Resolves if a service exits while the stack runs, once everything else has been stopped
   * (the Kafka broker too if this stack started it). Never resolves after stop().
   */
  crashed: Promise<ServiceExit>;
  /** SIGTERM to every service, SIGKILL after stopTimeoutMs, then the broker if this stack started it. Idempotent. */
  stop(): Promise<ServiceStopped[]>;
}

const LAST_LINES = 40;
const POLL_MS = 250;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

class StackAborted extends Error {
  override readonly name = 'StackAborted';
  constructor() {
    super('start-up interrupted');
  }
}

/** One service process: its lines, its exit. */
class ServiceProcess {
  readonly lastLines: string[] = [];
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private readonly child: ChildProcess;

  constructor(
    readonly service: ServiceName,
    root: string,
    env: NodeJS.ProcessEnv,
    logs: NonNullable<StackOptions['logs']>,
  ) {
    // Own process group: a Ctrl-C in the terminal reaches the stack only, which then stops each service
    // with one SIGTERM (a second signal during Nest's shutdown would kill it on the spot).
    this.child = spawn(process.execPath, [path.join('dist', 'apps', service, 'src', 'main.js')], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const prefix = `[${service}]`.padEnd(12) + ' ';
    for (const [stream, out] of [
      [this.child.stdout, process.stdout],
      [this.child.stderr, process.stderr],
    ] as const) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.lastLines.push(line);
        if (this.lastLines.length > LAST_LINES) this.lastLines.shift();
        if (logs === 'raw') out.write(`${line}\n`);
        else if (logs === 'prefixed') out.write(`${prefix}${line}\n`);
      });
    }
    this.closed = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.lastLines.push(`cannot run ${process.execPath}: ${error.message}`);
        this.exit ??= { code: null, signal: null };
        resolve(this.exit);
      });
      this.child.once('close', (code, signal) => {
        this.exit ??= { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  signal(signal: NodeJS.Signals): void {
    if (this.exit || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, signal); // the group: the service and anything it spawned
    } catch {
      this.child.kill(signal);
    }
  }

  async stop(timeoutMs: number): Promise<ServiceStopped> {
    let killed = false;
    const exitedBefore = this.exit !== undefined;
    if (!exitedBefore) {
      this.signal('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([this.closed.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(resolve, timeoutMs, false)))]);
      clearTimeout(timer);
      if (!ended) {
        killed = true;
        this.signal('SIGKILL');
        await this.closed;
      }
    }
    const exit = await this.closed;
    return { service: this.service, ...exit, lastLines: [...this.lastLines], exitedBefore, killed };
  }

  describeExit(): string {
    const exit = this.exit;
    if (!exit) return 'running';
    return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  }
}

/** Starts Kafka (unless given), the database, the four services; resolves once every /health answers 200. */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const root = repoRoot();
  const say = options.say ?? ((text: string) => process.stderr.write(`[stack] ${text}\n`));
  const base = nonEmpty(process.env.STACK_PORT) === undefined ? undefined : Number(process.env.STACK_PORT);
  if (base !== undefined && !(Number.isInteger(base) && base > 0 && base < 65531)) throw new Error(`STACK_PORT: expected a port, got ${process.env.STACK_PORT}`);
  const basePorts = base === undefined ? DEFAULT_PORTS : (Object.fromEntries(SERVICES.map((s, i) => [s, base + 1 + i])) as Record<ServiceName, number>);
  const ports: Record<ServiceName, number> = { ...basePorts, ...options.ports };
  const proxyPort = options.proxyPort ?? base ?? DEFAULT_PROXY_PORT;
  const smtpPort = options.smtpPort ?? Number(nonEmpty(process.env.STACK_SMTP_PORT) ?? DEFAULT_SMTP_PORT);
  const givenSmtpUrl = options.smtpUrl ?? nonEmpty(process.env.SMTP_URL);
  const mailDir = options.mailDir ?? path.join(root, 'data', 'stack', 'mail');
  const appSecret = options.appSecret ?? nonEmpty(process.env.APP_SECRET) ?? settleAppSecret(path.join(root, 'data', 'stack'));
  const databaseUrl = options.databaseUrl ?? nonEmpty(process.env.STACK_DATABASE_URL) ?? DEFAULT_DATABASE_URL;
  const healthTimeoutMs = options.healthTimeoutMs ?? 60_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const givenToken = options.operatorToken ?? nonEmpty(process.env.OPERATOR_TOKEN);
  const operatorToken = givenToken ?? randomBytes(24).toString('base64url');
  const urls = Object.fromEntries(SERVICES.map((s) => [s, serviceUrls(ports[s])])) as Record<ServiceName, ServiceUrls>;
  const publicUrl = options.publicUrl ?? nonEmpty(process.env.PUBLIC_URL) ?? `http://localhost:${proxyPort}`;
  const aborted = () => options.signal?.aborted === true;

  // Everything that can be found wrong before starting anything.
  const missing = SERVICES.filter((s) => !existsSync(path.join(root, 'dist', 'apps', s, 'src', 'main.js')));
  if (missing.length) throw new Error(`not built: ${missing.map((s) => `dist/apps/${s}/src/main.js`).join(', ')}; run \`npm run build\``);
  const duplicates = SERVICES.filter((s, i) => SERVICES.findIndex((t) => ports[t] === ports[s]) !== i);
  if (duplicates.length) throw new Error(`two services on one port: ${SERVICES.map((s) => `${s}=${ports[s]}`).join(', ')}`);
  const wanted: Array<[string, number]> = [...SERVICES.map((s): [string, number] => [s, ports[s]]), ['the proxy', proxyPort]];
  if (!givenSmtpUrl) wanted.push(['the mail catcher', smtpPort]);
  for (const [what, port] of wanted) {
    if (!(await isPortFree(port))) throw new Error(`port ${port} for ${what} is taken (another stack running?); free it or choose other ports (STACK_PORT, STACK_SMTP_PORT)`);
  }

  let kafkaBrokers = options.kafkaBrokers ?? nonEmpty(process.env.KAFKA_BROKERS);
  let kafkaStartedHere = false;
  const children: ServiceProcess[] = [];
  let stopping: Promise<ServiceStopped[]> | undefined;
  let started = false;
  let proxy: RunningProxy | undefined;
  let catcher: RunningMailCatcher | undefined;
  // Last resort if this process ends without stop() (an uncaught error): no service outlives it.
  const killOnExit = () => children.forEach((child) => child.signal('SIGKILL'));
  process.once('exit', killOnExit);

  const stopAll = (): Promise<ServiceStopped[]> =>
    (stopping ??= (async () => {
      await proxy?.close();
      const stopped = await Promise.all(children.map((child) => child.stop(stopTimeoutMs)));
      await catcher?.close();
      for (const s of stopped) {
        const how = s.signal ? `by ${s.signal}` : `exit code ${s.code}`;
        say(`${s.service} ${s.exitedBefore ? `had already ended (${how})` : s.killed ? `killed: still running ${stopTimeoutMs / 1000} s after SIGTERM` : `stopped (${how})`}`);
      }
      if (kafkaStartedHere) {
        await stopLocalKafka();
        say('Kafka stopped');
      }
      process.removeListener('exit', killOnExit);
      return stopped;
    })());

  let reportCrash: (exit: ServiceExit) => void = () => undefined;
  const crashed = new Promise<ServiceExit>((resolve) => (reportCrash = resolve));

  try {
    if (kafkaBrokers) {
      say(`waiting for Kafka at ${kafkaBrokers}`);
      await waitForKafka(kafkaBrokers, 60_000);
    } else {
      say('starting the local Kafka broker');
      const kafka = await startLocalKafka();
      kafkaBrokers = kafka.brokers;
      kafkaStartedHere = kafka.startedNow;
      say(kafka.startedNow ? `Kafka started on ${kafka.brokers} (log ${kafka.logFile})` : `Kafka already running on ${kafka.brokers}: reused, left running`);
    }
    if (aborted()) throw new StackAborted();
    say(`topics ready: ${(await provisionTopics(kafkaBrokers)).join(', ')}`);
    if (aborted()) throw new StackAborted();

    const created = await ensureDatabase(databaseUrl);
    say(`database ${redact(databaseUrl)} ${created ? 'created' : 'exists'}`);
    if (aborted()) throw new StackAborted();

    if (!givenSmtpUrl) {
      catcher = await startMailCatcher(smtpPort, mailDir, (mail) => say(`mail to ${mail.to.join(', ')}: ${mail.subject} -> ${path.relative(root, mail.file)}`));
      say(`mail catcher on ${catcher.smtpUrl}, writing to ${path.relative(root, mailDir)}/`);
    }
    const smtpUrl = givenSmtpUrl ?? catcher?.smtpUrl;

    const common: Record<string, string | undefined> = {
      APP_SECRET: appSecret,
      SMTP_URL: smtpUrl,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      PUBLIC_URL: publicUrl,
      OPERATOR_TOKEN: operatorToken,
      ...options.env,
    };
    for (const service of SERVICES) {
      const env = withoutUndefined({ ...process.env, ...common, PORT: String(ports[service]), ...options.serviceEnv?.[service] });
      const child = new ServiceProcess(service, root, env, options.logs ?? 'prefixed');
      children.push(child);
      void child.closed.then((exit) => {
        // Ended by itself: during start-up waitHealthy reports it; afterwards the whole stack goes down.
        if (stopping || !started) return;
        void stopAll().then(() => reportCrash({ service, ...exit, lastLines: [...child.lastLines] }));
      });
    }
    say(`started ${children.map((c) => `${c.service} (pid ${c.pid})`).join(', ')}; waiting for /health`);

    await Promise.all(children.map((child) => waitHealthy(child, urls[child.service].health, healthTimeoutMs, aborted)));
    proxy = await startProxy(proxyPort, ports);
  } catch (error) {
    await stopAll();
    throw error;
  }

  started = true;
  // A service that died between its last health check and now.
  const dead = children.find((child) => child.exit);
  if (dead) {
    await stopAll();
    throw new Error(`${dead.service} exited (${dead.describeExit()}) right after start-up; its last lines:\n${dead.lastLines.join('\n')}`);
  }

  return {
    urls,
    proxyUrl: proxy.url,
    publicUrl,
    smtpUrl: givenSmtpUrl ?? catcher?.smtpUrl ?? '',
    mailDir: catcher ? mailDir : null,
    pids: Object.fromEntries(children.map((c) => [c.service, c.pid])) as Record<ServiceName, number>,
    databaseUrl,
    kafkaBrokers,
    kafkaStartedHere,
    operatorToken,
    operatorTokenGenerated: givenToken === undefined,
    crashed,
    stop: stopAll,
  };
}

/** Polls GET /health until 200; fails at once if the process exits, or after timeoutMs naming the service and its last answer. */
async function waitHealthy(child: ServiceProcess, url: string, timeoutMs: number, aborted: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    if (child.exit) {
      throw new Error(`${child.service} exited during start-up (${child.describeExit()}); its last lines:\n${child.lastLines.join('\n')}`);
    }
    if (aborted()) throw new StackAborted();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
      last = `${response.status} ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      last = message((error as { cause?: unknown }).cause ?? error);
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${child.service} not healthy within ${timeoutMs / 1000} s: GET ${url} -> ${last}\n` +
          `its last lines:\n${child.lastLines.join('\n')}`,
      );
    }
    await sleep(POLL_MS);
  }
}

/** Creates every topic of the catalogue, dead-letter topics included, up front (as an operator would); returns their names. */
async function provisionTopics(brokers: string): Promise<string[]> {
  const topics = allTopics();
  const transport = new KafkaTransport({ brokers: brokers.split(',').map((broker) => broker.trim()), clientId: 'newsroom-stack' });
  try {
    await transport.ensureTopics(topics);
    return topics;
  } finally {
    await transport.close();
  }
}

/** Creates the database named in `url` (through the `postgres` database of the same server) unless it exists. True if created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`cannot create the database of ${redact(url)}: name ${JSON.stringify(name)} is not [A-Za-z0-9_-]+`);
  parsed.pathname = '/postgres';
  const client = new Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL at ${redact(parsed.toString())} is not reachable: ${message(error)}`);
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
      return true;
    } catch (error) {
      if ((error as { code?: string }).code === '42P04') return false; // created meanwhile by someone else
      throw error;
    }
  } finally {
    await client.end();
  }
}

function serviceUrls(port: number): ServiceUrls {
  const url = `http://localhost:${port}`;
  return { url, health: `${url}/health`, docs: `${url}/api/docs` };
}

/** Free for a server listening on every interface, as the services do. */
function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function withoutUndefined(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@\s]*):[^@\s]*@/, '//$1:***@');
}

/** The URL table printed once the stack is healthy. */
export function describeStack(stack: RunningStack, seconds: number): string {
  const rows = SERVICES.map((s) => [s, stack.urls[s].url, stack.urls[s].docs, stack.urls[s].health]);
  const table = [['service', 'url', 'OpenAPI', 'health'], ...rows];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  return [
    `healthy in ${seconds.toFixed(1)} s`,
    ...table.map((row) => '  ' + row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()),
    `  Kafka       ${stack.kafkaBrokers}${stack.kafkaStartedHere ? ' (started here, stopped with the stack)' : ' (not ours, left running)'}`,
    `  PostgreSQL  ${redact(stack.databaseUrl)}`,
    `  Mail        ${stack.smtpUrl}${stack.mailDir ? ` (caught: each email written to ${path.relative(repoRoot(), stack.mailDir)}/)` : ''}`,
    `  OPERATOR_TOKEN=${stack.operatorToken}${stack.operatorTokenGenerated ? '  (generated; set OPERATOR_TOKEN to choose it)' : ''}`,
    '',
    `  Site   ${stack.publicUrl}/   (proxy on ${stack.proxyUrl}: site, admin, newsletter and APIs on one origin)`,
    `  Admin  ${stack.publicUrl}/admin   (the editorial service printed the first administrator's password above, on its first start)`,
    `  Admin  ${stack.publicUrl}/admin/newsletter   (the newsletter's: sends and their progress, subscribers, CSV import; same login)`,
    '  Ctrl-C stops everything.',
  ].join('\n');
}

async function main(): Promise<number> {
  const say = (text: string) => process.stderr.write(`[stack] ${text}\n`);
  const interrupted = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    // Repeats are expected (npm forwards the terminal's Ctrl-C too); the stop in progress ends within its timeout.
    if (interrupted.signal.aborted) return say(`${signal}: already stopping`);
    say(`${signal}: stopping`);
    interrupted.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const began = Date.now();
  let stack: RunningStack;
  try {
    stack = await startStack({ logs: process.env.STACK_RAW_LOGS === '1' ? 'raw' : 'prefixed', say, signal: interrupted.signal });
  } catch (error) {
    if (error instanceof StackAborted) return 130;
    say(`failed: ${message(error)}`);
    return 1;
  }
  say(describeStack(stack, (Date.now() - began) / 1000));

  const stopRequested = new Promise<'stop'>((resolve) => interrupted.signal.addEventListener('abort', () => resolve('stop')));
  const outcome = await Promise.race([stopRequested, stack.crashed]);
  if (outcome === 'stop') {
    const stopped = await stack.stop();
    return stopped.some((s) => s.killed) ? 1 : 0;
  }
  say(`${outcome.service} exited unexpectedly (${outcome.signal ? `killed by ${outcome.signal}` : `exit code ${outcome.code}`}); everything was stopped. Its last lines:`);
  process.stderr.write(`${outcome.lastLines.map((line) => `  ${line}`).join('\n')}\n`);
  return 1;
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
