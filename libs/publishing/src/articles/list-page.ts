import { BadRequestException } from '@nestjs/common';
import { html, parseInput, type SafeHtml } from '@newsroom/platform';
import { z } from 'zod';
import { articlePath, type Lang, langOfQuery, messagesOf, sectionNamed, sectionPath, type Site, type SiteSection, withLang } from '@newsroom/site-theme';
import type { ArticleTeaser } from './published-article.query';

/** Articles per page on the home page, the section pages and the search results. */
export const PAGE_SIZE = 20;

const listQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1), lang: z.string().optional() });

/** `?page=` (1 when absent) and `?lang=`; null for a page number that is not one (the caller answers 404). */
export function listParams(query: unknown): { page: number; lang: Lang } | null {
  try {
    const { page, lang } = parseInput(listQuery, query, 'page demandée');
    return { page, lang: langOfQuery(lang) };
  } catch (error) {
    if (error instanceof BadRequestException) return null;
    throw error;
  }
}

export const pageCount = (total: number, size = PAGE_SIZE): number => Math.max(1, Math.ceil(total / size));

/** `path` for page `page` (page 1 has no `?page=`), in `lang`. */
export function pagePath(path: string, page: number, lang: Lang, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(extra);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return withLang(query ? `${path}?${query}` : path, lang);
}

/** The list of article teasers: title (link), date, section, summary. */
export function articleList(articles: ArticleTeaser[], lang: Lang, sections: readonly SiteSection[], empty: string): SafeHtml {
  const m = messagesOf(lang);
  if (!articles.length) return html`<p>${empty}</p>`;
  return html`<ul class="articles">
${articles.map((article) => {
  const section = sectionNamed(sections, article.section);
  return html`<li lang="${article.language}">
<h2><a href="${articlePath(article.slug)}">${article.title}</a></h2>
<p class="meta"><time datetime="${article.publishedOn}">${m.date(article.publishedOn)}</time>${
    article.section ? html` · ${section ? html`<a href="${withLang(sectionPath(section.slug), lang)}">${section.name}</a>` : article.section}` : ''
  }</p>
<p>${article.summary}</p>
</li>
`;
})}</ul>`;
}

/** Previous / page n of m / next, with `rel` links; nothing when everything fits on one page. */
export function pagination(page: number, pages: number, lang: Lang, href: (page: number) => string): SafeHtml | '' {
  if (pages <= 1) return '';
  const m = messagesOf(lang);
  return html`<nav class="pages" aria-label="${m.pagination}"><ul>
${page > 1 ? html`<li><a rel="prev" href="${href(page - 1)}">${m.previousPage}</a></li>` : ''}
<li aria-current="page">${m.pageOf(page, pages)}</li>
${page < pages ? html`<li><a rel="next" href="${href(page + 1)}">${m.nextPage}</a></li>` : ''}
</ul></nav>`;
}

/** `<link rel=prev/next>` for the head, and the canonical address of this page of the list. */
export function listHead(site: Site, page: number, pages: number, href: (page: number) => string): SafeHtml {
  return html`<link rel="canonical" href="${site.publicUrl}${href(page)}">
${page > 1 ? html`<link rel="prev" href="${site.publicUrl}${href(page - 1)}">` : ''}
${page < pages ? html`<link rel="next" href="${site.publicUrl}${href(page + 1)}">` : ''}`;
}
