// The whole flow, black box, in both deployments: each real seed communiqué is ingested (once through the
// CLI, once through the HTTP API), approved by the administrator through the API, published as a page,
// announced by email to confirmed subscribers only, and shared with a friend by email. The mail server is
// a real SMTP server started here; the distributed deployment is `npm run stack` itself (four processes,
// real Kafka, real PostgreSQL), reached through its reverse proxy.
import { load } from 'cheerio';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { approve, draftOf, fetchPage, ingestText, login, submitForm, subscribe, type Page } from './support/newsroom-client';
import { App, databaseUrl, ensureBuilt, freePort, POSTGRES_URL, psql, ROOT, sleep, waitHealthy, within } from './support/processes';
import { fold, seedExpectations, type SeedExpectation } from './support/seeds';
import { linksOf, SmtpSink, type ReceivedMail } from './support/smtp-sink';

const execFileAsync = promisify(execFile);
const ADMIN_EMAIL = 'redaction@example.org';
const ADMIN_PASSWORD = `e2e-${randomBytes(9).toString('base64url')}`;
const DEMO_DIR = path.join(ROOT, 'apps/standalone/demo');

interface Deployment {
  name: string;
  /** The one origin readers, editors and subscribers use. */
  base: string;
  app: App;
  /** The titles of the demo communiqués it must show on a fresh install (standalone only). */
  demoTitles: string[];
}

/** `count` consecutive free ports, for the stack's proxy and its four services. */
async function freePortRange(count: number): Promise<number> {
  for (;;) {
    const first = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(
      Array.from({ length: count }, (_, i) => new Promise<boolean>((resolve) => {
        const server = createServer();
        server.once('error', () => resolve(false));
        server.listen(first + i, () => server.close(() => resolve(true)));
      })),
    );
    if (free.every(Boolean)) return first;
  }
}

async function waitForLine(app: App, pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(app.stdout + app.stderr)) {
    if (app.exit) throw new Error(`${app.name} exited during start-up\n${app.tail(60)}`);
    if (Date.now() > deadline) throw new Error(`${app.name}: no ${pattern} within ${timeoutMs} ms\n${app.tail(60)}`);
    await sleep(200);
  }
}

/** Waits until no new mail has arrived for `quietMs` (bounded), so that "exactly one" also means "no second one later". */
async function settled(sink: SmtpSink, quietMs = 2_000, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let count = -1;
  let since = Date.now();
  while (Date.now() < deadline) {
    if (sink.mails.length !== count) [count, since] = [sink.mails.length, Date.now()];
    else if (Date.now() - since >= quietMs) return;
    await sleep(100);
  }
}

const linkTo = (url: string) => (mail: ReceivedMail) => linksOf(mail).includes(url);

/** The demo communiqués `npm start` loads on a fresh install: each file's first line is its title. */
function demoTitles(): string[] {
  return readdirSync(DEMO_DIR)
    .filter((file) => file.endsWith('.txt'))
    .map((file) => readFileSync(path.join(DEMO_DIR, file), 'utf8').split('\n')[0].trim());
}

async function startStandalone(sink: SmtpSink, dataDir: string): Promise<Deployment> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const app = new App('standalone', 'dist/apps/standalone/src/main.js', {
    PORT: String(port),
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    SMTP_URL: sink.url,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    DATABASE_URL: undefined,
    KAFKA_BROKERS: undefined,
    APP_SECRET: undefined,
  });
  await waitHealthy(app, port, 90_000);
  return { name: 'standalone', base, app, demoTitles: demoTitles() };
}

async function startDistributed(sink: SmtpSink, database: string): Promise<Deployment> {
  const port = await freePortRange(5);
  const base = `http://localhost:${port}`;
  const app = new App('stack', 'dist/tools/src/stack/stack.js', {
    STACK_PORT: String(port),
    STACK_DATABASE_URL: databaseUrl(database),
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    SMTP_URL: sink.url,
    APP_SECRET: randomBytes(32).toString('base64url'),
    OPERATOR_TOKEN: randomBytes(24).toString('hex'),
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    PUBLIC_URL: undefined,
    DATABASE_URL: undefined,
    PORT: undefined,
  });
  await waitForLine(app, /\[stack\] healthy in/, 120_000);
  return { name: 'distributed', base, app, demoTitles: [] };
}

interface Published {
  seed: SeedExpectation;
  url: string;
  title: string;
}

describe.each([
  ['standalone host (npm start: one process, embedded database, no broker)', 'standalone'],
  ['distributed deployment (npm run stack: four processes, Kafka, PostgreSQL, reverse proxy)', 'distributed'],
] as const)('the whole flow on the %s', (_title, kind) => {
  const sink = new SmtpSink();
  const seeds = seedExpectations();
  const subscriber = `abonnee-${kind}@example.net`;
  const unconfirmed = `indecis-${kind}@example.net`;
  const friend = `amie-${kind}@example.com`;
  const published: Published[] = [];
  const database = `newsroom_flow_${process.pid}_${randomBytes(3).toString('hex')}`;
  let dataDir = '';
  let deployment: Deployment;
  let token: string;

  beforeAll(async () => {
    ensureBuilt();
    await sink.start();
    if (kind === 'standalone') {
      dataDir = mkdtempSync(path.join(tmpdir(), 'newsroom-flow-'));
      deployment = await startStandalone(sink, dataDir);
    } else {
      expect(process.env.KAFKA_BROKERS).toBeTruthy(); // set by tests/setup/kafka.global-setup.ts
      deployment = await startDistributed(sink, database);
    }
  }, 180_000);

  afterAll(async () => {
    // SIGTERM first: the stack then stops its services, which SIGKILL would leave running.
    await deployment?.app.stop('SIGTERM', 30_000);
    await deployment?.app.kill();
    await sink.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (kind === 'distributed') await psql(POSTGRES_URL, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }, 60_000);

  it('says where the admin is and who can sign in', () => {
    const output = deployment.app.stdout + deployment.app.stderr;
    expect(output).toContain(`${deployment.base}/admin`);
    expect(output).toContain(ADMIN_EMAIL);
  });

  if (kind === 'standalone') {
    it('serves the demo communiqués on the home page of a fresh install', async () => {
      expect(deployment.demoTitles.length).toBeGreaterThanOrEqual(3);
      const deadline = Date.now() + 30_000;
      let home: Page;
      for (;;) {
        home = await fetchPage(`${deployment.base}/`);
        const titles = load(home.html)('a').map((_, a) => fold(load(a).text())).get();
        if (deployment.demoTitles.every((title) => titles.includes(fold(title)))) break;
        if (Date.now() > deadline) throw new Error(`demo titles missing from the home page:\n${titles.join('\n')}`);
        await sleep(200);
      }
      expect(home.status).toBe(200);
    });
  }

  it('refuses an anonymous approval and a wrong password', async () => {
    const anonymous = await approve(deployment.base, '', '00000000-0000-4000-8000-000000000000');
    expect(anonymous.status).toBe(401);
    await expect(login(deployment.base, ADMIN_EMAIL, 'not-the-password')).rejects.toThrow(/401/);
    token = await login(deployment.base, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('a visitor subscribes from the site: one confirmation email each, and the link confirms (after a click on the page it opens)', async () => {
    for (const address of [subscriber, unconfirmed]) {
      const answer = await subscribe(deployment.base, address);
      expect([address, answer.status]).toEqual([address, 303]);
    }
    const confirmation = await sink.waitFor('confirmation email', () => sink.to(subscriber)[0]);
    await sink.waitFor('second confirmation email', () => sink.to(unconfirmed)[0]);
    const link = linksOf(confirmation).find((url) => url.includes('/newsletter/confirm'));
    expect(link).toBeDefined();
    const page = await fetchPage(link as string);
    expect(page.status).toBe(200);
    const done = await submitForm(page, 'form[action*="/newsletter/confirm"]', {});
    expect(done.status).toBe(200);
    expect(fold(load(done.html)('main').text())).toMatch(/confirmé/);
  });

  it.each([0, 1])('seed %i goes in, is approved, and its page shows its title, French date and every paragraph, and no chrome', async (index) => {
    const seed = seeds[index];
    let communiqueId: string;
    if (index === 0) {
      // Through the CLI, as an operator would: `newsroom ingest <file>`.
      const { stdout } = await execFileAsync(process.execPath, ['bin/newsroom', 'ingest', seed.file, '--url', deployment.base], {
        cwd: ROOT,
        env: { ...process.env, NEWSROOM_EMAIL: ADMIN_EMAIL, NEWSROOM_PASSWORD: ADMIN_PASSWORD, NEWSROOM_TOKEN: '' },
      });
      communiqueId = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/.exec(stdout)?.[1] ?? '';
      expect([stdout, communiqueId]).toEqual([stdout, expect.stringMatching(/.+/)]);
    } else {
      communiqueId = (await ingestText(deployment.base, token, readFileSync(seed.file, 'utf8'))).communiqueId;
    }

    const draft = await draftOf(deployment.base, token, communiqueId);
    expect(draft.state).toBe('draft');
    const approval = await approve(deployment.base, token, draft.id);
    expect([approval.status, await approval.text()]).toEqual([200, expect.any(String)]);

    // The alert to the confirmed subscriber carries the page's link: the published event has travelled.
    const alert = await sink.waitFor(`alert for "${draft.title}"`, () => sink.to(subscriber).find((mail) => fold(mail.subject) === fold(draft.title)));
    const url = linksOf(alert).find((link) => /\/articles\/[a-z0-9-]+$/.test(link));
    expect(url).toBeDefined();
    published.push({ seed, url: url as string, title: draft.title });

    const page = await fetchPage(url as string);
    expect(page.status).toBe(200);
    const $ = load(page.html);
    const article = $('article');
    expect(article.length).toBe(1);
    const h1 = fold(article.find('h1').text() || $('h1').first().text());
    if (seed.title) expect(h1).toBe(fold(seed.title));
    else {
      // Written by ingestion from the lead sentence: short, whole, and faithful (every word from the lead).
      const lead = fold(seed.paragraphs[0]).toLowerCase();
      expect(h1.length).toBeGreaterThan(15);
      expect(h1.length).toBeLessThanOrEqual(120);
      expect(h1).not.toMatch(/…|\.\.\.$/);
      for (const word of h1.toLowerCase().split(/[\s,]+/)) expect([word, lead.includes(word)]).toEqual([word, true]);
    }
    expect(fold($('time').first().text())).toBe(seed.frenchDate);
    expect($('time').first().attr('datetime')).toBe(seed.isoDate);

    const shown = article.find('p').map((_, p) => fold($(p).text())).get();
    expect(shown).toEqual(seed.paragraphs.map(fold));
    for (const chrome of seed.chrome) expect([chrome, shown.some((p) => p.includes(fold(chrome)))]).toEqual([chrome, false]);

    // The two actions of the seed pages, as links, not as body text.
    const actions = $('a').map((_, a) => fold($(a).text())).get();
    expect(actions).toEqual(expect.arrayContaining(['Suggest To A Friend', 'Print']));
    const print = await fetchPage(new URL($('a').filter((_, a) => fold($(a).text()) === 'Print').attr('href') as string, url).toString());
    expect(print.status).toBe(200);
    expect(fold(load(print.html)('body').text())).toContain(fold(seed.paragraphs[seed.paragraphs.length - 1]));
  }, 90_000);

  it('"Suggest To A Friend" sends exactly one email to the friend, with the article\'s link', async () => {
    expect(published).toHaveLength(2);
    for (const { url, title } of published) {
      const article = await fetchPage(url);
      const shareHref = load(article.html)('a').filter((_, a) => fold(load(a).text()) === 'Suggest To A Friend').attr('href');
      const form = await fetchPage(new URL(shareHref as string, url).toString());
      expect(form.status).toBe(200);
      const sent = await submitForm(form, 'form[method="post"]', { friendEmail: friend, senderName: 'Claire Martin', note: 'À lire, je pense à toi.' });
      expect([sent.status, sent.html.slice(0, 300)]).toEqual([303, expect.any(String)]);
      const mail = await sink.waitFor(`share of "${title}"`, () => sink.to(friend).find(linkTo(url)));
      expect(mail.subject).toContain('Claire Martin');
      expect(mail.text).toContain('À lire, je pense à toi.');
    }
  });

  it('in the end: one alert per article to the confirmed subscriber, none to the unconfirmed one, one email per share', async () => {
    await settled(sink);
    for (const { url } of published) {
      expect([url, sink.to(subscriber).filter(linkTo(url)).length]).toEqual([url, 1]);
      expect([url, sink.to(friend).filter(linkTo(url)).length]).toEqual([url, 1]);
    }
    expect(sink.to(friend)).toHaveLength(published.length);
    // The unconfirmed address got its confirmation request and nothing else.
    expect(sink.to(unconfirmed).map((mail) => mail.subject)).toEqual([expect.stringMatching(/onfirm/)]);
  }, 60_000);

  it('stops cleanly on SIGTERM (exit code 0)', async () => {
    const exit = await within(deployment.app.stop('SIGTERM', 30_000), 35_000);
    expect([exit, deployment.app.tail()]).toEqual([{ code: 0, signal: null }, deployment.app.tail()]);
  }, 40_000);
});
