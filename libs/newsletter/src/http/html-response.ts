import type { Response } from 'express';

/**
 * Sends a whole HTML page. The newsletter's pages are personal (a token in the address, an answer to a
 * form): never cached, never sent as a Referer to another site.
 */
export function sendHtml(res: Response, status: number, page: string, headers: Record<string, string> = {}): void {
  res
    .status(status)
    .set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', ...headers })
    .type('html')
    .send(page);
}
