import { Module, type INestApplication, type Type } from '@nestjs/common';
import type { ServiceName } from '@newsroom/contracts';
import { MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { settleAppSecret } from '../config/app-secret';
import { distributedConfigSchema, loadConfigOrExit, standaloneConfigSchema } from '../config/config';
import { createHttpApp } from './create-http-app';
import { READINESS_CHECKS, type ReadinessCheck } from './readiness-check';

/** /health reports the broker (or the local delivery) next to the databases. */
const brokerReadiness = {
  provide: READINESS_CHECKS,
  inject: [TRANSPORT],
  useFactory: (transport: Transport): ReadinessCheck => ({ name: 'broker', check: () => transport.readiness() }),
};

/** The distributed deployment: one service per process, Kafka and PostgreSQL required. */
export async function runService(service: ServiceName, serviceModule: Type, defaultPort: number): Promise<INestApplication> {
  const config = loadConfigOrExit(distributedConfigSchema(defaultPort));

  @Module({
    imports: [
      MessagingModule.forRoot({
        transport: 'kafka',
        brokers: config.KAFKA_BROKERS,
        clientId: service,
        outboxPollMs: config.OUTBOX_POLL_MS,
        operatorToken: config.OPERATOR_TOKEN,
      }),
      serviceModule,
    ],
    providers: [brokerReadiness],
  })
  class ServiceApp {}

  return createHttpApp(ServiceApp, { service, config });
}

/**
 * The standalone host: every service module in one process, events handed from each outbox to the
 * local consumers without a broker, the database embedded unless DATABASE_URL is set.
 */
export async function runStandalone(serviceModules: Type[], defaultPort: number): Promise<INestApplication> {
  const loaded = loadConfigOrExit(standaloneConfigSchema(defaultPort));
  const config = { ...loaded, APP_SECRET: loaded.APP_SECRET ?? settleAppSecret(loaded.DATA_DIR) };

  @Module({
    imports: [
      MessagingModule.forRoot({ transport: 'local', outboxPollMs: config.OUTBOX_POLL_MS, operatorToken: config.OPERATOR_TOKEN }),
      ...serviceModules,
    ],
    providers: [brokerReadiness],
  })
  class StandaloneApp {}

  return createHttpApp(StandaloneApp, { service: 'standalone', config });
}
