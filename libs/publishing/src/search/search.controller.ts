import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, html, parseInput, type BaseConfig } from '@newsroom/platform';
import type { Response } from 'express';
import { z } from 'zod';
import { articleList, PAGE_SIZE, pageCount, pagePath, pagination } from '../articles/list-page';
import { SearchArticlesQuery } from '../articles/published-article.query';
import { SiteSections } from '../sections/site-sections';
import { langOfQuery, messagesOf, type Site, siteOf, sitePage, withLang } from '@newsroom/site-theme';
import { sendHtml } from '../site/html-response';

const searchQuery = z.object({
  // Several `q`s (a crafted URL): the first one.
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(200).optional()).catch(''),
  page: z.coerce.number().int().min(1).max(500).catch(1),
  lang: z.unknown().optional(),
});

/**
 * GET /recherche?q= — full-text search of the live articles: PostgreSQL's French configuration (stems:
 * "élections" finds "élection"), accents ignored both ways, best match first, 20 a page. Not indexed.
 */
@ApiExcludeController()
@Controller('recherche')
export class SearchController {
  private readonly site: Site;

  constructor(
    private readonly queries: QueryBus,
    private readonly sections: SiteSections,
    @Inject(APP_CONFIG) config: BaseConfig,
  ) {
    this.site = siteOf(config);
  }

  @Get()
  async search(@Query() query: unknown, @Res() res: Response): Promise<void> {
    const { q, page, lang: langParam } = parseInput(searchQuery, query, 'recherche');
    const lang = langOfQuery(langParam);
    const m = messagesOf(lang);
    const sections = await this.sections.current();
    // Control characters (NUL, which PostgreSQL text cannot hold, among them) are no words: read as spaces.
    const text = (q ?? '').replace(/[\s\p{Cc}]+/gu, ' ').trim();
    const { articles, total } = text ? await this.queries.execute(new SearchArticlesQuery(text, PAGE_SIZE, (page - 1) * PAGE_SIZE)) : { articles: [], total: 0 };
    const href = (n: number) => pagePath('/recherche', n, lang, { q: text });
    const summary = !text ? m.searchPrompt : total ? m.searchResults(total, text) : m.searchNothing(text);
    const body = sitePage(this.site, {
      lang,
      sections,
      title: text ? `${m.search}${lang === 'fr' ? ' : ' : ': '}${text}` : m.search,
      noindex: true,
      main: html`<h1>${m.search}</h1>
<form class="stack" role="search" method="get" action="/recherche">
<label for="recherche-q">${m.searchLabel}</label>
<input type="search" id="recherche-q" name="q" value="${text}" maxlength="200">
${lang === 'fr' ? '' : html`<input type="hidden" name="lang" value="${lang}">`}
<button type="submit">${m.searchButton}</button>
</form>
<p role="status">${summary}</p>
${articles.length ? articleList(articles, lang, sections, '') : ''}
${pagination(page, pageCount(total), lang, href)}
<p><a href="${withLang('/', lang)}">${m.backHome}</a></p>`,
    });
    sendHtml(res, 200, body, { 'Cache-Control': 'no-cache' });
  }
}
