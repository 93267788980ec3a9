/**
 * `npm run bench -- latency [approvals=200]`: how long after an editor's approval a reader sees the article and a
 * subscriber gets the alert, in the distributed deployment.
 *
 * Setup: `npm run stack` as users run it (dist/tools/src/stack/stack.js: four service processes, the local Kafka
 * broker from Apache's jars — or KAFKA_BROKERS when set —, the machine's PostgreSQL in a throwaway database, the
 * reverse proxy), with SMTP_URL pointing at an SMTP server started here (smtp-server, every message parsed) and
 * NEWSLETTER_RATE_PER_SECOND=0 (no sending limit: the figure is the pipeline's, not the configured pace).
 * 2 × N communiqués are ingested through the API and their drafts awaited; SUBSCRIBERS confirmed subscribers are
 * inserted in the newsletter's table (the double opt-in is not what is measured). Then N approvals one after another
 * (each waits for its page), and N approvals in one burst (all sent at once).
 * For each approval, the clock starts when its HTTP response arrives; "page" is the first 200 of the article's URL
 * through the proxy (the pending articles polled 8 at a time, every 2 ms), "email" is the first message at the sink that links to it.
 * Cleans up: the stack is stopped with SIGTERM (it stops the broker it started), the database dropped.
 */
import { slugify } from '@newsroom/publishing';
import { simpleParser } from 'mailparser';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';

const POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 10);
const ADMIN_EMAIL = 'bench@example.org';
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString('base64url')}`;
const PAGE_POLL_MS = 2;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/* ------------------------------------------------------------------ the SMTP sink */

/** First arrival time of a message linking to each URL. */
async function startSink(): Promise<{ url: string; firstArrival: Map<string, number>; count: () => number; stop: () => Promise<void> }> {
  const firstArrival = new Map<string, number>();
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const arrived = performance.now();
      simpleParser(stream).then(
        (mail) => {
          count++;
          for (const url of (mail.text ?? '').match(/https?:\/\/[^\s<>)"]+/g) ?? []) if (!firstArrival.has(url)) firstArrival.set(url, arrived);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { url: `smtp://127.0.0.1:${port}`, firstArrival, count: () => count, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/* ------------------------------------------------------------------ the stack */

async function freePortRange(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(
      Array.from(
        { length: count },
        (_, i) =>
          new Promise<boolean>((resolve) => {
            const server = createServer();
            server.once('error', () => resolve(false));
            server.listen(first + i, '127.0.0.1', () => server.close(() => resolve(true)));
          }),
      ),
    );
    if (free.every(Boolean)) return first;
  }
}

async function startStack(port: number, databaseUrl: string, smtpUrl: string, logFile: string) {
  const log = createWriteStream(logFile);
  const inherited = { ...process.env };
  // The stack derives these per service; inherited ones would override its choices.
  for (const name of ['PUBLIC_URL', 'DATABASE_URL', 'PORT']) delete inherited[name];
  const child = spawn(process.execPath, ['dist/tools/src/stack/stack.js'], {
    env: {
      ...inherited,
      STACK_PORT: String(port),
      STACK_DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      APP_SECRET: randomBytes(32).toString('base64url'),
      OPERATOR_TOKEN: randomBytes(24).toString('hex'),
      ADMIN_EMAIL,
      ADMIN_PASSWORD,
      NEWSLETTER_RATE_PER_SECOND: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.on('data', (chunk: Buffer) => {
      log.write(chunk);
      if (output.length < 1_000_000) output += chunk.toString();
    });
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 180_000;
  while (!/\[stack\] healthy in/.test(output)) {
    if (child.exitCode !== null) throw new Error(`the stack exited during start-up; see ${logFile}`);
    if (Date.now() > deadline) throw new Error(`the stack was not healthy within 180 s; see ${logFile}`);
    await sleep(200);
  }
  return {
    async stop() {
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(60_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
      log.end();
    },
  };
}

/* ------------------------------------------------------------------ the editor's calls */

async function json<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface Draft {
  id: string;
  title: string;
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/editorial/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  return (await json<{ token: string }>(response, 'login')).token;
}

/** Ingests one communiqué and waits for its draft in editorial. */
async function draft(base: string, token: string, n: number, run: string): Promise<Draft> {
  const text = `Note de latence ${n} ${run}\n\nLe ${new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' })}, la préfecture annonce la réunion numéro ${n} du comité de suivi.\n\nLes travaux reprendront la semaine prochaine, précise le communiqué.\n`;
  const ingested = await json<{ communiqueId: string }>(
    await fetch(`${base}/api/ingestion/communiques`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain; charset=utf-8' }, body: text }),
    'ingest',
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { articles } = await json<{ articles: Draft[] }>(
      await fetch(`${base}/api/editorial/articles?communiqueId=${ingested.communiqueId}`, { headers: { authorization: `Bearer ${token}` } }),
      'drafts',
    );
    if (articles.length) return articles[0];
    if (Date.now() > deadline) throw new Error(`no draft for communiqué ${n}`);
    await sleep(50);
  }
}

async function approve(base: string, token: string, articleId: string): Promise<number> {
  const response = await fetch(`${base}/api/editorial/articles/${articleId}/approve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const answered = performance.now();
  await json(response, `approve ${articleId}`);
  return answered;
}

/**
 * Watches article URLs until each answers 200, a few HEAD requests at a time (so that waiting readers do not flood
 * the service being measured): resolves each with the time of its first 200.
 */
class PageWatcher {
  private readonly pending = new Map<string, { resolve: (at: number) => void; deadline: number; reject: (error: Error) => void }>();
  private running = false;

  constructor(private readonly parallel = 8) {}

  firstOk(url: string, timeoutMs = 120_000): Promise<number> {
    const seen = new Promise<number>((resolve, reject) => this.pending.set(url, { resolve, reject, deadline: Date.now() + timeoutMs }));
    if (!this.running) void this.loop();
    return seen;
  }

  private async loop(): Promise<void> {
    this.running = true;
    while (this.pending.size) {
      const urls = [...this.pending.keys()];
      for (let i = 0; i < urls.length; i += this.parallel) {
        await Promise.all(
          urls.slice(i, i + this.parallel).map(async (url) => {
            const response = await fetch(url, { method: 'HEAD' });
            const at = performance.now();
            const waiting = this.pending.get(url);
            if (!waiting) return;
            if (response.status === 200) {
              this.pending.delete(url);
              waiting.resolve(at);
            } else if (Date.now() > waiting.deadline) {
              this.pending.delete(url);
              waiting.reject(new Error(`${url} still answers ${response.status}`));
            }
          }),
        );
      }
      await sleep(PAGE_POLL_MS);
    }
    this.running = false;
  }
}

/* ------------------------------------------------------------------ figures */

interface Sample {
  phase: 'sequential' | 'burst';
  pageMs: number;
  emailMs: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(values: number[]) {
  const round = (n: number) => Math.round(n * 10) / 10;
  return { p50Ms: round(percentile(values, 50)), p95Ms: round(percentile(values, 95)), p99Ms: round(percentile(values, 99)), maxMs: round(Math.max(...values)) };
}

async function main(): Promise<void> {
  const approvals = Number(process.argv[2] ?? 200);
  const run = randomBytes(3).toString('hex');
  const database = `newsroom_bench_latency_${run}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = new URL(POSTGRES_URL);
  databaseUrl.pathname = `/${database}`;
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-bench-latency-'));
  const sink = await startSink();
  const port = await freePortRange(5);
  const base = `http://localhost:${port}`;
  let stack: Awaited<ReturnType<typeof startStack>> | null = null;
  let finished = false;
  try {
    const started = Date.now();
    stack = await startStack(port, databaseUrl.toString(), sink.url, path.join(dir, 'stack.log'));
    console.log(`stack healthy in ${((Date.now() - started) / 1000).toFixed(1)} s (logs: ${dir}/stack.log)`);

    const db = new Client({ connectionString: databaseUrl.toString() });
    await db.connect();
    await db.query(
      `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, confirmed_at, updated_at)
       SELECT gen_random_uuid(), 'lecteur-' || g || '@example.org', 'confirmed', 'bench', now(), now(), now() FROM generate_series(1, $1::int) g`,
      [SUBSCRIBERS],
    );
    await db.end();

    const token = await login(base);
    const ingested = Date.now();
    const drafts: Draft[] = [];
    // Eight at a time: the drafts exist before any approval is timed.
    for (let i = 0; i < 2 * approvals; i += 8) {
      drafts.push(...(await Promise.all(Array.from({ length: Math.min(8, 2 * approvals - i) }, (_, k) => draft(base, token, i + k + 1, run)))));
    }
    console.log(`${drafts.length} drafts ready in ${((Date.now() - ingested) / 1000).toFixed(1)} s; ${SUBSCRIBERS} confirmed subscribers`);

    const samples: Sample[] = [];
    const emailAfter = async (url: string, from: number, timeoutMs = 120_000): Promise<number> => {
      const deadline = Date.now() + timeoutMs;
      while (!sink.firstArrival.has(url)) {
        if (Date.now() > deadline) throw new Error(`no email linking to ${url}`);
        await sleep(5);
      }
      return (sink.firstArrival.get(url) as number) - from;
    };
    const urlOf = (d: Draft) => `${base}/articles/${slugify(d.title)}`;
    const pages = new PageWatcher();

    for (const d of drafts.slice(0, approvals)) {
      const url = urlOf(d);
      const from = await approve(base, token, d.id);
      const pageMs = (await pages.firstOk(url)) - from;
      samples.push({ phase: 'sequential', pageMs, emailMs: await emailAfter(url, from) });
    }

    const burst = drafts.slice(approvals);
    const measured = await Promise.all(
      burst.map(async (d) => {
        const url = urlOf(d);
        const from = await approve(base, token, d.id);
        const pageMs = (await pages.firstOk(url)) - from;
        return { url, from, pageMs };
      }),
    );
    for (const m of measured) samples.push({ phase: 'burst', pageMs: m.pageMs, emailMs: await emailAfter(m.url, m.from) });

    const rows: Record<string, string | number>[] = (['sequential', 'burst'] as const).flatMap((phase) => {
      const of = samples.filter((s) => s.phase === phase);
      return [
        { phase, to: 'article page 200', ...summary(of.map((s) => s.pageMs)) },
        { phase, to: 'first subscriber email', ...summary(of.map((s) => s.emailMs)) },
      ];
    });
    const page = summary(samples.map((s) => s.pageMs));
    const email = summary(samples.map((s) => s.emailMs));
    rows.push({ phase: 'all', to: 'article page 200', ...page }, { phase: 'all', to: 'first subscriber email', ...email });
    console.log(
      `latency: distributed stack (4 processes, Kafka, PostgreSQL, proxy), ${approvals} approvals one after another then ${approvals} in one burst; ` +
        `from each approval's HTTP response to the page's first 200 (HEAD through the proxy, 8 at a time, every ${PAGE_POLL_MS} ms) and to the first email linking to it ` +
        `(${SUBSCRIBERS} subscribers, ${sink.count()} emails received). Target: page p99 < 250 ms.`,
    );
    console.table(rows);
    const sequentialPage = summary(samples.filter((s) => s.phase === 'sequential').map((s) => s.pageMs));
    const burstPage = summary(samples.filter((s) => s.phase === 'burst').map((s) => s.pageMs));
    console.log(
      JSON.stringify({
        bench: 'latency',
        approvals: samples.length,
        ...page,
        emailP50Ms: email.p50Ms,
        emailP99Ms: email.p99Ms,
        sequentialP99Ms: sequentialPage.p99Ms,
        burstP99Ms: burstPage.p99Ms,
      }),
    );
    finished = true;
  } finally {
    await stack?.stop();
    await sink.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    // The stack's log stays for a failed run.
    if (finished) await rm(dir, { recursive: true, force: true });
    else console.error(`stack log kept: ${dir}/stack.log`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
