import { randomBytes, randomInt, scrypt, timingSafeEqual, type BinaryLike, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Passwords are stored as `scrypt$N$r$p$salt$hash` (salt and hash in base64url): the parameters travel
 * with each hash, so they can be raised later without invalidating the accounts already stored.
 */
export interface ScryptParams {
  /** CPU and memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelism. */
  p: number;
}

/** 2^15 × 8 × 128 bytes = 32 MiB and some 50 to 100 ms per hash on a server core. */
export const PASSWORD_PARAMS: Readonly<ScryptParams> = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
const SCHEME = 'scrypt';

export interface ParsedPasswordHash extends ScryptParams {
  salt: Buffer;
  hash: Buffer;
}

const scryptAsync = promisify(scrypt) as (password: BinaryLike, salt: BinaryLike, keylen: number, options: ScryptOptions) => Promise<Buffer>;

function derive(password: string, salt: Buffer, keyLength: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  // Node refuses more than 32 MiB unless told; scrypt needs 128·N·r bytes, so leave it twice that.
  return scryptAsync(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * N * r });
}

export async function hashPassword(password: string, params: ScryptParams = PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, KEY_BYTES, params);
  return [SCHEME, params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** The parts of a stored hash, or null when it is not one this code can check (or would be too costly to check). */
export function parsePasswordHash(stored: string): ParsedPasswordHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== SCHEME) return null;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^[1-9]\d{0,7}$/.test(part) ? Number(part) : NaN));
  const isPowerOfTwo = Number.isInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  if (!isPowerOfTwo || N > 2 ** 20 || !(r >= 1 && r <= 32) || !(p >= 1 && p <= 16) || 128 * N * r > 2 ** 30) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(parts[4]) || !/^[A-Za-z0-9_-]+$/.test(parts[5])) return null;
  const salt = Buffer.from(parts[4], 'base64url');
  const hash = Buffer.from(parts[5], 'base64url');
  if (salt.length < 16 || hash.length < 32 || hash.length > 128) return null;
  return { N, r, p, salt, hash };
}

/** True when `password` matches `stored`; false for a wrong password or a hash this code cannot read. Constant-time comparison. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parsePasswordHash(stored);
  if (!parsed) return false;
  const candidate = await derive(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(candidate, parsed.hash);
}

/** True when a stored hash uses weaker parameters than `params`: rehash it at the next successful sign-in. */
export function needsRehash(stored: string, params: ScryptParams = PASSWORD_PARAMS): boolean {
  const parsed = parsePasswordHash(stored);
  return !parsed || parsed.N < params.N || parsed.r < params.r || parsed.p < params.p || parsed.hash.length < KEY_BYTES;
}

let decoy: Promise<string> | undefined;

/**
 * A hash of a random password with the current parameters, to verify against when the email is unknown:
 * the answer then takes as long as for a wrong password, so timing does not tell which addresses exist.
 */
export function decoyPasswordHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(18).toString('base64url'));
  return decoy;
}

// No 0/O, 1/l/I: the generated password is read off a terminal and typed by hand.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random password of `length` characters (20 from 57 symbols: about 116 bits). */
export function generatePassword(length = 20): string {
  let password = '';
  for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}
