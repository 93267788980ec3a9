import type { INestApplication } from '@nestjs/common';
import { continueTrace, TRACEPARENT } from '@newsroom/messaging';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { requestId } from '../logging/logging.module';
import { observeRequest } from './http-metrics';

/**
 * A handler that answers some GET and HEAD requests on `node:http` itself, before Express, Nest and
 * pino-http (e.g. pages served from an in-memory copy). It answers the request, or calls `next()` exactly
 * once (at once or later) to hand it to the app unchanged. Register one in any module with
 * `{ provide: HTTP_FAST_LANES, useExisting: MyLane }`; createHttpApp puts every one found in front of the app.
 * The request already has its id (`req.id`, and `x-request-id` on the response) when the lane sees it.
 */
export interface FastLane {
  /** The route template of what it answers (`/articles/:slug`): the `route` label of the requests it serves. */
  readonly route: string;
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

export const HTTP_FAST_LANES = Symbol('newsroom:http-fast-lanes');

/** Every HTTP_FAST_LANES provider of every module of `app` (Nest has no multi-providers). */
export function fastLanesOf(app: INestApplication): FastLane[] {
  try {
    return app.get<typeof HTTP_FAST_LANES, FastLane | FastLane[]>(HTTP_FAST_LANES, { strict: false, each: true }).flat();
  } catch {
    return [];
  }
}

/**
 * Puts `lanes` in front of the app's request listener on `server` (before it listens). GET and HEAD go
 * through the lanes in order, then to the app; other methods go straight to the app. A request a lane
 * answers is logged as pino-http logs the app's (one line at `info`, `request completed`, with the request
 * id, method, URL, status and duration; `warn` from 400, `error` from 500), only with fewer fields.
 */
export function installFastLanes(server: Server, lanes: readonly FastLane[], logger: Logger | null): void {
  if (!lanes.length) return;
  // pino-http's serializers read `req`/`res` from the node objects; the lane logs their few fields as they are.
  const asIs = (value: unknown) => value;
  const log = logger?.child({}, { serializers: { req: asIs, res: asIs } });
  const appListeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const toApp = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of appListeners) listener.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return toApp(req, res);
    const start = performance.now();
    const id = requestId(req, res);
    let lane = 0;
    let answering: FastLane | null = null;
    const next = () => {
      if (lane < lanes.length) {
        answering = lanes[lane++];
        return answering.handle(req, res, next);
      }
      answering = null;
      toApp(req, res);
    };
    res.once('finish', () => {
      // Handed on: Express's own middleware measured and logged it.
      if (!answering) return;
      const status = res.statusCode;
      const seconds = (performance.now() - start) / 1000;
      observeRequest(req.method ?? 'GET', answering.route, status, seconds);
      const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (!log?.isLevelEnabled(level)) return;
      const { traceId, spanId, parentSpanId } = continueTrace(req.headers[TRACEPARENT]);
      log[level](
        {
          correlationId: id,
          traceId,
          spanId,
          ...(parentSpanId ? { parentSpanId } : {}),
          req: { id, method: req.method, url: req.url },
          res: { statusCode: status },
          responseTime: Math.round(seconds * 1000),
          lane: 'fast',
        },
        'request completed',
      );
    });
    next();
  });
}
