import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';

/**
 * The operator endpoints (dead letters, metrics) take `Authorization: Bearer <OPERATOR_TOKEN>`: 403 while no token is
 * configured (disabled by default), 401 for a missing or wrong one, compared in constant time.
 */
export function authorizeOperator(expected: string | undefined, authorization: string | undefined): void {
  if (!expected) throw new ForbiddenException('operator endpoints are disabled: set OPERATOR_TOKEN');
  const given = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new UnauthorizedException('operator token required');
}
