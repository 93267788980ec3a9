import type { ArticleTeaser } from '../articles/published-article.query';
import { articleUrl, sectionNamed, sectionPath, type Site, type SiteSection } from '@newsroom/site-theme';

/** Text for XML: escaped, and without the control characters XML 1.0 forbids (a feed reader would refuse the whole feed). */
export function xmlText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids are exactly what this removes
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

export interface FeedInput {
  site: Site;
  sections: readonly SiteSection[];
  /** Shown as the feed's title: the site, or "site — section". */
  title: string;
  /** The HTML page the feed mirrors (absolute). */
  pageUrl: string;
  /** The feeds' own addresses (absolute). */
  rssUrl: string;
  atomUrl: string;
  description: string;
  articles: ArticleTeaser[];
}

/** The latest change of any entry (a correction updates an entry), or the site's epoch for an empty feed. */
function updated(articles: ArticleTeaser[]): Date {
  return new Date(Math.max(0, ...articles.map((a) => a.publishedAt.getTime())));
}

const categoryOf = (input: FeedInput, article: ArticleTeaser) => sectionNamed(input.sections, article.section)?.name ?? article.section;

/** RSS 2.0, with `atom:link rel="self"`. Each item: title, link, permanent guid, first publication date, summary, section. */
export function renderRss(input: FeedInput): string {
  const items = input.articles.map((article) => {
    const url = articleUrl(input.site, article.slug);
    const category = categoryOf(input, article);
    return `<item>
<title>${xmlText(article.title)}</title>
<link>${xmlText(url)}</link>
<guid isPermaLink="true">${xmlText(url)}</guid>
<pubDate>${article.firstPublishedAt.toUTCString()}</pubDate>
<description>${xmlText(article.summary)}</description>
${category ? `<category>${xmlText(category)}</category>\n` : ''}</item>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xmlText(input.title)}</title>
<link>${xmlText(input.pageUrl)}</link>
<description>${xmlText(input.description)}</description>
<language>fr</language>
<lastBuildDate>${updated(input.articles).toUTCString()}</lastBuildDate>
<atom:link href="${xmlText(input.rssUrl)}" rel="self" type="application/rss+xml"/>
${items.join('\n')}
</channel>
</rss>
`;
}

/** Atom (RFC 4287). Entry ids are `urn:uuid:<articleId>`: stable whatever happens to the slug. */
export function renderAtom(input: FeedInput): string {
  const entries = input.articles.map((article) => {
    const url = articleUrl(input.site, article.slug);
    const category = categoryOf(input, article);
    return `<entry xml:lang="${xmlText(article.language)}">
<id>urn:uuid:${article.id}</id>
<title>${xmlText(article.title)}</title>
<link rel="alternate" type="text/html" href="${xmlText(url)}"/>
<published>${article.firstPublishedAt.toISOString()}</published>
<updated>${article.publishedAt.toISOString()}</updated>
<summary>${xmlText(article.summary)}</summary>
${category ? `<category term="${xmlText(category)}"/>\n` : ''}</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
<id>${xmlText(input.atomUrl)}</id>
<title>${xmlText(input.title)}</title>
<subtitle>${xmlText(input.description)}</subtitle>
<updated>${updated(input.articles).toISOString()}</updated>
<author><name>${xmlText(input.site.name)}</name></author>
<link rel="self" type="application/atom+xml" href="${xmlText(input.atomUrl)}"/>
<link rel="alternate" type="text/html" href="${xmlText(input.pageUrl)}"/>
${entries.join('\n')}
</feed>
`;
}

/** sitemap.xml: the home page, each section page, each live article with its last change. */
export function renderSitemap(site: Site, sections: readonly SiteSection[], articles: ArticleTeaser[]): string {
  const url = (loc: string, lastmod?: Date) => `<url><loc>${xmlText(loc)}</loc>${lastmod ? `<lastmod>${lastmod.toISOString()}</lastmod>` : ''}</url>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${[
  url(`${site.publicUrl}/`),
  ...sections.map((section) => url(`${site.publicUrl}${sectionPath(section.slug)}`)),
  ...articles.map((article) => url(articleUrl(site, article.slug), article.publishedAt)),
].join('\n')}
</urlset>
`;
}

/** robots.txt: everything may be crawled but the share forms and the search results; where the sitemap is. */
export function renderRobots(site: Site): string {
  return `User-agent: *
Allow: /
Disallow: /articles/*/share
Disallow: /recherche
Disallow: /api/
Disallow: /admin/

Sitemap: ${site.publicUrl}/sitemap.xml
`;
}
