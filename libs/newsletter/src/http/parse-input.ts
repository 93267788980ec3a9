import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/** Zod's own messages in French, for this parse only (the standalone host shares zod's global config with other services). */
const FRENCH = z.locales.fr().localeError;

/** What came over HTTP, checked against `schema`: the parsed value, or a 400 `{ statusCode, message }` naming each problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what = 'requête'): z.output<S> {
  const result = schema.safeParse(value ?? {}, { error: FRENCH });
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')} : ${issue.message}` : issue.message));
  throw new BadRequestException(`${what} invalide — ${problems.join(' ; ')}`);
}
