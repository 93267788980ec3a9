import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, html, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { SiteSections } from '../../sections/site-sections';
import { messagesOf, type Site, siteOf, sitePage, subscribeForm } from '@newsroom/site-theme';
import { sendHtml, sendNotFound } from '../../site/html-response';
import { articleList, listHead, listParams, PAGE_SIZE, pageCount, pagePath, pagination } from '../list-page';
import { ListArticlesQuery } from '../published-article.query';

export const HOME_PAGE_SIZE = PAGE_SIZE;

/** GET / — the latest published articles, 20 a page (`?page=2` …), and the subscription form. `?lang=en`: in English. */
@ApiExcludeController()
@Controller()
export class HomeController {
  private readonly site: Site;

  constructor(
    private readonly queries: QueryBus,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = siteOf(config);
  }

  @Get()
  async home(@Query() query: unknown, @Res() res: Response): Promise<void> {
    const sections = await this.sections.current();
    const params = listParams(query);
    if (!params) return sendNotFound(res, this.site, 'fr', sections);
    const { page, lang } = params;
    const { articles, total } = await this.queries.execute(new ListArticlesQuery({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }));
    if (page > 1 && !articles.length) return sendNotFound(res, this.site, lang, sections);
    const m = messagesOf(lang);
    const pages = pageCount(total);
    const href = (n: number) => pagePath('/', n, lang);
    const body = sitePage(this.site, {
      lang,
      sections,
      current: 'home',
      title: page > 1 ? `${m.latest} — ${m.pageOf(page, pages)}` : this.site.name,
      description: m.latestOf(this.site.name),
      head: listHead(this.site, page, pages, href),
      main: html`<h1>${m.latest}</h1>
${articleList(articles, lang, sections, m.noArticles)}
${pagination(page, pages, lang, href)}
${subscribeForm(lang)}`,
    });
    sendHtml(res, 200, body, { 'Cache-Control': 'public, max-age=60' });
  }
}
