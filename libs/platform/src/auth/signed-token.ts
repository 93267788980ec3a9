import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact signed tokens: `base64url(JSON payload).base64url(HMAC-SHA256)`. The purpose is part of what is
 * signed, so a token made for one use (a session, a subscription confirmation, a share form) is worthless
 * for another. Every token expires. Not encrypted: never put a secret in the payload.
 */
export interface TokenClaims {
  /** Seconds since the epoch after which the token is refused. */
  exp: number;
}

const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url');

function mac(secret: string, purpose: string, body: string): Buffer {
  return createHmac('sha256', secret).update(purpose).update('\0').update(body).digest();
}

export function signToken<T extends object>(secret: string, purpose: string, payload: T, ttlSeconds: number, now = Date.now()): string {
  const body = encode(JSON.stringify({ ...payload, exp: Math.floor(now / 1000) + Math.floor(ttlSeconds) }));
  return `${body}.${encode(mac(secret, purpose, body))}`;
}

/** The payload, or null when the token is malformed, signed with another key or purpose, or expired. */
export function verifyToken<T extends object>(secret: string, purpose: string, token: unknown, now = Date.now()): (T & TokenClaims) | null {
  if (typeof token !== 'string' || token.length > 4096) return null;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const [, body, signature] = match;
  const expected = mac(secret, purpose, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const exp = (payload as { exp?: unknown }).exp;
  if (typeof exp !== 'number' || exp * 1000 <= now) return null;
  return payload as T & TokenClaims;
}

/** A value derived from the key for one purpose (CSRF tokens, keyed hashes of addresses): hex HMAC-SHA256. */
export function keyedHash(secret: string, purpose: string, value: string): string {
  return mac(secret, purpose, value).toString('hex');
}

/** Constant-time comparison of two strings. */
export function sameString(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
