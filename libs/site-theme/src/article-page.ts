import { html, unsafeRaw, type SafeHtml } from '@newsroom/platform';
import { sectionNamed, type SiteSection } from './site-section';
import { langOf, messagesOf } from './i18n';
import { articlePath, articleUrl, breadcrumb, sitePage, subscribeForm, type Site } from './site';

/** A correction note, as readers see it under the article. */
export interface CorrectionNote {
  revision: number;
  note: string;
  /** ISO instant the editor corrected the article. */
  correctedAt: string;
}

export interface ArticlePageInput {
  id: string;
  slug: string;
  title: string;
  publishedOn: string;
  section: string | null;
  language: string;
  paragraphs: string[];
  summary: string;
  corrections: CorrectionNote[];
  /** The first publication (schema.org datePublished). */
  firstPublishedAt: Date;
  /** This rendering's publication (dateModified). */
  publishedAt: Date;
}

/**
 * The article page, rendered once when the article is published (and again when it is corrected or the
 * sections change) and then served as stored. The `<article>` holds the article alone; the breadcrumb,
 * the actions and the form are around it. The site's words follow the article's language (French unless
 * it is English). The two action labels are English on purpose (the seed pages use them verbatim),
 * marked `lang="en"`.
 */
export function renderArticlePage(article: ArticlePageInput, site: Site, sections: readonly SiteSection[]): string {
  const lang = langOf(article.language);
  const m = messagesOf(lang);
  const path = articlePath(article.slug);
  const url = articleUrl(site, article.slug);
  const section = sectionNamed(sections, article.section);
  return sitePage(site, {
    lang,
    sections,
    current: section?.slug,
    insideCurrent: true,
    title: article.title,
    description: article.summary,
    head: html`<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:title" content="${article.title}">
<meta property="og:url" content="${url}">
<meta property="og:description" content="${article.summary}">
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="${ogLocale(article.language)}">
<meta property="article:published_time" content="${article.firstPublishedAt.toISOString()}">
<meta property="article:modified_time" content="${article.publishedAt.toISOString()}">
${article.section ? html`<meta property="article:section" content="${section?.name ?? article.section}">` : ''}
${jsonLd(newsArticle(article, site, section?.name ?? article.section))}`,
    main: html`${breadcrumb(article.section, { lang, sections })}
<article lang="${article.language}">
<h1>${article.title}</h1>
<div class="meta"><time datetime="${article.publishedOn}">${m.date(article.publishedOn)}</time></div>
${article.paragraphs.map((paragraph) => html`<p>${paragraph}</p>\n`)}</article>
${correctionNotes(article.corrections, lang)}
<div class="actions">
<a href="${path}/share" lang="en" rel="nofollow">Suggest To A Friend</a>
<a href="${path}/print" lang="en" rel="nofollow">Print</a>
</div>
${subscribeForm(lang)}`,
  });
}

/** The dated correction notes, newest last, under the article (and in its print view). */
export function correctionNotes(corrections: readonly CorrectionNote[], lang: 'fr' | 'en'): SafeHtml | '' {
  if (!corrections.length) return '';
  const m = messagesOf(lang);
  return html`<aside class="corrections" aria-label="${m.corrections}">
${corrections.map(
  (c) => html`<p class="correction"><strong><time datetime="${c.correctedAt}">${m.correction(m.dateTime(c.correctedAt))}</time></strong>${lang === 'fr' ? ' : ' : ': '}${c.note}</p>
`,
)}</aside>`;
}

/** schema.org NewsArticle for the article page. */
export function newsArticle(article: ArticlePageInput, site: Site, section: string | null): Record<string, unknown> {
  const url = articleUrl(site, article.slug);
  const publisher = { '@type': 'Organization', name: site.name, url: `${site.publicUrl}/` };
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: url,
    headline: article.title,
    description: article.summary,
    inLanguage: article.language,
    datePublished: article.firstPublishedAt.toISOString(),
    dateModified: article.publishedAt.toISOString(),
    ...(section ? { articleSection: section } : {}),
    author: publisher,
    publisher,
    isAccessibleForFree: true,
    ...(article.corrections.length ? { correction: article.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: c.correctedAt })) } : {}),
  };
}

/** A JSON-LD script element; `<`, `>` and `&` escaped so no text of the article can close it. */
export function jsonLd(data: unknown): SafeHtml {
  const json = JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return html`<script type="application/ld+json">${unsafeRaw(json)}</script>`;
}

/** Open Graph wants language_TERRITORY: `fr` → `fr_FR`, `en` → `en_GB`, `fr-BE` → `fr_BE`. */
export function ogLocale(language: string): string {
  const [lang, region] = language.split('-');
  return `${lang}_${region ?? ({ en: 'GB' } as Record<string, string>)[lang] ?? lang.toUpperCase()}`;
}
