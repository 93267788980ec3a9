import type { BaseConfig } from '@newsroom/platform';
import { html, renderPage, type SafeHtml } from '@newsroom/platform';
import { sectionNamed, sectionPath, type SiteSection } from './site-section';
import { messagesOf, type Lang } from './i18n';

/** What every page of the public site needs to know about the site itself. */
export interface Site {
  name: string;
  /** The public origin, no trailing slash. */
  publicUrl: string;
}

export function siteOf(config: Pick<BaseConfig, 'SITE_NAME' | 'PUBLIC_URL'>): Site {
  return { name: config.SITE_NAME, publicUrl: config.PUBLIC_URL };
}

export const articlePath = (slug: string): string => `/articles/${slug}`;
export const articleUrl = (site: Site, slug: string): string => `${site.publicUrl}${articlePath(slug)}`;

/** The address part of a URL as a slug: the only shape `/articles/:slug` answers to. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const isSlug = (value: string): boolean => value.length <= 200 && SLUG_PATTERN.test(value);

/** `?lang=en` kept on the site's own links when the page is in English. */
export const withLang = (path: string, lang: Lang): string => (lang === 'fr' ? path : `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);

/** Home › section (a link when it is one of the site's sections): above the article, never inside it. */
export function breadcrumb(section: string | null, options: { lang?: Lang; sections?: readonly SiteSection[]; current?: boolean } = {}): SafeHtml {
  const lang = options.lang ?? 'fr';
  const m = messagesOf(lang);
  const known = sectionNamed(options.sections ?? [], section);
  const crumb = !section
    ? ''
    : known && !options.current
      ? html`<li><a href="${withLang(sectionPath(known.slug), lang)}">${known.name}</a></li>`
      : html`<li${options.current ? html` aria-current="page"` : ''}>${known?.name ?? section}</li>`;
  return html`<nav class="breadcrumb" aria-label="${m.breadcrumb}"><ol><li><a href="${withLang('/', lang)}">${m.home}</a></li>${crumb}</ol></nav>`;
}

/**
 * The navigation bar: Accueil, then the sections shown in navigation, then the search form. `current`: a
 * section slug or 'home', marked `aria-current="page"` on that page itself, `"true"` on a page inside it (an article).
 */
export function navigation(sections: readonly SiteSection[], lang: Lang, current?: string, inside = false): SafeHtml {
  const m = messagesOf(lang);
  const mark = inside ? 'true' : 'page';
  const item = (href: string, label: string, here: boolean) => html`<li><a href="${withLang(href, lang)}"${here ? html` aria-current="${mark}"` : ''}>${label}</a></li>`;
  return html`<nav class="sections" aria-label="${m.sectionsNav}"><ul>
${item('/', m.home, current === 'home')}
${sections.filter((s) => s.inNavigation).map((s) => item(sectionPath(s.slug), s.name, current === s.slug))}
</ul></nav>
<form class="search" role="search" method="get" action="/recherche"><label class="visually-hidden" for="q">${m.searchLabel}</label><input type="search" id="q" name="q" maxlength="200"><button type="submit">${m.searchButton}</button>${lang === 'fr' ? '' : html`<input type="hidden" name="lang" value="${lang}">`}</form>`;
}

/** The site-wide feeds, announced in every page's head. */
export function feedLinks(site: Site, lang: Lang): SafeHtml {
  const m = messagesOf(lang);
  return html`<link rel="alternate" type="application/rss+xml" title="${site.name} (RSS)" href="${site.publicUrl}/feed.xml">
<link rel="alternate" type="application/atom+xml" title="${site.name} (Atom) — ${m.latest}" href="${site.publicUrl}/atom.xml">`;
}

const SITE_STYLES = html`<style>form.search{display:flex;gap:.4rem;margin:.75rem 0 0;font:.95rem system-ui,sans-serif}form.search input{flex:1;max-width:18rem}
nav.pages ul{list-style:none;display:flex;gap:1rem;padding:0;font:.95rem system-ui,sans-serif}.corrections{margin:1.5rem 0;font:.95rem system-ui,sans-serif}
@media print{form.search,nav.sections,nav.breadcrumb,nav.pages{display:none}}</style>`;

export interface SitePageOptions {
  lang: Lang;
  sections: readonly SiteSection[];
  /** A section slug or 'home': marked in the navigation. */
  current?: string;
  /** The page is inside `current` (an article of that section), not `current` itself. */
  insideCurrent?: boolean;
  title: string;
  description?: string;
  head?: SafeHtml;
  main: SafeHtml;
  noindex?: boolean;
}

/** A page of the public site: the platform's page with the sections' navigation, the search form and the feeds. */
export function sitePage(site: Site, options: SitePageOptions): string {
  return renderPage({
    siteName: site.name,
    lang: options.lang,
    title: options.title,
    description: options.description,
    noindex: options.noindex,
    head: html`${options.head ?? ''}
${feedLinks(site, options.lang)}
${SITE_STYLES}`,
    nav: navigation(options.sections, options.lang, options.current, options.insideCurrent),
    main: options.main,
  });
}

/**
 * The newsletter subscription form (the newsletter service takes the POST). `website` is a honeypot:
 * hidden from people and from the keyboard, filled in by bots.
 */
export function subscribeForm(lang: Lang = 'fr'): SafeHtml {
  const m = messagesOf(lang);
  return html`<section class="subscribe no-print" aria-labelledby="abonnement">
<h2 id="abonnement">${m.subscribeTitle}</h2>
<form class="stack" method="post" action="/newsletter/subscribe">
<label>${m.subscribeEmail} <input type="email" name="email" required maxlength="254" autocomplete="email"></label>
<div class="visually-hidden" aria-hidden="true"><label>${m.honeypot} <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${m.subscribeButton}</button>
</form>
</section>`;
}

export function notFoundPage(site: Site, lang: Lang = 'fr', sections: readonly SiteSection[] = []): string {
  const m = messagesOf(lang);
  return sitePage(site, {
    lang,
    sections,
    title: m.notFoundTitle,
    noindex: true,
    main: html`<h1>${m.notFoundTitle}</h1>
<p>${m.notFoundText}</p>
<p><a href="${withLang('/', lang)}">${m.backHome}</a></p>`,
  });
}

/** 410: the article was public and has been withdrawn. */
export function gonePage(site: Site, lang: Lang = 'fr', sections: readonly SiteSection[] = []): string {
  const m = messagesOf(lang);
  return sitePage(site, {
    lang,
    sections,
    title: m.goneTitle,
    noindex: true,
    main: html`<h1>${m.goneTitle}</h1>
<p>${m.goneText}</p>
<p><a href="${withLang('/', lang)}">${m.backHome}</a></p>`,
  });
}

export function tooManyRequestsPage(site: Site, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return renderPage({
    siteName: site.name,
    title: 'Trop de demandes',
    noindex: true,
    main: html`<h1>Trop de demandes</h1>
<p class="notice">Vous avez fait trop de demandes en peu de temps. Merci de réessayer dans ${minutes} minute${minutes > 1 ? 's' : ''}.</p>
<p><a href="/">Retour à l’accueil</a></p>`,
  });
}
