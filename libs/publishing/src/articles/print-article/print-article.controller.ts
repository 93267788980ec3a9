import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { SiteSections } from '../../sections/site-sections';
import { sendHtml, sendNotFound, sendNotLive } from '../../site/html-response';
import { isSlug, siteOf } from '@newsroom/site-theme';
import { StoredPages } from '../read-article/stored-pages';
import { FindPublishedArticleQuery } from '../published-article.query';
import { renderPrintPage } from './print-page';

/** GET /articles/:slug/print — the print view (an old slug redirects, a withdrawn article answers 410). */
@ApiExcludeController()
@Controller('articles')
export class PrintArticleController {
  constructor(
    private readonly queries: QueryBus,
    private readonly pages: StoredPages,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get(':slug/print')
  async print(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const site = siteOf(this.config);
    if (!isSlug(slug)) return sendNotFound(res, site, 'fr', await this.sections.current());
    const article = await this.queries.execute(new FindPublishedArticleQuery(slug));
    if (!article) return sendNotLive(res, site, await this.sections.current(), await this.pages.notLive(slug), '/print');
    sendHtml(res, 200, renderPrintPage(article, site), { 'Cache-Control': 'public, max-age=60', 'Last-Modified': article.publishedAt.toUTCString() });
  }
}
