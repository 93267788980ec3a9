import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { sendHtml, sendNotFound } from '../../site/html-response';
import { isSlug, siteOf } from '../../site/site';
import { FindPublishedArticleQuery } from '../published-article.query';
import { renderPrintPage } from './print-page';

/** GET /articles/:slug/print — the print view. */
@ApiExcludeController()
@Controller('articles')
export class PrintArticleController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get(':slug/print')
  async print(@Param('slug') slug: string, @Res() res: Response): Promise<void> {
    const site = siteOf(this.config);
    const article = isSlug(slug) ? await this.queries.execute(new FindPublishedArticleQuery(slug)) : null;
    if (!article) return sendNotFound(res, site);
    sendHtml(res, 200, renderPrintPage(article, site), { 'Cache-Control': 'public, max-age=60', 'Last-Modified': article.publishedAt.toUTCString() });
  }
}
