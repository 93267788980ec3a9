import { SESSION_COOKIE, SESSION_TTL_SECONDS } from '@newsroom/platform';

/** Secure when the public site is served over https (behind the proxy), so the cookie never travels in clear. */
function attributes(publicUrl: string): string {
  return `Path=/; HttpOnly; SameSite=Lax${publicUrl.startsWith('https:') ? '; Secure' : ''}`;
}

/** The Set-Cookie value that opens a browser session (the admin UI). */
export function sessionCookie(token: string, publicUrl: string, maxAgeSeconds = SESSION_TTL_SECONDS): string {
  return `${SESSION_COOKIE}=${token}; Max-Age=${maxAgeSeconds}; ${attributes(publicUrl)}`;
}

/** The Set-Cookie value that ends it. The token itself stays valid until it expires (sessions are not stored). */
export function clearedSessionCookie(publicUrl: string): string {
  return `${SESSION_COOKIE}=; Max-Age=0; ${attributes(publicUrl)}`;
}
