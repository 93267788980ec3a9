import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, html, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { articleList, listHead, listParams, PAGE_SIZE, pageCount, pagePath, pagination } from '../../articles/list-page';
import { ListArticlesQuery } from '../../articles/published-article.query';
import { breadcrumb, messagesOf, sectionKeys, sectionPath, type Site, siteOf, sitePage } from '@newsroom/site-theme';
import { sendHtml, sendNotFound } from '../../site/html-response';
import { SiteSections } from '../site-sections';

/** GET /rubriques/:slug — one section's live articles, newest first, 20 a page, under Accueil › section. */
@ApiExcludeController()
@Controller('rubriques')
export class SectionController {
  private readonly site: Site;

  constructor(
    private readonly queries: QueryBus,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = siteOf(config);
  }

  @Get(':slug')
  async show(@Param('slug') slug: string, @Query() query: unknown, @Res() res: Response): Promise<void> {
    const sections = await this.sections.current();
    const section = sections.find((s) => s.slug === slug);
    const params = listParams(query);
    if (!section || !params) return sendNotFound(res, this.site, params?.lang, sections);
    const { page, lang } = params;
    const { articles, total } = await this.queries.execute(new ListArticlesQuery({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sectionKeys: sectionKeys(section) }));
    if (page > 1 && !articles.length) return sendNotFound(res, this.site, lang, sections);
    const m = messagesOf(lang);
    const pages = pageCount(total);
    const href = (n: number) => pagePath(sectionPath(section.slug), n, lang);
    const feeds = html`<link rel="alternate" type="application/rss+xml" title="${m.sectionFeed(section.name)} (RSS)" href="${this.site.publicUrl}${sectionPath(section.slug)}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="${m.sectionFeed(section.name)} (Atom)" href="${this.site.publicUrl}${sectionPath(section.slug)}/atom.xml">`;
    const body = sitePage(this.site, {
      lang,
      sections,
      current: section.slug,
      title: page > 1 ? `${section.name} — ${m.pageOf(page, pages)}` : section.name,
      description: `${section.name} — ${this.site.name}`,
      head: html`${listHead(this.site, page, pages, href)}
${feeds}`,
      main: html`${breadcrumb(section.name, { lang, sections, current: true })}
<h1>${section.name}</h1>
${articleList(articles, lang, sections, m.noArticlesInSection)}
${pagination(page, pages, lang, href)}`,
    });
    sendHtml(res, 200, body, { 'Cache-Control': 'public, max-age=60' });
  }
}
