import { html, unsafeRaw } from '@newsroom/platform';
import { articleUrl, correctionNotes, langOf, messagesOf, type Site } from '@newsroom/site-theme';
import type { PublishedArticle } from '../published-article.query';

const PRINT_STYLESHEET = `
@page{margin:2cm}
body{margin:0 auto;max-width:42rem;padding:1.5rem 1rem;font:12pt/1.5 Georgia,"Times New Roman",serif;color:#000;background:#fff}
.site{font:600 10pt/1.2 system-ui,sans-serif;letter-spacing:.04em;text-transform:uppercase;margin:0 0 1.5rem}
h1{font-size:20pt;line-height:1.2;margin:0 0 .5rem}
.meta{font:10pt system-ui,sans-serif;margin:0 0 1.5rem}
p{orphans:3;widows:3}
.corrections{font:10pt system-ui,sans-serif;border-top:1px solid #000;margin-top:1.5rem}
footer{margin-top:2rem;padding-top:.5rem;border-top:1px solid #000;font:9pt system-ui,sans-serif;word-break:break-all}
@media print{body{padding:0;max-width:none}}
`;

/**
 * The print view: a document of its own, without the site's header, navigation, actions or forms,
 * ending with the article's permanent address so a printed copy says where it comes from.
 */
export function renderPrintPage(article: PublishedArticle, site: Site): string {
  const url = articleUrl(site, article.slug);
  const lang = langOf(article.language);
  const m = messagesOf(lang);
  return html`<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${article.title} | ${site.name}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${url}">
<style>${unsafeRaw(PRINT_STYLESHEET)}</style>
</head>
<body>
<p class="site">${site.name}</p>
<article lang="${article.language}">
<h1>${article.title}</h1>
<div class="meta"><time datetime="${article.publishedOn}">${m.date(article.publishedOn)}</time>${article.section ? html` · ${article.section}` : ''}</div>
${article.paragraphs.map((paragraph) => html`<p>${paragraph}</p>\n`)}</article>
${correctionNotes(article.corrections, lang)}
<footer><p>${m.permanentAddress} <span class="permalink">${url}</span></p></footer>
</body>
</html>
`.value;
}
