import { formatFrenchDate, html, renderPage } from '@newsroom/platform';
import { articlePath, articleUrl, breadcrumb, subscribeForm, type Site } from '../site/site';

export interface ArticlePageInput {
  slug: string;
  title: string;
  publishedOn: string;
  section: string | null;
  language: string;
  paragraphs: string[];
  summary: string;
}

/**
 * The article page, rendered once when the article is published and then served as stored. The
 * `<article>` holds the article alone; the breadcrumb, the actions and the form are around it.
 * The two action labels are English on purpose (the seed pages use them verbatim), marked `lang="en"`.
 */
export function renderArticlePage(article: ArticlePageInput, site: Site): string {
  const path = articlePath(article.slug);
  const url = articleUrl(site, article.slug);
  return renderPage({
    siteName: site.name,
    title: article.title,
    description: article.summary,
    head: html`<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:title" content="${article.title}">
<meta property="og:url" content="${url}">
<meta property="og:description" content="${article.summary}">
<meta property="og:site_name" content="${site.name}">`,
    main: html`${breadcrumb(article.section)}
<article lang="${article.language}">
<h1>${article.title}</h1>
<div class="meta"><time datetime="${article.publishedOn}">${formatFrenchDate(article.publishedOn)}</time></div>
${article.paragraphs.map((paragraph) => html`<p>${paragraph}</p>\n`)}</article>
<div class="actions">
<a href="${path}/share" lang="en" rel="nofollow">Suggest To A Friend</a>
<a href="${path}/print" lang="en" rel="nofollow">Print</a>
</div>
${subscribeForm()}`,
  });
}
