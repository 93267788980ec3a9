import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { SiteSections } from '../../sections/site-sections';
import { sendNotFound, sendNotLive } from '../../site/html-response';
import { isSlug, type Site, siteOf } from '@newsroom/site-theme';
import { storedPageResponse, type PreparedPage } from './stored-page-response';
import { StoredPages } from './stored-pages';

/**
 * GET /articles/:slug — the stored rendering, as is or in its precomputed gzip or brotli form, with
 * validators for conditional requests; an old slug redirects (301), a withdrawn article answers 410.
 * In a running app ArticleFastLane answers a live page before Express; this route answers the rest, and
 * every request where the lane is not installed (tests that build the module alone).
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

/** The stored page (stored-page-response.ts: the fast lane sends the same): a 304 when the client's copy is current, else the body in the coding it accepts. */
function sendStoredPage(req: Request, res: Response, page: PreparedPage): void {
  const { status, headers, body } = storedPageResponse(page, req.headers);
  res.status(status).set(headers);
  if (body) res.end(body);
  else res.end();
}
