import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { Module, RequestMethod, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { continueTrace, currentCorrelation, runWithCorrelation, TRACEPARENT } from '@newsroom/messaging';
import { LoggerModule } from 'nestjs-pino';
import { destination as pinoDestination, stdTimeFunctions, type DestinationStream, type LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';

export interface LoggingOptions {
  /** Written as `service` on every line. */
  service: string;
  level: LevelWithSilent;
  /** Human-readable lines through pino-pretty (a dev dependency) instead of JSON. */
  pretty?: boolean;
  /** Where JSON lines go instead of stdout (tests). */
  destination?: DestinationStream;
}

/**
 * Standard output, written asynchronously: the lines of one turn of the event loop leave in one write instead
 * of one blocking write each (a busy HTTP process logs thousands of lines a second). pino flushes what is
 * pending when the process exits, a crash included; only SIGKILL can lose the last turn's lines.
 */
export function stdoutDestination(): DestinationStream {
  return pinoDestination({ dest: 1, sync: false });
}

const SANE_REQUEST_ID = /^[\w.:-]{1,200}$/;

/** The reverse proxy's X-Request-Id when it sent a sane one, else a new uuid; kept on `req.id` and echoed in the response. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  if (!req.id) {
    const header = req.headers['x-request-id'];
    req.id = typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', req.id);
  }
  return String(req.id);
}

/**
 * A request starts a causal chain: its id is the correlation id of what it logs and of the events it causes. Its
 * span continues the caller's W3C trace (`traceparent` request header) or starts one.
 */
function bindRequestCorrelation(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  runWithCorrelation({ correlationId: requestId(req, res), causationId: null, trace: continueTrace(req.headers[TRACEPARENT]) }, next);
}

// The correlation context is messaging's, so log lines and event envelopes carry the same ids.
function correlationFields(): object {
  const context = currentCorrelation();
  if (!context) return {};
  const fields: Record<string, string> = { correlationId: context.correlationId };
  if (context.causationId) fields.causationId = context.causationId;
  if (context.trace) {
    fields.traceId = context.trace.traceId;
    fields.spanId = context.trace.spanId;
    if (context.trace.parentSpanId) fields.parentSpanId = context.trace.parentSpanId;
  }
  return fields;
}

function httpLoggerOptions({ service, level, pretty, destination }: LoggingOptions): Options {
  return {
    level,
    base: { service, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: correlationFields,
    genReqId: requestId,
    quietReqLogger: true,
    redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return req.url === '/health' ? 'debug' : 'info';
    },
    transport: pretty && !destination ? { target: 'pino-pretty' } : undefined,
  };
}

/**
 * Structured logs for a Nest app: pino JSON lines, one per request with its id, and the correlation id
 * of the current request or consumed event on every line. Nest's `Logger` writes through it once the app
 * calls `app.useLogger(app.get(Logger))` (createHttpApp does).
 */
@Module({})
export class LoggingModule implements NestModule {
  static forRoot(options: LoggingOptions): DynamicModule {
    const pinoHttp = httpLoggerOptions(options);
    const destination = options.destination ?? (options.pretty ? undefined : stdoutDestination());
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: destination ? [pinoHttp, destination] : pinoHttp })],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(bindRequestCorrelation).forRoutes({ path: '*', method: RequestMethod.ALL });
  }
}
