import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceName } from '@newsroom/contracts';
import { QueryFailedError } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';
import { APP_CONFIG } from '../config/config.module';
import { openServiceDataSource, serviceDataSourceOptions, type DatabaseConfig, type ServiceDatabase } from './service-data-source';

@Module({})
export class DatabaseModule {
  /**
   * The service's DataSource, named after it (`getDataSourceToken(service)`), migrated on start-up,
   * and repositories for its entities (`@InjectRepository(Entity, service)`). Needs APP_CONFIG (ConfigModule).
   */
  static forService(service: ServiceName, database: ServiceDatabase): DynamicModule {
    const repositories = TypeOrmModule.forFeature(database.entities, service);
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          name: service,
          inject: [APP_CONFIG],
          useFactory: (config: DatabaseConfig) => ({
            ...serviceDataSourceOptions(service, database, config),
            // TypeOrmModule finds the DataSource to close on shutdown by this name.
            name: service,
            // A failed migration fails again: retry only what may be a database still starting.
            toRetry: (error: unknown) => !(error instanceof QueryFailedError),
          }),
          dataSourceFactory: (options) => openServiceDataSource(options as PostgresConnectionOptions),
        }),
        repositories,
      ],
      exports: [repositories],
    };
  }
}
