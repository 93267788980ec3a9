import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { BaseConfig } from './config';

/** Injection token of the configuration the app loaded before Nest started: `@Inject(APP_CONFIG) config: BaseConfig`. */
export const APP_CONFIG = Symbol('newsroom:config');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
