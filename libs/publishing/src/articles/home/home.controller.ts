import { Controller, Get, Inject, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { sendHtml } from '../../site/html-response';
import { siteOf } from '../../site/site';
import { LatestArticlesQuery } from '../published-article.query';
import { renderHomePage } from './home-page';

export const HOME_PAGE_SIZE = 20;

/** GET / — the latest 20 published articles and the subscription form. */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(APP_CONFIG) private readonly config: BaseConfig,
  ) {}

  @Get()
  async home(@Res() res: Response): Promise<void> {
    const articles = await this.queries.execute(new LatestArticlesQuery(HOME_PAGE_SIZE));
    sendHtml(res, 200, renderHomePage(articles, siteOf(this.config)), { 'Cache-Control': 'public, max-age=60' });
  }
}
