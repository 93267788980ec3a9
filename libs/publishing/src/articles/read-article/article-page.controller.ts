import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { SiteSections } from '../../sections/site-sections';
import { sendNotFound, sendNotLive } from '../../site/html-response';
import { isSlug, siteOf, type Site } from '../../site/site';
import { StoredPages, type StoredArticlePage } from './stored-pages';

/**
 * GET /articles/:slug — the stored rendering, as is or in its precomputed gzip or brotli form, with
 * validators for conditional requests; an old slug redirects (301), a withdrawn article answers 410.
 */
@ApiExcludeController()
@Controller('articles')
export class ArticlePageController {
  private readonly site: Site;

  constructor(
    private readonly pages: StoredPages,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = siteOf(config);
  }

  @Get(':slug')
  async show(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!isSlug(slug)) return sendNotFound(res, this.site, 'fr', await this.sections.current());
    const page = await this.pages.live(slug);
    if (!page) return sendNotLive(res, this.site, await this.sections.current(), await this.pages.notLive(slug));
    sendStoredPage(req, res, page);
  }
}

type Coding = 'br' | 'gzip' | 'identity';

/** The best coding the client accepts of those stored: brotli, then gzip, else none (RFC 9110 §12.5.3, q=0 honoured). */
export function chooseCoding(acceptEncoding: string | undefined): Coding {
  if (!acceptEncoding) return 'identity';
  const q = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const weight = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    q.set(name.trim(), weight ? Number(weight[1]) : 1);
  }
  const accepts = (coding: string) => (q.get(coding) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

/**
 * The stored page: 304 when the client's copy is current (If-None-Match, else If-Modified-Since), else
 * the body in the chosen coding. Each coding has its own strong ETag (`"<hash>"`, `"<hash>-br"`, `"<hash>-gz"`);
 * a client holding any of them has the same page, so any of them makes a 304.
 */
export function sendStoredPage(req: Request, res: Response, page: StoredArticlePage): void {
  const coding = chooseCoding(req.headers['accept-encoding']);
  const tag = coding === 'br' ? `"${page.etag}-br"` : coding === 'gzip' ? `"${page.etag}-gz"` : `"${page.etag}"`;
  res.set({ ETag: tag, 'Last-Modified': page.lastModified.toUTCString(), 'Cache-Control': 'public, max-age=60', Vary: 'Accept-Encoding' });
  if (isFresh(req, page)) {
    res.status(304).end();
    return;
  }
  const body = coding === 'br' ? page.br : coding === 'gzip' ? page.gzip : Buffer.from(page.html, 'utf8');
  if (coding !== 'identity') res.set('Content-Encoding', coding);
  res.status(200).type('html').set('Content-Length', String(body.length)).end(body);
}

function isFresh(req: Request, page: StoredArticlePage): boolean {
  const noneMatch = req.headers['if-none-match'];
  if (noneMatch) {
    if (noneMatch.trim() === '*') return true;
    return noneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '').replace(/^"|"$/g, '').replace(/-(br|gz)$/, '') === page.etag);
  }
  const since = req.headers['if-modified-since'];
  if (!since) return false;
  const time = Date.parse(since);
  // HTTP dates have whole seconds.
  return Number.isFinite(time) && Math.floor(page.lastModified.getTime() / 1000) * 1000 <= time;
}
