import type { Response } from 'express';
import type { NotLive } from '../articles/read-article/stored-pages';
import { articlePath, gonePage, type Lang, langOf, notFoundPage, type Site, type SiteSection } from '@newsroom/site-theme';

/** Sends a whole HTML page. */
export function sendHtml(res: Response, status: number, page: string, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).type('html').send(page);
}

export function sendNotFound(res: Response, site: Site, lang: Lang = 'fr', sections: readonly SiteSection[] = []): void {
  sendHtml(res, 404, notFoundPage(site, lang, sections), { 'Cache-Control': 'no-store' });
}

/**
 * The answer for an article address that is not live: 301 to the current slug (`suffix` kept: `/print`,
 * `/share`), 410 for a withdrawn article that was public, else 404.
 */
export function sendNotLive(res: Response, site: Site, sections: readonly SiteSection[], notLive: NotLive, suffix = ''): void {
  switch (notLive.kind) {
    case 'moved':
      res.set('Cache-Control', 'public, max-age=3600').redirect(301, `${articlePath(notLive.slug)}${suffix}`);
      return;
    case 'gone':
      return sendHtml(res, 410, gonePage(site, langOf(notLive.language), sections), { 'Cache-Control': 'public, max-age=60' });
    case 'unknown':
      return sendNotFound(res, site, 'fr', sections);
  }
}
