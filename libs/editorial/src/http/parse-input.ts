import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** What came over HTTP, checked against `schema`: the parsed value, or a 400 `{ statusCode, message }` naming each problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'request'): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw new BadRequestException(`Invalid ${what}: ${problems.join('; ')}`);
}

/** The client's address as the app sees it (the proxy's X-Forwarded-For when trusted, see createHttpApp). */
export function clientAddress(request: { ip?: string; socket?: { remoteAddress?: string } }): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}
