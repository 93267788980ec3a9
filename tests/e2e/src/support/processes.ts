// The running apps of dist/ as child processes, and what the e2e suites need to talk to them: black box,
// over HTTP, psql and SMTP only. Nothing of the services' code is imported.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(__dirname, '../../../..');
export const POSTGRES_URL = process.env.E2E_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const START_TIMEOUT_MS = 60_000;
export const STOP_TIMEOUT_MS = 10_000;
const execFileAsync = promisify(execFile);
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** `promise`, or undefined after `ms`; the timer is cleared either way, so no test leaves one behind. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One app of dist/ as a child process, its output kept for assertions and failure messages. */
export class App {
  readonly exited: Promise<Exit>;
  exit: Exit | undefined;
  stdout = '';
  stderr = '';
  private readonly child: ChildProcess;

  constructor(
    readonly name: string,
    entry: string,
    env: Record<string, string | undefined>,
  ) {
    const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
    this.child = spawn(process.execPath, [entry], { cwd: ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve((this.exit = { code, signal }))));
  }

  /** The last lines of its output, for failure messages. */
  tail(lines = 30): string {
    return `--- ${this.name} (${this.exit ? `exited ${JSON.stringify(this.exit)}` : 'running'})\n${(this.stdout + this.stderr).trimEnd().split('\n').slice(-lines).join('\n')}`;
  }

  /** Sends `signal` and waits for the exit; undefined if it is still running after timeoutMs. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = STOP_TIMEOUT_MS): Promise<Exit | undefined> {
    if (!this.exit) this.child.kill(signal);
    return within(this.exited, timeoutMs);
  }

  /** For afterAll: whatever happened in the test, nothing outlives the suite. */
  async kill(): Promise<void> {
    if (this.exit) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

/** Builds dist/ unless it is newer than every source file (tools/build.mjs takes well under a second). */
export function ensureBuilt(): void {
  const stamp = path.join(ROOT, 'dist/apps/standalone/src/main.js');
  const builtAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) return false;
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? newer(full) : entry.name.endsWith('.ts') && statSync(full).mtimeMs > builtAt;
    });
  if (builtAt && !['apps', 'libs', 'tools'].some((dir) => newer(path.join(ROOT, dir)))) return;
  execFileSync(process.execPath, ['tools/build.mjs'], { cwd: ROOT, env: { ...process.env, BUILD_QUIET: '1' }, stdio: 'inherit' });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: unknown; text: string }> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body, text };
}

export interface HealthReport {
  status: string;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

/** Polls GET /health until 200; fails at once if the app exits, or after the timeout with its last answer and output. */
export async function waitHealthy(app: App, port: number, timeoutMs = START_TIMEOUT_MS): Promise<HealthReport> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    if (app.exit) throw new Error(`${app.name} exited during start-up\n${app.tail()}`);
    try {
      const { status, body, text } = await get(`http://127.0.0.1:${port}/health`);
      if (status === 200) return body as HealthReport;
      last = `${status} ${text}`;
    } catch (error) {
      last = String((error as { cause?: unknown }).cause ?? error);
    }
    if (Date.now() > deadline) throw new Error(`${app.name} not healthy within ${timeoutMs} ms: ${last}\n${app.tail()}`);
    await sleep(200);
  }
}

/** Runs SQL through psql (no driver imported here); rows as arrays of strings. */
export async function psql(databaseUrl: string, sql: string): Promise<string[][]> {
  const { stdout } = await execFileAsync('psql', [databaseUrl, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  return stdout.split('\n').filter(Boolean).map((line) => line.split('\t'));
}

export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
