import { type Actor, formatFrenchDate, formatFrenchDateTime, html, renderPage, type Role, roleAtLeast, type SafeHtml } from '@newsroom/platform';
import type { ArticleDetail, ArticleSummary } from '../articles/article-views';

/** The admin's pages, in French. Every value goes through `html`, so what a communiqué says can only ever be text. */

const ROLE_LABELS: Record<Role, string> = { contributor: 'contributeur', editor: 'éditeur', admin: 'administrateur' };

interface Signed {
  siteName: string;
  actor: Actor;
  csrfToken: string;
}

function page(siteName: string, title: string, main: SafeHtml, actor?: { actor: Actor; csrfToken: string }): string {
  const nav = actor
    ? html`<nav class="sections" aria-label="Administration"><ul>
<li><a href="/admin">Brouillons</a></li>
<li>${actor.actor.name} (${ROLE_LABELS[actor.actor.role]})</li>
<li><form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${actor.csrfToken}"><button type="submit">Se déconnecter</button></form></li>
</ul></nav>`
    : undefined;
  return renderPage({ siteName, title, main, nav, noindex: true });
}

export interface LoginPageOptions {
  siteName: string;
  error?: string;
  email?: string;
  /** Where to go once signed in (an /admin path). */
  next?: string;
}

export function loginPage({ siteName, error, email, next }: LoginPageOptions): string {
  return page(
    siteName,
    'Connexion',
    html`<h1>Connexion à l’administration</h1>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/admin/login">
<label>Adresse e-mail <input type="email" name="email" autocomplete="username" required maxlength="254" value="${email ?? ''}"></label>
<label>Mot de passe <input type="password" name="password" autocomplete="current-password" required maxlength="1024"></label>
${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
<button type="submit">Se connecter</button>
</form>`,
  );
}

function approveForm(article: Pick<ArticleSummary, 'id' | 'title'>, csrfToken: string): SafeHtml {
  return html`<form method="post" action="/admin/articles/${article.id}/approve" class="no-print">
<input type="hidden" name="_csrf" value="${csrfToken}">
<button type="submit" aria-label="Approuver « ${article.title} »">Approuver</button>
</form>`;
}

function meta(article: Pick<ArticleSummary, 'publishedOn' | 'section'>): SafeHtml {
  const parts = [article.publishedOn ? formatFrenchDate(article.publishedOn) : 'Sans date', article.section ?? 'Sans rubrique'];
  return html`<p class="meta">${parts.join(' · ')}</p>`;
}

export interface DashboardOptions extends Signed {
  drafts: ArticleSummary[];
  approved: ArticleSummary[];
  notice?: string;
}

export function dashboardPage({ siteName, actor, csrfToken, drafts, approved, notice }: DashboardOptions): string {
  const canApprove = roleAtLeast(actor.role, 'editor');
  const draftItems = drafts.map(
    (draft) => html`<li>
<h2><a href="/admin/articles/${draft.id}">${draft.title}</a></h2>
${meta(draft)}
<p class="meta">Reçu le ${formatFrenchDateTime(draft.createdAt)} · ${draft.paragraphCount} paragraphe${draft.paragraphCount > 1 ? 's' : ''}</p>
${canApprove ? approveForm(draft, csrfToken) : ''}
</li>`,
  );
  const approvedItems = approved.map(
    (article) => html`<li>
<h3><a href="/admin/articles/${article.id}">${article.title}</a></h3>
${meta(article)}
<p class="meta">Approuvé le ${article.approvedAt ? formatFrenchDateTime(article.approvedAt) : ''}${article.publishAt ? html` · publication à partir du ${formatFrenchDateTime(article.publishAt)}` : ''}</p>
</li>`,
  );
  return page(
    siteName,
    'Brouillons',
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<h1>Brouillons à relire</h1>
${canApprove ? '' : html`<p class="meta">Votre rôle (${ROLE_LABELS[actor.role]}) permet de relire les brouillons, pas de les approuver.</p>`}
${drafts.length ? html`<ul class="articles" id="brouillons">${draftItems}</ul>` : html`<p>Aucun brouillon en attente.</p>`}
<h2>Récemment approuvés</h2>
${approved.length ? html`<ul class="articles" id="approuves">${approvedItems}</ul>` : html`<p>Aucun article approuvé pour l’instant.</p>`}`,
    { actor, csrfToken },
  );
}

export interface ArticlePageOptions extends Signed {
  article: ArticleDetail;
  /** The earlier draft `article.nearDuplicateOf` points at, when it is here. */
  resembles?: ArticleDetail | null;
}

/** "Ressemble à 87 % à « titre », reçu le … — voir": the earlier draft a near-duplicate resembles. */
function nearDuplicateNotice(article: ArticleDetail, resembles: ArticleDetail | null | undefined) {
  const near = article.nearDuplicateOf;
  if (!near) return '';
  const percent = Math.round(near.similarity * 100);
  if (!resembles) return html`<p class="notice" id="quasi-doublon">Ressemble à ${percent} % à un communiqué reçu plus tôt, dont le brouillon n’est pas encore arrivé.</p>`;
  return html`<p class="notice" id="quasi-doublon">Ressemble à ${percent} % à « ${resembles.title} », reçu le ${formatFrenchDateTime(resembles.createdAt)} — <a href="/admin/articles/${resembles.id}">voir</a></p>`;
}

export function articlePage({ siteName, actor, csrfToken, article, resembles }: ArticlePageOptions): string {
  const status =
    article.state === 'draft'
      ? html`<p class="meta">Brouillon${article.titleGenerated ? ' · titre proposé automatiquement, à vérifier' : ''}</p>`
      : html`<p class="notice">Approuvé le ${article.approvedAt ? formatFrenchDateTime(article.approvedAt) : ''}${article.publishAt ? html`, publication à partir du ${formatFrenchDateTime(article.publishAt)}` : ''}.</p>`;
  return page(
    siteName,
    article.title,
    html`<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol><li><a href="/admin">Brouillons</a></li><li>${article.title}</li></ol></nav>
<article lang="${article.language}">
<h1>${article.title}</h1>
${meta(article)}
${status}
${nearDuplicateNotice(article, resembles)}
${article.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
</article>
${article.state === 'draft' && roleAtLeast(actor.role, 'editor') ? html`<div class="actions">${approveForm(article, csrfToken)}</div>` : ''}`,
    { actor, csrfToken },
  );
}

export function errorPage(siteName: string, title: string, message: string): string {
  return page(siteName, title, html`<h1>${title}</h1><p>${message}</p><p><a href="/admin">Retour à l’administration</a></p>`);
}
