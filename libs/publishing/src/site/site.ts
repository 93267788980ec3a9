import type { BaseConfig } from '@newsroom/platform';
import { html, renderPage, type SafeHtml } from '@newsroom/platform';

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

/** Home › section: above the article, never inside it. */
export function breadcrumb(section: string | null): SafeHtml {
  return html`<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol><li><a href="/">Accueil</a></li>${section ? html`<li>${section}</li>` : ''}</ol></nav>`;
}

/**
 * The newsletter subscription form (the newsletter service takes the POST). `website` is a honeypot:
 * hidden from people and from the keyboard, filled in by bots.
 */
export function subscribeForm(): SafeHtml {
  return html`<section class="subscribe no-print" aria-labelledby="abonnement">
<h2 id="abonnement">Recevoir nos articles par courriel</h2>
<form class="stack" method="post" action="/newsletter/subscribe">
<label>Votre adresse électronique <input type="email" name="email" required maxlength="254" autocomplete="email"></label>
<div class="visually-hidden" aria-hidden="true"><label>Ne pas remplir <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">S'abonner</button>
</form>
</section>`;
}

export function notFoundPage(site: Site): string {
  return renderPage({
    siteName: site.name,
    title: 'Page introuvable',
    noindex: true,
    main: html`<h1>Page introuvable</h1>
<p>La page demandée n’existe pas, ou n’est pas encore publiée.</p>
<p><a href="/">Retour à l’accueil</a></p>`,
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
