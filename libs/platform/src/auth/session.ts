import { keyedHash, signToken, verifyToken } from './signed-token';

/** Who may do what, lowest first: each role can do everything the roles before it can. */
export const ROLES = ['contributor', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person, as every service sees it: issued by editorial, checked anywhere with APP_SECRET. */
export interface Actor {
  /** The user's id in the editorial service. */
  id: string;
  email: string;
  name: string;
  role: Role;
  /** This session's id: what the CSRF token is bound to. */
  sid: string;
}

export const SESSION_COOKIE = 'newsroom_session';
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
const SESSION_PURPOSE = 'session';

export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function issueSessionToken(secret: string, actor: Actor, ttlSeconds = SESSION_TTL_SECONDS, now = Date.now()): string {
  return signToken(secret, SESSION_PURPOSE, actor, ttlSeconds, now);
}

export function readSessionToken(secret: string, token: unknown, now = Date.now()): Actor | null {
  const claims = verifyToken<Actor>(secret, SESSION_PURPOSE, token, now);
  if (!claims || !ROLES.includes(claims.role) || typeof claims.id !== 'string' || typeof claims.sid !== 'string') return null;
  return { id: claims.id, email: String(claims.email), name: String(claims.name), role: claims.role, sid: claims.sid };
}

/** The CSRF token of a session (double submit): a form or X-CSRF-Token header must carry it on every cookie-authenticated write. */
export function csrfTokenFor(secret: string, sid: string): string {
  return keyedHash(secret, 'csrf', sid);
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
