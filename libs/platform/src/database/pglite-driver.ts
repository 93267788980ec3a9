import { EventEmitter } from 'node:events';
import type { Client } from 'pg';
import { PgliteSession } from './pglite-session';

type ConnectCallback = (error: Error | undefined, connection?: PgliteConnection, release?: () => void) => void;

/** What pg's pool hands out: the session belongs to the holder until `release()`. */
class PgliteConnection {
  private released = false;

  constructor(
    private readonly client: Client,
    private readonly session: PgliteSession,
  ) {}

  query(...args: unknown[]): unknown {
    if (this.released) throw new Error('Query on a released PGlite connection');
    return (this.client.query as (...queryArgs: unknown[]) => unknown).apply(this.client, args);
  }

  on(event: string, listener: (...args: unknown[]) => void): this {
    (this.client as EventEmitter).on(event, listener);
    return this;
  }

  removeListener(event: string, listener: (...args: unknown[]) => void): this {
    (this.client as EventEmitter).removeListener(event, listener);
    return this;
  }

  readonly release = (): void => {
    if (this.released) return;
    this.released = true;
    void this.session.checkIn(this.client);
  };
}

/**
 * A stand-in for the `pg` module, for TypeORM's `driver` option: its Pool checks out the one PGlite
 * session of `dataDir`, shared by every pool of the process, with `searchPath` as search_path.
 * TypeORM's `connectTimeoutMS` bounds the wait for the session.
 */
export function pgliteDriver(options: { dataDir: string; searchPath: string }) {
  class Pool extends EventEmitter {
    private readonly session = PgliteSession.join(options.dataDir);
    private ended: Promise<void> | undefined;

    constructor(private readonly config: { connectionTimeoutMillis?: number } = {}) {
      super();
    }

    connect(): Promise<PgliteConnection>;
    connect(callback: ConnectCallback): void;
    connect(callback?: ConnectCallback): Promise<PgliteConnection> | void {
      const connection = this.session
        .checkOut(options.searchPath, this.config.connectionTimeoutMillis ?? 0)
        .then((client) => new PgliteConnection(client, this.session));
      if (!callback) return connection;
      connection.then(
        (c) => callback(undefined, c, c.release),
        (error: Error) => callback(error),
      );
    }

    end(): Promise<void>;
    end(callback: (error?: Error) => void): void;
    end(callback?: (error?: Error) => void): Promise<void> | void {
      this.ended ??= this.session.leave();
      if (!callback) return this.ended;
      this.ended.then(() => callback(), callback);
    }
  }
  return { Pool };
}
