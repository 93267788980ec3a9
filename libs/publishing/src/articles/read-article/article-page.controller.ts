import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Request, Response } from 'express';
import { sendHtml, sendNotFound } from '../../site/html-response';
import { isSlug, siteOf } from '../../site/site';
import { GetArticlePageQuery } from './get-article-page.query';

/** GET /articles/:slug — the stored rendering, with validators for conditional requests. */
@ApiExcludeController()
@Controller('articles')
export class ArticlePageController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get(':slug')
  async show(@Param('slug') slug: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const page = isSlug(slug) ? await this.queries.execute(new GetArticlePageQuery(slug)) : null;
    if (!page) return sendNotFound(res, siteOf(this.config));
    res.set({ ETag: `"${page.etag}"`, 'Last-Modified': page.lastModified.toUTCString(), 'Cache-Control': 'public, max-age=60' });
    // Express's `fresh` (RFC 9110 §13.1): If-None-Match when present, else If-Modified-Since, against the headers just set.
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    sendHtml(res, 200, page.html);
  }
}
