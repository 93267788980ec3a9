import { formatFrenchDate, html, renderPage } from '@newsroom/platform';
import { articlePath, subscribeForm, type Site } from '../../site/site';
import type { PublishedArticle } from '../published-article.query';

/** The home page: the latest articles, then the subscription form. */
export function renderHomePage(articles: PublishedArticle[], site: Site): string {
  const list = articles.length
    ? html`<ul class="articles">
${articles.map(
  (article) => html`<li lang="${article.language}">
<h2><a href="${articlePath(article.slug)}">${article.title}</a></h2>
<p class="meta"><time datetime="${article.publishedOn}">${formatFrenchDate(article.publishedOn)}</time>${article.section ? html` · ${article.section}` : ''}</p>
<p>${article.summary}</p>
</li>
`,
)}</ul>`
    : html`<p>Aucun article n’est encore publié.</p>`;
  return renderPage({
    siteName: site.name,
    title: site.name,
    description: `Les derniers articles de ${site.name}`,
    head: html`<link rel="canonical" href="${site.publicUrl}/">`,
    main: html`<h1>Derniers articles</h1>
${list}
${subscribeForm()}`,
  });
}
