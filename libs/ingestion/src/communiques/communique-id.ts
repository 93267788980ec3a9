import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

const communiqueId = z.uuid();

/** A communiqué id from a URL: a uuid, or 400. */
export function parseCommuniqueId(value: string): string {
  if (!communiqueId.safeParse(value).success) throw new BadRequestException(`Identifiant de communiqué invalide (un uuid est attendu) : « ${value.slice(0, 100)} ».`);
  return value.toLowerCase();
}

export const COMMUNIQUE_NOT_FOUND = 'Aucun communiqué avec cet identifiant.';
