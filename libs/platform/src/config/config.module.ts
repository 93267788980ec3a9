import { Global, Module, type DynamicModule } from '@nestjs/common';
import { Clock, SystemClock } from '../time/clock';
import type { BaseConfig } from './config';

/**
 * Injection token of the configuration the app loaded before Nest started: `@Inject(APP_CONFIG) config: BaseConfig`.
 * The module also provides the `Clock` (the system's; `clock` replaces it, in tests).
 */
export const APP_CONFIG = Symbol('newsroom:config');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: BaseConfig, clock: Clock = new SystemClock()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
