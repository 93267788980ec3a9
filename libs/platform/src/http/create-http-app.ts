import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { BaseConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { LoggingModule } from '../logging/logging.module';
import { fastLanesOf, installFastLanes } from './fast-lane';
import { HealthModule } from './health.module';
import { httpMetrics, setUpProcessMetrics } from './http-metrics';

export interface HttpAppOptions {
  /** Names the logs and the OpenAPI document: `editorial`, ..., or `standalone`. */
  service: string;
  /** What loadConfig returned; provided to every module as APP_CONFIG. */
  config: BaseConfig;
  /** One line for the OpenAPI document. */
  description?: string;
  /** Where JSON log lines go instead of stdout (tests). */
  logDestination?: DestinationStream;
}

@Module({})
class HttpAppModule {}

/**
 * Starts an app around `rootModule`: APP_CONFIG, pino logs with request and correlation ids, GET /health,
 * OpenAPI at /api/docs (JSON at /api/docs-json), shutdown hooks; the modules' HTTP_FAST_LANES in front of
 * Express (fast-lane.ts); listens on config.PORT (0: any free port).
 * No ValidationPipe: input is checked with zod where it enters. Rejects if start-up fails (database, migrations).
 */
export async function createHttpApp(rootModule: Type, options: HttpAppOptions): Promise<INestApplication> {
  const { service, config } = options;
  const app = await NestFactory.create<NestExpressApplication>(
    {
      module: HttpAppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggingModule.forRoot({ service, level: config.LOG_LEVEL, pretty: config.LOG_PRETTY, destination: options.logDestination }),
        HealthModule,
        rootModule,
      ],
    },
    { bufferLogs: true, abortOnError: false, rawBody: true },
  );
  app.useLogger(app.get(Logger));
  closeOnSignals(app);
  // Behind the reverse proxy: req.ip and req.protocol come from X-Forwarded-* sent by a private-network peer.
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  setUpProcessMetrics(service);
  app.use(httpMetrics);
  // JSON and forms are parsed by Nest's defaults; plain text and HTML bodies (communiqués) as strings.
  app.useBodyParser('text', { type: ['text/plain', 'text/html'], limit: '5mb' });

  SwaggerModule.setup(
    'api/docs',
    app,
    () => SwaggerModule.createDocument(app, new DocumentBuilder().setTitle(`Newsroom ${service}`).setDescription(options.description ?? '').build()),
    { jsonDocumentUrl: 'api/docs-json' },
  );

  try {
    await app.init();
    // After init: pino-http's logger exists once the middleware is configured.
    installFastLanes(app.getHttpServer(), fastLanesOf(app), PinoLogger.root);
    await app.listen(config.PORT);
  } catch (error) {
    await app.close();
    throw error;
  }
  app.get(Logger).log(`${service} listening on ${await app.getUrl()}, public URL ${config.PUBLIC_URL}`, 'HttpApp');
  return app;
}

/**
 * SIGTERM/SIGINT close the app (consumers leave their groups, relays drain, connections close) and
 * then exit 0. Nest's enableShutdownHooks() re-raises the signal after closing, so a clean stop would
 * look like a kill to a supervisor.
 */
function closeOnSignals(app: INestApplication): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.get(Logger).log(`${signal}: shutting down`, 'HttpApp');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
