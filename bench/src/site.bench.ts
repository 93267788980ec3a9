/**
 * `npm run bench -- site [seconds=10]`: one article page of the public site at 50 concurrent keep-alive
 * connections (autocannon), side by side with nginx serving the same HTML as a static file, in one run.
 * The publishing service runs as deployed (createHttpApp: request logs at info, written asynchronously as
 * on stdout, only to /dev/null; live article pages answered by the module's fast lane on node:http, logged
 * by it, before Express), on a
 * throwaway PostgreSQL database, one Node process; nginx (Debian's) is started with its own temporary
 * prefix and config (worker_processes auto, access log off) on a free port. A third row puts the same nginx
 * in front of the service as a reverse proxy with a one-second microcache on article pages (a deployment
 * option, reported beside the service's own figures, never instead of them). autocannon runs in its own
 * process so it does not share the service's event loop. Each gets a warm-up first. Cleans up after itself.
 */
import { Logger, Module } from '@nestjs/common';
import { createEvent } from '@newsroom/contracts';
import { MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { createTestDatabase } from '@newsroom/messaging/testing';
import { createHttpApp, loadConfig, standaloneConfigSchema } from '@newsroom/platform';
import { PublishingModule } from '@newsroom/publishing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';

const CONNECTIONS = 50;
const WARM_UP_SECONDS = 3;
const AUTOCANNON = path.resolve('node_modules/autocannon/autocannon.js');
const NGINX = '/usr/sbin/nginx';

interface Result {
  server: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}

/** autocannon in a child process, its JSON summary parsed. */
function autocannon(url: string, seconds: number): Promise<{ requests: { average: number }; latency: { p50: number; p99: number; max: number }; errors: number; non2xx: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [AUTOCANNON, '-c', String(CONNECTIONS), '-d', String(seconds), '--json', url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`autocannon exited with ${code}`))));
  });
}

async function measure(server: string, url: string, seconds: number): Promise<Result> {
  await autocannon(url, WARM_UP_SECONDS);
  const run = await autocannon(url, seconds);
  return { server, requestsPerSecond: Math.round(run.requests.average), p50Ms: run.latency.p50, p99Ms: run.latency.p99, maxMs: run.latency.max, errors: run.errors, non2xx: run.non2xx };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * One nginx: `port` serves the page as a static file; `proxyPort` is the reverse proxy in front of the
 * service with a one-second microcache on article pages (what deploy/nginx.conf could add: see README).
 */
async function startNginx(dir: string, port: number, page: string, proxyPort: number, appPort: number): Promise<ChildProcess> {
  await mkdir(path.join(dir, 'www'), { recursive: true });
  await mkdir(path.join(dir, 'logs'), { recursive: true });
  await writeFile(path.join(dir, 'www', 'article.html'), page, { mode: 0o644 });
  // Run as root, nginx's workers are `nobody`: they must be able to reach the file.
  await chmod(dir, 0o755);
  await chmod(path.join(dir, 'www'), 0o755);
  await writeFile(
    path.join(dir, 'nginx.conf'),
    `daemon off;
worker_processes auto;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  types { text/html html; }
  client_body_temp_path ${dir}/tmp_body;
  proxy_temp_path ${dir}/tmp_proxy;
  fastcgi_temp_path ${dir}/tmp_fastcgi;
  uwsgi_temp_path ${dir}/tmp_uwsgi;
  scgi_temp_path ${dir}/tmp_scgi;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
  }
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=articles:10m max_size=100m inactive=60s use_temp_path=off;
  upstream publishing { server 127.0.0.1:${appPort}; keepalive 32; }
  server {
    listen 127.0.0.1:${proxyPort};
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    location / { proxy_pass http://publishing; }
    location ~ ^/articles/[a-z0-9-]+(/print)?$ {
      proxy_pass http://publishing;
      proxy_cache articles;
      proxy_ignore_headers Cache-Control Expires;
      proxy_cache_valid 200 301 410 1s;
      proxy_cache_lock on;
      proxy_cache_use_stale updating;
      proxy_cache_background_update on;
    }
  }
}
`,
  );
  const nginx = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'logs', 'error.log')], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/article.html`).catch(() => null);
    if (res?.ok) return nginx;
    await new Promise((r) => setTimeout(r, 50));
  }
  nginx.kill('SIGQUIT');
  const log = await readFile(path.join(dir, 'logs', 'error.log'), 'utf8').catch(() => '');
  throw new Error(`nginx did not start: ${log.split('\n').slice(-3).join('\n')}`);
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const seconds = Number(process.argv[2] ?? 10);
  if (spawnSync(NGINX, ['-v']).error) throw new Error(`${NGINX} not found (Debian package nginx)`);

  const db = await createTestDatabase('newsroom_bench_site');
  const dir = await mkdtemp(path.join(tmpdir(), 'newsroom-bench-site-'));
  let app: Awaited<ReturnType<typeof createHttpApp>> | null = null;
  let nginx: ChildProcess | null = null;
  try {
    const env = { NODE_ENV: 'production', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', PORT: String(await freePort()), DATABASE_URL: db.url, PUBLIC_URL: 'http://news.test', DATA_DIR: dir };
    const config = { ...loadConfig(standaloneConfigSchema(3003), env), APP_SECRET: randomBytes(32).toString('base64url') };
    @Module({ imports: [MessagingModule.forRoot({ transport: 'local', outboxPollMs: 100 }), PublishingModule] })
    class BenchApp {}
    app = await createHttpApp(BenchApp, { service: 'publishing', config, logDestination: pino.destination({ dest: '/dev/null', sync: false }) });

    const articleId = randomUUID();
    const paragraphs = Array.from(
      { length: 8 },
      (_, i) => `Paragraphe ${i + 1} : la coopération entre les deux pays se poursuit, annonce le ministère, avec des échanges d’étudiants, des expositions croisées et des résidences d’artistes dans plusieurs villes.`,
    );
    const event = createEvent(
      'editorial.article.approved',
      {
        articleId,
        communiqueId: null,
        revision: 1,
        title: 'Coopération culturelle : l’accord signé',
        publishedOn: '2025-03-10',
        section: 'Relations bilatérales',
        language: 'fr',
        paragraphs,
        approvedBy: 'Bench',
        approvedAt: new Date().toISOString(),
        publishAt: null,
      },
      { aggregateId: articleId },
    );
    await app.get<Transport>(TRANSPORT).publish([{ topic: 'editorial.article', key: articleId, value: JSON.stringify(event), headers: {} }]);
    const appUrl = `http://127.0.0.1:${config.PORT}/articles/cooperation-culturelle-l-accord-signe`;
    const res = await fetch(appUrl, { headers: { 'Accept-Encoding': 'identity' } });
    if (!res.ok) throw new Error(`the article page answered ${res.status}`);
    const page = await res.text();

    const nginxPort = await freePort();
    const proxyPort = await freePort();
    nginx = await startNginx(dir, nginxPort, page, proxyPort, config.PORT);
    const proxiedUrl = `http://127.0.0.1:${proxyPort}/articles/cooperation-culturelle-l-accord-signe`;
    if ((await (await fetch(proxiedUrl, { headers: { 'Accept-Encoding': 'identity' } })).text()) !== page) throw new Error('the proxy does not serve the same HTML');
    const nginxUrl = `http://127.0.0.1:${nginxPort}/article.html`;
    const nginxPage = await (await fetch(nginxUrl)).text();
    if (nginxPage !== page) throw new Error('nginx does not serve the same HTML');

    const results = [
      await measure('publishing (Node, 1 process)', appUrl, seconds),
      await measure('nginx (static file, worker_processes auto)', nginxUrl, seconds),
      await measure('nginx 1 s microcache → publishing', proxiedUrl, seconds),
    ];
    console.log(
      `site: GET of one article page (${Buffer.byteLength(page)} bytes, no Accept-Encoding: identical bytes from both), ${CONNECTIONS} keep-alive connections, ` +
        `${seconds} s after a ${WARM_UP_SECONDS} s warm-up each, autocannon in its own process.`,
    );
    console.table(results);
    const [site, reference, proxied] = results;
    const share = (r: Result) => Math.round((100 * r.requestsPerSecond) / reference.requestsPerSecond);
    console.log(`publishing: ${share(site)} % of nginx's throughput (target ≥ 50 %), p99 ${site.p99Ms} ms (target < 10 ms); behind the microcache: ${share(proxied)} %, p99 ${proxied.p99Ms} ms`);
    console.log(
      JSON.stringify({
        bench: 'site',
        rps: site.requestsPerSecond,
        nginxRps: reference.requestsPerSecond,
        p99Ms: site.p99Ms,
        nginxP99Ms: reference.p99Ms,
        microcacheRps: proxied.requestsPerSecond,
        microcacheP99Ms: proxied.p99Ms,
      }),
    );
  } finally {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await app?.close();
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
