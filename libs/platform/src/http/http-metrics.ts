import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, register } from 'prom-client';

const requestDuration = new Histogram({
  name: 'newsroom_http_request_duration_seconds',
  help: 'HTTP requests answered by this process, per method, route template and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
});

let runtimeCollected = false;

/**
 * Prometheus for one process: the runtime's own metrics (CPU, memory, event-loop lag, GC) once, every metric
 * labelled with the process (`app`: editorial, ..., standalone), and the histogram of requests that `httpMetrics`
 * feeds. `/metrics` itself is served by the messaging module's operator endpoints.
 */
export function setUpProcessMetrics(app: string): void {
  register.setDefaultLabels({ app });
  if (runtimeCollected) return;
  runtimeCollected = true;
  collectDefaultMetrics();
}

/**
 * Express middleware timing each request to its end. The route label is the matched route's template
 * (`/articles/:slug`), never the raw path, so label values stay few; what matched no route is `unmatched`.
 */
export function httpMetrics(req: Request, res: Response, next: NextFunction): void {
  const start = performance.now();
  res.once('finish', () => {
    const template = (req.route as { path?: unknown } | undefined)?.path;
    const route = typeof template === 'string' ? `${req.baseUrl}${template}` : 'unmatched';
    observeRequest(req.method, route, res.statusCode, (performance.now() - start) / 1000);
  });
  next();
}

/** One answered request, from Express's middleware above or from a fast lane (fast-lane.ts). */
export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  requestDuration.observe({ method, route, status: String(status) }, seconds);
}
