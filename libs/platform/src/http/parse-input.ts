import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/** Zod's own messages in French, for one parse only (the standalone host shares zod's global config between services). */
const FRENCH = z.locales.fr().localeError;

/**
 * What came over HTTP, checked against `schema`: the parsed value, or a 400 `{ statusCode, message }`
 * naming each problem, in French (pages readers see) or English (the editors' JSON API).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string, language: 'fr' | 'en' = 'fr'): z.output<S> {
  const result = language === 'fr' ? schema.safeParse(value ?? {}, { error: FRENCH }) : schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const colon = language === 'fr' ? ' : ' : ': ';
  const problems = result.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}${colon}${issue.message}` : issue.message));
  throw new BadRequestException(language === 'fr' ? `${what} invalide — ${problems.join(' ; ')}` : `Invalid ${what}: ${problems.join('; ')}`);
}

/** The client's address as the app sees it (the proxy's X-Forwarded-For when trusted, see createHttpApp). */
export function clientAddress(request: { ip?: string; socket?: { remoteAddress?: string } }): string {
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
}
