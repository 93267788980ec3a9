import { resolve } from 'node:path';
import type { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceName } from '@newsroom/contracts';
import * as pg from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import type { BaseConfig } from '../config/config';
import { pgliteDriver } from './pglite-driver';
import { TypeOrmLogger } from './typeorm-logger';

export interface ServiceDatabase {
  /** The service's entity classes (or EntitySchemas). */
  entities: Parameters<typeof TypeOrmModule.forFeature>[0];
  /** Its migration classes. TypeORM runs pending ones in the order of the timestamp ending each class name. */
  migrations: NonNullable<PostgresConnectionOptions['migrations']>;
}

export type DatabaseConfig = Pick<BaseConfig, 'DATABASE_URL' | 'DATA_DIR'>;

/**
 * The service's tables, migrations and migrations table live in a schema named after it.
 * With DATABASE_URL: PostgreSQL through `pg`. Without: PGlite under DATA_DIR/pglite, one session shared by the process.
 */
export function serviceDataSourceOptions(service: ServiceName, database: ServiceDatabase, config: DatabaseConfig): PostgresConnectionOptions {
  const connection = config.DATABASE_URL
    ? { url: config.DATABASE_URL, extra: { options: `-c search_path=${service}` } }
    : { driver: pgliteDriver({ dataDir: resolve(config.DATA_DIR, 'pglite'), searchPath: service }) };
  return {
    type: 'postgres',
    schema: service,
    ...connection,
    entities: database.entities,
    migrations: database.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: true,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    connectTimeoutMS: 30_000,
    logger: new TypeOrmLogger(service),
    maxQueryExecutionTime: 1_000,
  };
}

/** Creates the service's schema if missing, then initializes the DataSource, which applies pending migrations. */
export async function openServiceDataSource(options: PostgresConnectionOptions): Promise<DataSource> {
  const Pool = (options.driver ?? pg).Pool as typeof pg.Pool;
  const pool = new Pool({ connectionString: options.url, connectionTimeoutMillis: options.connectTimeoutMS, ...options.extra });
  try {
    const client = await pool.connect();
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    } finally {
      client.release();
    }
    // This pool closes only once the DataSource has its own, so a PGlite session is not shut and restarted in between.
    return await new DataSource(options).initialize();
  } finally {
    await pool.end();
  }
}
