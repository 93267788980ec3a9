import { cookieValue, readSessionToken, SESSION_COOKIE, type Actor } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { PREVIEW_SCRIPT_HASH } from './article-preview';

/**
 * Sends an admin page: never cached, never framed (no clickjacking of the approve buttons), no script but the
 * preview's (by its hash), which may only post back here. The preview's iframe is sandboxed without scripts.
 */
export function sendPage(response: Response, status: number, page: string): void {
  response
    .status(status)
    .set({
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': `default-src 'none'; script-src ${PREVIEW_SCRIPT_HASH}; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    })
    .send(page);
}

/** The signed-in user of a browser request (the session cookie), or null. */
export function cookieSession(secret: string, request: Request): Actor | null {
  return readSessionToken(secret, cookieValue(request.headers.cookie, SESSION_COOKIE));
}

/** Where to send someone once signed in: an /admin path of this site, never elsewhere (no open redirect, no dot segments). */
export function safeNext(next: unknown): string | undefined {
  return typeof next === 'string' && /^\/admin(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/.test(next) ? next : undefined;
}

/** The preview's public page alone (or, 400, why the text cannot be previewed), for the editor page's script. */
export function sendPreview(response: Response, status: number, body: string): void {
  response
    .status(status)
    .set({
      'Content-Type': status === 200 ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    })
    .send(body);
}
