import { mkdirSync } from 'node:fs';
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { Client } from 'pg';

// PGlite runs in a worker thread and answers a real pg.Client over the PostgreSQL wire protocol:
// - rows are parsed by pg itself, so they look exactly as they do from PostgreSQL (int8 and numeric
//   as strings, Date for timestamps, parsed json, the same errors with the same codes);
// - PGlite's Emscripten loader calls import(), which Jest's module sandbox refuses without
//   --experimental-vm-modules; a worker runs outside that sandbox;
// - a long query does not stall the HTTP event loop.
// Messages are handled one at a time, in order, as a PostgreSQL backend would.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const db = new PGlite(workerData.dataDir);
let queue = db.waitReady;
parentPort.on('message', (message) => {
  queue = queue
    .then(async () => {
      if (message === 'close') {
        await db.close();
        parentPort.close();
        return;
      }
      const reply = (await db.execProtocolRaw(message)).slice();
      if (reply.length) parentPort.postMessage(reply, [reply.buffer]);
    })
    .catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
});
`;

/** A socket whose other end is the PGlite worker: bytes written are protocol messages, bytes read are its replies. */
class WorkerSocket extends Duplex {
  private closing = false;

  constructor(
    private readonly worker: Worker,
    dataDir: string,
  ) {
    super();
    worker.on('message', (message: Uint8Array | { error: string }) => {
      if (message instanceof Uint8Array) this.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength));
      else this.destroy(new Error(`PGlite in ${dataDir} failed: ${message.error}`));
    });
    worker.on('error', (error) => this.destroy(error));
    worker.on('exit', (code) => {
      if (!this.closing) this.destroy(new Error(`PGlite worker for ${dataDir} exited with code ${code}`));
    });
  }

  // The net.Socket calls pg's Connection makes.
  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay(): this {
    return this;
  }

  override _read(): void {
    // Replies are pushed as the worker sends them.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    const message = new Uint8Array(chunk);
    this.worker.postMessage(message, [message.buffer]);
    callback();
  }

  // pg ends the socket on client.end(): PGlite closes its files, the worker exits, and the socket closes.
  override _final(callback: () => void): void {
    this.closing = true;
    this.worker.once('exit', () => {
      this.push(null);
      callback();
    });
    this.worker.postMessage('close');
  }

  override _destroy(error: Error | null, callback: (error: Error | null) => void): void {
    void this.worker.terminate();
    callback(error);
  }
}

/** Mutual exclusion with a FIFO queue; a waiter can give up after `timeoutMs` (0: wait for ever, as pg's pool does). */
class SessionLock {
  private held = false;
  private readonly waiting: Array<() => void> = [];

  acquire(timeoutMs: number): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              this.waiting.splice(this.waiting.indexOf(grant), 1);
              reject(
                new Error(
                  `PGlite session busy for ${timeoutMs} ms: it is a single session, and the connection holding it was not released. ` +
                    'Inside a transaction, query through its EntityManager, not through another repository or DataSource.',
                ),
              );
            }, timeoutMs)
          : undefined;
      this.waiting.push(grant);
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/**
 * The one PGlite database of a data directory, in this process, and its only connection.
 * Whoever checks it out has it to itself until check-in, so transactions never interleave.
 */
export class PgliteSession {
  private static readonly open = new Map<string, PgliteSession>();
  private static readonly closing = new Map<string, Promise<void>>();

  private readonly lock = new SessionLock();
  private readonly connection: Promise<Client>;
  private searchPath: string | undefined;
  private users = 0;

  private constructor(readonly dataDir: string) {
    // Two PGlite instances on one directory would corrupt it: a session reopened while closing waits for the close.
    this.connection = (PgliteSession.closing.get(dataDir) ?? Promise.resolve()).then(() => this.connect()).catch((error: unknown) => {
      if (PgliteSession.open.get(dataDir) === this) PgliteSession.open.delete(dataDir);
      throw error;
    });
    // Failures reach whoever checks out; this keeps a session nobody used yet from raising an unhandled rejection.
    this.connection.catch(() => undefined);
  }

  /** The session of `dataDir` (an absolute path), started on first use; call `leave()` once done with it. */
  static join(dataDir: string): PgliteSession {
    let session = PgliteSession.open.get(dataDir);
    if (!session) {
      session = new PgliteSession(dataDir);
      PgliteSession.open.set(dataDir, session);
    }
    session.users++;
    return session;
  }

  private async connect(): Promise<Client> {
    mkdirSync(this.dataDir, { recursive: true });
    const socket = new WorkerSocket(
      new Worker(WORKER_SOURCE, { eval: true, workerData: { pglite: require.resolve('@electric-sql/pglite'), dataDir: this.dataDir } }),
      this.dataDir,
    );
    const client = new Client({ user: 'postgres', database: 'postgres', stream: () => socket });
    // Without a listener, an error between two check-outs would crash the process; the next query reports it instead.
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      socket.destroy();
      throw error;
    }
  }

  /** The last user to leave closes the database. */
  async leave(): Promise<void> {
    if (--this.users > 0) return;
    PgliteSession.open.delete(this.dataDir);
    const closed = this.connection.then(
      (client) => client.end(),
      () => undefined,
    );
    PgliteSession.closing.set(this.dataDir, closed);
    await closed;
    if (PgliteSession.closing.get(this.dataDir) === closed) PgliteSession.closing.delete(this.dataDir);
  }

  async checkOut(searchPath: string, timeoutMs: number): Promise<Client> {
    const client = await this.connection;
    await this.lock.acquire(timeoutMs);
    try {
      if (this.searchPath !== searchPath) {
        await client.query(`SET search_path TO "${searchPath.replace(/"/g, '""')}"`);
        this.searchPath = searchPath;
      }
      return client;
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  async checkIn(client: Client): Promise<void> {
    // A connection handed back inside a transaction must not pass that transaction to the next user.
    const status = client.getTransactionStatus();
    if (status === 'T' || status === 'E') await client.query('ROLLBACK').catch(() => undefined); // a broken client fails the next query anyway
    this.lock.release();
  }
}
