import { type Actor, formatFrenchDate, formatFrenchDateTime, html, renderPage, roleAtLeast, type SafeHtml, unsafeRaw } from '@newsroom/platform';
import type { ArticleDetail, ArticleSummary } from '../articles/article-views';
import { ARTICLE_STATES, ROLE_LABELS, STATE_LABELS, type ArticleState, type WorkflowAction } from '../articles/workflow';
import type { AuditView, CommentView } from '../review/review-views';
import type { ArticleDiff } from '../review/text-diff';
import type { SectionConfig } from '../site/site.entity';
import { M } from './admin-messages';
import { PREVIEW_SCRIPT } from './article-preview';
import { commentsView, decisionForms, diffView, editorForm, historyView, stateBadge } from './admin-review-pages';

/** The admin's pages, in French. Every value goes through `html`, so what a communiqué says can only ever be text. */


interface Signed {
  siteName: string;
  actor: Actor;
  csrfToken: string;
}

export function page(siteName: string, title: string, main: SafeHtml, actor?: { actor: Actor; csrfToken: string }): string {
  const admin = actor && roleAtLeast(actor.actor.role, 'admin');
  const nav = actor
    ? html`<nav class="sections" aria-label="${M.nav.label}"><ul>
<li><a href="/admin">${M.nav.articles}</a></li>
${admin ? html`<li><a href="/admin/rubriques">${M.nav.sections}</a></li>
<li><a href="/admin/utilisateurs">${M.nav.users}</a></li>` : ''}
<li>${actor.actor.name} (${M.roles[actor.actor.role]})</li>
<li><form method="post" action="/admin/logout"><input type="hidden" name="_csrf" value="${actor.csrfToken}"><button type="submit">${M.nav.signOut}</button></form></li>
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
    M.login.title,
    html`<h1>${M.login.heading}</h1>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/admin/login">
<label>${M.login.email} <input type="email" name="email" autocomplete="username" required maxlength="254" value="${email ?? ''}"></label>
<label>${M.login.password} <input type="password" name="password" autocomplete="current-password" required maxlength="1024"></label>
${next ? html`<input type="hidden" name="next" value="${next}">` : ''}
<button type="submit">${M.login.submit}</button>
</form>`,
  );
}

function approveForm(article: Pick<ArticleSummary, 'id' | 'title'>, csrfToken: string): SafeHtml {
  return html`<form method="post" action="/admin/articles/${article.id}/approve" class="no-print">
<input type="hidden" name="_csrf" value="${csrfToken}">
<button type="submit" aria-label="${M.inbox.approveLabel(article.title)}">${M.inbox.approve}</button>
</form>`;
}

function meta(article: Pick<ArticleSummary, 'publishedOn' | 'section'>): SafeHtml {
  const parts = [article.publishedOn ? formatFrenchDate(article.publishedOn) : M.inbox.noDate, article.section ?? M.inbox.noSection];
  return html`<p class="meta">${parts.join(' · ')}</p>`;
}

export interface DashboardOptions extends Signed {
  /** The tab shown: one state, or every article assigned to the user. */
  tab: ArticleState | 'mine';
  articles: ArticleSummary[];
  counts: Record<string, number>;
  search?: string;
  /** The section filter (a section's name), and the sections to choose from. */
  section?: string;
  sections: readonly SectionConfig[];
  notice?: string;
}

/** The inbox: one tab per state with its count, search, the articles of the tab, each with its state and assignee. */
export function dashboardPage({ siteName, actor, csrfToken, tab, articles, counts, search, section, sections, notice }: DashboardOptions): string {
  const canApprove = roleAtLeast(actor.role, 'editor');
  const tabs = [...ARTICLE_STATES.map((state) => ({ key: state as string, label: STATE_LABELS[state], count: counts[state] ?? 0 })), { key: 'mine', label: M.inbox.mine, count: counts.mine ?? 0 }];
  const items = articles.map(
    (article) => html`<li>
<h2><a href="/admin/articles/${article.id}">${article.title}</a></h2>
${meta(article)}
${stateBadge(article)}
<p class="meta">${M.inbox.received(formatFrenchDateTime(article.createdAt), article.paragraphCount)}</p>
${canApprove && article.state === 'draft' ? approveForm(article, csrfToken) : ''}
</li>`,
  );
  const current = tabs.find((t) => t.key === tab);
  return page(
    siteName,
    current?.label ?? M.inbox.heading,
    html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<h1>${M.inbox.heading}</h1>
<nav aria-label="${M.inbox.states}"><ul class="tabs">${tabs.map((t) => html`<li><a href="/admin?etat=${t.key}${section ? html`&amp;rubrique=${encodeURIComponent(section)}` : ''}"${t.key === tab ? html` aria-current="page"` : ''}>${t.label} (${String(t.count)})</a></li>`)}</ul></nav>
<form method="get" action="/admin" role="search" class="search">
<input type="hidden" name="etat" value="${tab}">
<label for="recherche">${M.inbox.searchIn(current?.label ?? '')}</label>
<input id="recherche" type="search" name="q" maxlength="200" value="${search ?? ''}">
<label for="filtre-rubrique">${M.inbox.section}</label>
<select id="filtre-rubrique" name="rubrique">
<option value="">${M.inbox.anySection}</option>
${sections.map((s) => html`<option value="${s.name}"${s.name === section ? html` selected` : ''}>${s.name}</option>`)}
</select>
<button type="submit">${M.inbox.search}</button>
</form>
${canApprove ? '' : html`<p class="meta">${M.inbox.cannotApprove(ROLE_LABELS[actor.role])}</p>`}
${articles.length ? html`<ul class="articles" id="articles">${items}</ul>` : html`<p>${M.inbox.empty}</p>`}`,
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
  /** The public site's page for the article (or for what the user typed), shown in a sandboxed iframe. */
  preview: string;
}

/** The page as the site will show it: its own document in an iframe without scripts, kept up to date as the editor types. */
function previewView(preview: string, live: boolean): SafeHtml {
  return html`<section aria-labelledby="apercu" class="preview"><h2 id="apercu">${M.preview.heading}</h2>
<iframe id="apercu-cadre" title="${M.preview.frame}" sandbox="" srcdoc="${preview}" style="width:100%;height:40rem;border:1px solid #888"></iframe>
</section>
${live ? html`<script>${unsafeRaw(PREVIEW_SCRIPT)}</script>` : ''}`;
}

/** "Ressemble à 87 % à « titre », reçu le … — voir": the earlier draft a near-duplicate resembles. */
function nearDuplicateNotice(article: ArticleDetail, resembles: ArticleDetail | null | undefined) {
  const near = article.nearDuplicateOf;
  if (!near) return '';
  const percent = Math.round(near.similarity * 100);
  if (!resembles) return html`<p class="notice" id="quasi-doublon">${M.article.nearDuplicateWaiting(percent)}</p>`;
  return html`<p class="notice" id="quasi-doublon">${M.article.nearDuplicate(percent, resembles.title, formatFrenchDateTime(resembles.createdAt))}<a href="/admin/articles/${resembles.id}">${M.article.see}</a></p>`;
}

export function articlePage(options: ArticlePageOptions): string {
  const { siteName, actor, csrfToken, article, resembles, sections, actions, diff, comments, history, notice, draft, preview } = options;
  return page(
    siteName,
    article.title,
    html`<nav class="breadcrumb" aria-label="${M.article.breadcrumb}"><ol><li><a href="/admin">${M.nav.articles}</a></li><li>${article.title}</li></ol></nav>
${notice ? html`<p class="notice" role="alert">${notice}</p>` : ''}
<article lang="${article.language}">
<h1>${article.title}</h1>
${meta(article)}
${stateBadge(article)}
<p class="meta">${M.article.revision(article.currentRevision)}${article.titleGenerated ? M.article.titleGenerated : ''}${article.tags.length ? M.article.tagsMeta(article.tags.join(', ')) : ''}</p>
${nearDuplicateNotice(article, resembles)}
${article.paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
</article>
${decisionForms(article, actions, csrfToken)}
${actions.includes('edit') ? editorForm(article, sections, csrfToken, draft) : ''}
${previewView(preview, actions.includes('edit'))}
${diffView(diff.diff, diff.from, diff.to)}
${commentsView(article, comments, csrfToken)}
${historyView(history)}`,
    { actor, csrfToken },
  );
}

export function errorPage(siteName: string, title: string, message: string): string {
  return page(siteName, title, html`<h1>${title}</h1><p>${message}</p><p><a href="/admin">${M.errors.back}</a></p>`);
}
