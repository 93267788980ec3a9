import type { Response } from 'express';
import { notFoundPage, type Site } from './site';

/** Sends a whole HTML page. */
export function sendHtml(res: Response, status: number, page: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).type('html').send(page);
}

export function sendNotFound(res: Response, site: Site): void {
  sendHtml(res, 404, notFoundPage(site), { 'Cache-Control': 'no-store' });
}
