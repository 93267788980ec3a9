import { type Actor, formatFrenchDate, formatFrenchDateTime, html, renderPage, roleAtLeast, type SafeHtml } from '@newsroom/platform';
import type { ArticleDetail, ArticleSummary } from '../articles/article-views';
import { ARTICLE_STATES, ROLE_LABELS, STATE_LABELS, type ArticleState, type WorkflowAction } from '../articles/workflow';
import type { AuditView, CommentView } from '../review/review-views';
import type { ArticleDiff } from '../review/text-diff';
import type { SectionConfig } from '../site/site.entity';
import { commentsView, decisionForms, diffView, editorForm, historyView, stateBadge } from './admin-review-pages';

/** The admin's pages, in French. Every value goes through `html`, so what a communiqué says can only ever be text. */


interface Signed {
  siteName: string;
  actor: Actor;
  csrfToken: string;
}

function page(siteName: string, title: string, main: SafeHtml, actor?: { actor: Actor; csrfToken: string }): string {
  const nav = actor
    ? html`<nav class="sections" aria-label="Administration"><ul>
<li><a href="/admin">Articles</a></li>
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
  /** The tab shown: one state, or every article assigned to the user. */
  tab: ArticleState | 'mine';
  articles: ArticleSummary[];
  counts: Record<string, number>;
  search?: string;
  notice?: string;
}

/** The inbox: one tab per state with its count, search, the articles of the tab, each with its state and assignee. */
export function dashboardPage({ siteName, actor, csrfToken, tab, articles, counts, search, notice }: DashboardOptions): string {
  const canApprove = roleAtLeast(actor.role, 'editor');
  const tabs = [...ARTICLE_STATES.map((state) => ({ key: state as string, label: STATE_LABELS[state], count: counts[state] ?? 0 })), { key: 'mine', label: 'Assignés à moi', count: counts.mine ?? 0 }];
  const items = articles.map(
    (article) => html`<li>
<h2><a href="/admin/articles/${article.id}">${article.title}</a></h2>
${meta(article)}
${stateBadge(article)}
<p class="meta">Reçu le ${formatFrenchDateTime(article.createdAt)} · ${article.paragraphCount} paragraphe${article.paragraphCount > 1 ? 's' : ''}</p>
${canApprove && article.state === 'draft' ? approveForm(article, csrfToken) : ''}
</li>`,
  );
  const current = tabs.find((t) => t.key === tab);
  return page(
    siteName,
    current?.label ?? 'Articles',
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<h1>Articles</h1>
<nav aria-label="États"><ul class="tabs">${tabs.map((t) => html`<li><a href="/admin?etat=${t.key}"${t.key === tab ? html` aria-current="page"` : ''}>${t.label} (${String(t.count)})</a></li>`)}</ul></nav>
<form method="get" action="/admin" role="search" class="search">
<input type="hidden" name="etat" value="${tab}">
<label for="recherche">Rechercher dans « ${current?.label ?? ''} »</label>
<input id="recherche" type="search" name="q" maxlength="200" value="${search ?? ''}">
<button type="submit">Rechercher</button>
</form>
${canApprove ? '' : html`<p class="meta">Votre rôle (${ROLE_LABELS[actor.role]}) permet de modifier et soumettre les brouillons, pas de les approuver.</p>`}
${articles.length ? html`<ul class="articles" id="articles">${items}</ul>` : html`<p>Aucun article ici.</p>`}`,
    { actor, csrfToken },
  );
}

export interface ArticlePageOptions extends Signed {
  article: ArticleDetail;
  /** The earlier draft `article.nearDuplicateOf` points at, when it is here. */
  resembles?: ArticleDetail | null;
  sections: readonly SectionConfig[];
  actions: readonly WorkflowAction[];
  diff: { from: number; to: number; diff: ArticleDiff };
  comments: readonly CommentView[];
  history: readonly AuditView[];
  notice?: string;
  /** What the user typed, shown again after a conflict or an error. */
  draft?: { title: string; section: string | null; tags: string; body: string; correctionNote: string };
}

/** "Ressemble à 87 % à « titre », reçu le … — voir": the earlier draft a near-duplicate resembles. */
function nearDuplicateNotice(article: ArticleDetail, resembles: ArticleDetail | null | undefined) {
  const near = article.nearDuplicateOf;
  if (!near) return '';
  const percent = Math.round(near.similarity * 100);
  if (!resembles) return html`<p class="notice" id="quasi-doublon">Ressemble à ${percent} % à un communiqué reçu plus tôt, dont le brouillon n’est pas encore arrivé.</p>`;
  return html`<p class="notice" id="quasi-doublon">Ressemble à ${percent} % à « ${resembles.title} », reçu le ${formatFrenchDateTime(resembles.createdAt)} — <a href="/admin/articles/${resembles.id}">voir</a></p>`;
}

export function articlePage(options: ArticlePageOptions): string {
  const { siteName, actor, csrfToken, article, resembles, sections, actions, diff, comments, history, notice, draft } = options;
  return page(
    siteName,
    article.title,
    html`<nav class="breadcrumb" aria-label="Fil d’Ariane"><ol><li><a href="/admin">Articles</a></li><li>${article.title}</li></ol></nav>
${notice ? html`<p class="notice" role="alert">${notice}</p>` : ''}
<article lang="${article.language}">
<h1>${article.title}</h1>
${meta(article)}
${stateBadge(article)}
<p class="meta">Révision ${String(article.currentRevision)}${article.titleGenerated ? ' · titre proposé automatiquement, à vérifier' : ''}${article.tags.length ? html` · étiquettes : ${article.tags.join(', ')}` : ''}</p>
${nearDuplicateNotice(article, resembles)}
${article.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
</article>
${decisionForms(article, actions, csrfToken)}
${actions.includes('edit') ? editorForm(article, sections, csrfToken, draft) : ''}
${diffView(diff.diff, diff.from, diff.to)}
${commentsView(article, comments, csrfToken)}
${historyView(history)}`,
    { actor, csrfToken },
  );
}

export function errorPage(siteName: string, title: string, message: string): string {
  return page(siteName, title, html`<h1>${title}</h1><p>${message}</p><p><a href="/admin">Retour à l’administration</a></p>`);
}
