import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

const feedId = z.uuid();

/** A feed id from a URL: a uuid, or 400. */
export function parseFeedId(value: string): string {
  if (!feedId.safeParse(value).success) throw new BadRequestException(`Identifiant de flux invalide (un uuid est attendu) : « ${value.slice(0, 100)} ».`);
  return value.toLowerCase();
}
