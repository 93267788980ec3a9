import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';
import type { AddFeedInput } from './add-feed.command';

const addFeedSchema = z
  .object({
    url: z
      .string({ error: 'url : une adresse http(s) est attendue' })
      .trim()
      .max(2000, 'url : 2000 caractères au plus')
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
        } catch {
          return false;
        }
      }, 'url : une adresse http(s) est attendue'),
    intervalSeconds: z
      .number({ error: 'intervalSeconds : un nombre de secondes est attendu' })
      .int('intervalSeconds : un nombre entier de secondes est attendu')
      .min(60, 'intervalSeconds : 60 secondes au moins')
      .max(86_400, 'intervalSeconds : 86 400 secondes (24 h) au plus')
      .default(900),
  })
  .strict();

/** The body of POST /api/ingestion/feeds, or 400 naming each problem. */
export function parseAddFeed(body: unknown): AddFeedInput {
  const parsed = addFeedSchema.safeParse(body ?? {});
  if (!parsed.success) throw new BadRequestException(`Flux invalide : ${parsed.error.issues.map((i) => i.message).join(' ; ')}`);
  return parsed.data;
}
