// A real single-node Apache Kafka broker (KRaft, broker + controller in one JVM) for development and tests,
// run from the Maven Central jars of tools/kafka/pom.xml: no Docker, no tarball.
//
// Layout under <repo>/.cache/kafka/:
//   3.9.1/libs/*.jar       jars copied by `mvn dependency:copy-dependencies` (3.9.1/.complete marks a full download)
//   run-<port>/            state of the broker listening on <port>, recreated on every fresh start:
//     broker.pid           pid of the JVM (also its process group id)
//     server.properties    single-node configuration
//     data/                log.dirs
//     server.log           broker log (tools/kafka/log4j.properties)
//     broker.out           JVM stdout/stderr (warnings, crashes)
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';

// kafkajs 2.x warns about its default partitioner change on every producer; nothing here depends on the old one.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';

const KAFKA_VERSION = '3.9.1';
const DEFAULT_PORT = 9092;
const READY_TIMEOUT_MS = 60_000;
/** How long a broker that is alive but not answering may take before it is replaced by a fresh one. */
const ALIVE_PROBE_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 20_000;
const POLL_INTERVAL_MS = 250;

export interface LocalKafkaOptions {
  /** Client port (PLAINTEXT listener); default env NEWSROOM_KAFKA_PORT, else 9092. */
  port?: number;
  /** Controller (KRaft quorum) port; default port + 1. */
  controllerPort?: number;
  /** State directory; default <repo>/.cache/kafka/run-<port>. */
  dir?: string;
}

export interface LocalKafka {
  /** Bootstrap servers, e.g. `127.0.0.1:9092`. */
  brokers: string;
  /** false when a broker started earlier was already running and is reused. */
  startedNow: boolean;
  pid: number;
  logFile: string;
}

const execFileAsync = promisify(execFile);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Nearest ancestor of this file holding nx.json: works from libs/... (jest) and from dist/libs/... (build). */
function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no nx.json above ${__dirname}`);
  }
}

const kafkaTools = () => path.join(repoRoot(), 'tools', 'kafka');
const javaBin = () => (process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java');

/** Downloads the broker jars with Maven unless a complete download for the current POM is cached. Returns the jar folder. */
export async function ensureKafkaJars(): Promise<string> {
  const versionDir = path.join(repoRoot(), '.cache', 'kafka', KAFKA_VERSION);
  const libs = path.join(versionDir, 'libs');
  const marker = path.join(versionDir, '.complete');
  const pom = path.join(kafkaTools(), 'pom.xml');
  // The marker holds the POM's hash, so editing the POM (another version, another logging backend) downloads again.
  const pomHash = createHash('sha256').update(await readFile(pom)).digest('hex');
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === pomHash) return libs;

  process.stderr.write(`Downloading Kafka ${KAFKA_VERSION} jars with Maven into ${libs}\n`);
  await rm(libs, { recursive: true, force: true });
  await run('Maven download of the Kafka jars', 'mvn', [
    '-q',
    '-B',
    '-f',
    pom,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${libs}`,
  ]);
  await writeFile(marker, pomHash);
  return libs;
}

/**
 * Starts the local broker, or returns the one a previous call started if it is still running and answering.
 * A fresh start always begins with an empty data directory. Resolves once topics can be listed and the
 * group coordinator answers.
 */
export async function startLocalKafka(opts: LocalKafkaOptions = {}): Promise<LocalKafka> {
  const paths = runPaths(opts);
  const { port, controllerPort, brokers } = paths;

  const pid = await readPid(paths.pidFile);
  if (pid !== undefined && isBrokerProcess(pid, paths.propsFile)) {
    try {
      await pollReady(brokers, Date.now() + ALIVE_PROBE_TIMEOUT_MS, () => isBrokerProcess(pid, paths.propsFile));
      return { brokers, startedNow: false, pid, logFile: paths.logFile };
    } catch {
      await stopLocalKafka(opts); // alive but unresponsive: replace it
    }
  }

  const libs = await ensureKafkaJars();
  for (const p of [port, controllerPort]) {
    if (!(await isPortFree(p))) {
      throw new Error(`port 127.0.0.1:${p} is taken by another process; set NEWSROOM_KAFKA_PORT, or KAFKA_BROKERS to use a running broker`);
    }
  }

  await rm(paths.dir, { recursive: true, force: true });
  await mkdir(paths.dataDir, { recursive: true });
  await writeFile(paths.propsFile, serverProperties(port, controllerPort, paths.dataDir));
  const javaArgs = (mainClass: string, ...args: string[]) => [
    `-Dlog4j.configuration=file:${path.join(kafkaTools(), 'log4j.properties')}`,
    `-Dkafka.logs.dir=${paths.dir}`,
    '-cp',
    path.join(libs, '*'), // expanded by the JVM, not by a shell
    mainClass,
    ...args,
  ];
  const clusterId = (await run('kafka-storage random-uuid', javaBin(), javaArgs('kafka.tools.StorageTool', 'random-uuid'))).trim();
  await run('kafka-storage format', javaBin(), javaArgs('kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', paths.propsFile, '-g'));

  const out = await open(paths.outFile, 'a');
  // detached: own process group, so stop can signal the whole group and the broker outlives this process.
  const child = spawn(javaBin(), ['-Xms256m', '-Xmx512m', ...javaArgs('kafka.Kafka', paths.propsFile)], {
    cwd: paths.dir,
    detached: true,
    stdio: ['ignore', out.fd, out.fd],
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = `broker exited (${signal ?? `code ${code}`})`));
  child.unref();
  if (child.pid === undefined) {
    const [error] = await once(child, 'error'); // emitted on the next tick when java cannot be run
    await out.close();
    throw new Error(`cannot run ${javaBin()}: ${errorMessage(error)}`);
  }
  await out.close(); // the child holds its own copy of the descriptor
  await writeFile(paths.pidFile, `${child.pid}\n`);

  try {
    await pollReady(brokers, Date.now() + READY_TIMEOUT_MS, () => exited === undefined);
  } catch (error) {
    await stopLocalKafka(opts);
    throw new Error(
      `Kafka on ${brokers} did not become ready: ${exited ?? errorMessage(error)}\n` +
        `--- ${paths.logFile} (tail)\n${await tail(paths.logFile)}\n--- ${paths.outFile} (tail)\n${await tail(paths.outFile)}`,
    );
  }
  return { brokers, startedNow: true, pid: child.pid, logFile: paths.logFile };
}

/** Stops the broker started by startLocalKafka on that port (SIGTERM, SIGKILL after 20 s). Returns whether one was running. */
export async function stopLocalKafka(opts: Pick<LocalKafkaOptions, 'port' | 'dir'> = {}): Promise<boolean> {
  const paths = runPaths(opts);
  const pid = await readPid(paths.pidFile);
  const running = pid !== undefined && isBrokerProcess(pid, paths.propsFile);
  if (running) {
    signalGroup(pid, 'SIGTERM');
    if (!(await waitForExit(pid, STOP_TIMEOUT_MS))) {
      signalGroup(pid, 'SIGKILL');
      await waitForExit(pid, STOP_TIMEOUT_MS);
    }
  }
  await rm(paths.pidFile, { force: true });
  return running;
}

/** The broker started by startLocalKafka on that port, if it is running and answering. */
export async function localKafkaStatus(
  opts: Pick<LocalKafkaOptions, 'port' | 'dir'> = {},
): Promise<Omit<LocalKafka, 'startedNow'> | undefined> {
  const paths = runPaths(opts);
  const pid = await readPid(paths.pidFile);
  if (pid === undefined || !isBrokerProcess(pid, paths.propsFile)) return undefined;
  try {
    await pollReady(paths.brokers, Date.now() + 2_000, () => true);
  } catch {
    return undefined;
  }
  return { brokers: paths.brokers, pid, logFile: paths.logFile };
}

/**
 * Waits until the cluster at `brokers` (comma-separated host:port) lists topics and its group coordinator
 * answers, so a first consumer does not meet "group coordinator not available" (kafkajs #1752).
 */
export async function waitForKafka(brokers: string, timeoutMs: number): Promise<void> {
  await pollReady(brokers, Date.now() + timeoutMs, () => true);
}

async function pollReady(brokers: string, deadline: number, stillAlive: () => boolean): Promise<void> {
  const kafka = new Kafka({
    clientId: 'newsroom-local-broker',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: logLevel.NOTHING, // refused connections are expected while the broker boots
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
    retry: { retries: 0 }, // this loop retries
  });
  for (;;) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      // Finding the coordinator creates __consumer_offsets; the fetch succeeds once its partition is loaded.
      await admin.fetchOffsets({ groupId: '__newsroom_warmup', topics: [] });
      return;
    } catch (error) {
      if (!stillAlive()) throw new Error('broker process is gone');
      if (Date.now() >= deadline) throw new Error(`Kafka at ${brokers} not ready: ${errorMessage(error)}`);
    } finally {
      await admin.disconnect();
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

function runPaths(opts: Pick<LocalKafkaOptions, 'port' | 'controllerPort' | 'dir'>) {
  const port = opts.port ?? envPort();
  const dir = opts.dir ?? path.join(repoRoot(), '.cache', 'kafka', `run-${port}`);
  return {
    port,
    controllerPort: opts.controllerPort ?? port + 1,
    brokers: `127.0.0.1:${port}`,
    dir,
    pidFile: path.join(dir, 'broker.pid'),
    propsFile: path.join(dir, 'server.properties'),
    dataDir: path.join(dir, 'data'),
    logFile: path.join(dir, 'server.log'),
    outFile: path.join(dir, 'broker.out'),
  };
}

function envPort(): number {
  const raw = process.env.NEWSROOM_KAFKA_PORT;
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65534) throw new Error(`NEWSROOM_KAFKA_PORT is not a port: ${raw}`);
  return port;
}

/** Single combined broker/controller on 127.0.0.1, with every default that needs 3 nodes brought down to 1. */
function serverProperties(port: number, controllerPort: number, dataDir: string): string {
  const props: Record<string, string | number> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'group.initial.rebalance.delay.ms': 0, // default 3000: every first join would wait 3 s
    'group.min.session.timeout.ms': 1_000, // lets tests use short consumer session timeouts
  };
  return Object.entries(props).map(([key, value]) => `${key}=${value}\n`).join('');
}

async function readPid(pidFile: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is alive and is our broker. On Linux the command line must name our server.properties,
 * so a pid reused by another process (after a reboot, say) is never signalled; zombies have no command line.
 */
function isBrokerProcess(pid: number, propsFile: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  if (process.platform !== 'linux') return true;
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return argv.includes('kafka.Kafka') && argv.includes(propsFile);
  } catch {
    return false;
  }
}

/** Waits until `pid` has exited; false on timeout. */
async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!hasExited(pid)) {
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
  return true;
}

/**
 * Whether `pid` has released its resources (its listening ports above all). Its command line is no test:
 * the kernel drops it before closing the sockets of a dying JVM. A zombie (state Z) has closed everything
 * and only waits for its parent (init, as the launcher is gone) to reap it.
 */
function hasExited(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); // "pid (comm) S ..."
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return process.platform === 'linux'; // no /proc entry on Linux: gone; elsewhere there is no /proc to ask
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Runs a command to completion and returns its stdout; the error carries its output. */
async function run(label: string, command: string, args: string[]): Promise<string> {
  try {
    return (await execFileAsync(command, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${label} failed: ${errorMessage(error)}\n${stdout}${stderr}`.trim());
  }
}

async function tail(file: string, lines = 40): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no file)';
  }
}
