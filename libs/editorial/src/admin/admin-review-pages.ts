import { formatFrenchDateTime, html, type SafeHtml } from '@newsroom/platform';
import type { ArticleDetail } from '../articles/article-views';
import { ACTION_LABELS, decisionRoute, STATE_LABELS, type WorkflowAction } from '../articles/workflow';
import type { AuditView, CommentView } from '../review/review-views';
import type { ArticleDiff, DiffSegment } from '../review/text-diff';
import type { SectionConfig } from '../site/site.entity';
import { instantToParisLocal } from './paris-time';

/** The parts of the draft page that belong to the review: the editor, the decisions, the difference, comments, history. */

/** The body in the editor: paragraphs separated by a blank line. */
export function bodyText(paragraphs: readonly string[]): string {
  return paragraphs.join('\n\n');
}

export function paragraphsOf(body: string): string[] {
  return body
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p.length > 0);
}

export function editorForm(article: ArticleDetail, sections: readonly SectionConfig[], csrfToken: string, draft?: { title: string; section: string | null; tags: string; body: string; correctionNote: string }): SafeHtml {
  const value = draft ?? { title: article.title, section: article.section, tags: article.tags.join(', '), body: bodyText(article.paragraphs), correctionNote: article.correctionNote ?? '' };
  const known = sections.some((s) => s.name === value.section);
  return html`<section aria-labelledby="modifier"><h2 id="modifier">Modifier le texte</h2>
<form class="stack" method="post" action="/admin/articles/${article.id}/edit" id="editeur">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="expectedVersion" value="${String(article.version)}">
<label for="titre">Titre</label>
<input id="titre" name="title" required maxlength="500" value="${value.title}">
<label for="rubrique">Rubrique</label>
<select id="rubrique" name="section">
<option value=""${value.section === null ? html` selected` : ''}>Sans rubrique</option>
${!known && value.section ? html`<option value="${value.section}" selected>${value.section} (inconnue)</option>` : ''}
${sections.map((s) => html`<option value="${s.name}"${s.name === value.section ? html` selected` : ''}>${s.name}</option>`)}
</select>
<label for="etiquettes">Étiquettes <span class="meta">(séparées par des virgules)</span></label>
<input id="etiquettes" name="tags" maxlength="5000" value="${value.tags}">
<label for="texte">Texte <span class="meta">(une ligne vide entre deux paragraphes)</span></label>
<textarea id="texte" name="body" rows="16" required>${value.body}</textarea>
${article.isPublic ? html`<label for="note">Note de correction pour les lecteurs</label>
<textarea id="note" name="correctionNote" rows="2" maxlength="2000">${value.correctionNote}</textarea>` : ''}
<button type="submit">Enregistrer une nouvelle révision</button>
</form></section>`;
}

const REASON_ACTIONS = new Set<WorkflowAction>(['request_changes', 'reject', 'withdraw']);

/** One form per decision the user may take now; the server checks each again. */
export function decisionForms(article: ArticleDetail, actions: readonly WorkflowAction[], csrfToken: string): SafeHtml {
  // Assignment needs a list of editors: it is offered through the API only for now.
  const forms = actions
    .filter((action) => action !== 'assign' && decisionRoute(action))
    .map((action) => {
      const route = decisionRoute(action) ?? '';
      const id = `${route}-${article.id}`;
      const when = action === 'approve' || action === 'reschedule';
      return html`<form method="post" action="/admin/articles/${article.id}/${route}" class="stack decision" id="${route}">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="expectedVersion" value="${String(article.version)}">
${REASON_ACTIONS.has(action) ? html`<label for="raison-${id}">Motif</label><textarea id="raison-${id}" name="reason" rows="2" required maxlength="2000"></textarea>` : ''}
${when && !article.isPublic ? html`<label for="heure-${id}">Publier à partir du <span class="meta">(heure de Paris ; vide : dès que possible)</span></label>
<input id="heure-${id}" type="datetime-local" name="publishAt" value="${article.publishAt ? instantToParisLocal(article.publishAt) : ''}">` : ''}
${action === 'approve' && article.isPublic ? html`<label for="note-${id}">Note de correction pour les lecteurs</label><textarea id="note-${id}" name="correctionNote" rows="2" required maxlength="2000">${article.correctionNote ?? ''}</textarea>` : ''}
<button type="submit">${ACTION_LABELS[action]}</button>
</form>`;
    });
  return forms.length ? html`<section aria-labelledby="decisions"><h2 id="decisions">Décisions</h2><div class="actions">${forms}</div></section>` : html``;
}

function segments(list: readonly DiffSegment[]): SafeHtml[] {
  return list.map((s) => (s.op === 'insert' ? html`<ins>${s.text}</ins>` : s.op === 'delete' ? html`<del>${s.text}</del>` : html`${s.text}`));
}

export function diffView(diff: ArticleDiff, from: number, to: number): SafeHtml {
  const label = from === 1 ? 'le texte reçu' : `la révision ${from}`;
  if (!diff.changed) return html`<section aria-labelledby="differences"><h2 id="differences">Différences</h2><p>Aucune différence entre ${label} et la révision ${String(to)}.</p></section>`;
  return html`<section aria-labelledby="differences" class="diff"><h2 id="differences">Différences entre ${label} et la révision ${String(to)}</h2>
<p><strong>Titre :</strong> ${segments(diff.title)}</p>
${diff.section ? html`<p><strong>Rubrique :</strong> <del>${diff.section.before ?? 'sans rubrique'}</del> → <ins>${diff.section.after ?? 'sans rubrique'}</ins></p>` : ''}
${diff.tags.added.length || diff.tags.removed.length ? html`<p><strong>Étiquettes :</strong> ${diff.tags.added.map((t) => html`<ins>+ ${t}</ins> `)}${diff.tags.removed.map((t) => html`<del>− ${t}</del> `)}</p>` : ''}
${diff.paragraphs.map((p) => html`<p class="diff-${p.kind}">${segments(p.segments)}</p>`)}
</section>`;
}

export function commentsView(article: ArticleDetail, comments: readonly CommentView[], csrfToken: string): SafeHtml {
  return html`<section aria-labelledby="commentaires"><h2 id="commentaires">Commentaires</h2>
${comments.length ? html`<ul class="comments">${comments.map((c) => html`<li><p class="meta">${c.authorName}, le ${formatFrenchDateTime(c.createdAt)}</p><p>${c.body}</p></li>`)}</ul>` : html`<p>Aucun commentaire.</p>`}
<form class="stack" method="post" action="/admin/articles/${article.id}/comments">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label for="commentaire">Votre commentaire</label>
<textarea id="commentaire" name="body" rows="3" required maxlength="5000"></textarea>
<button type="submit">Commenter</button>
</form></section>`;
}

const ACTION_PAST: Record<string, string> = {
  receive: 'Reçu',
  edit: 'Modifié',
  submit: 'Soumis à la relecture',
  request_changes: 'Modifications demandées',
  approve: 'Approuvé',
  reject: 'Refusé',
  reschedule: 'Heure de publication changée',
  withdraw: 'Retiré',
  reopen: 'Rouvert',
  comment: 'Commenté',
  assign: 'Assigné',
};

export function historyView(history: readonly AuditView[]): SafeHtml {
  return html`<section aria-labelledby="historique"><h2 id="historique">Historique</h2>
<ol class="history">${history.map((h) => {
    const to = typeof h.after?.state === 'string' ? STATE_LABELS[h.after.state as keyof typeof STATE_LABELS] : undefined;
    const from = typeof h.before?.state === 'string' ? STATE_LABELS[h.before.state as keyof typeof STATE_LABELS] : undefined;
    return html`<li><time datetime="${h.at}">${formatFrenchDateTime(h.at)}</time> — ${ACTION_PAST[h.action] ?? h.action} par ${h.actorName}${from && to && from !== to ? html` (${from} → ${to})` : ''}</li>`;
  })}</ol></section>`;
}

export function stateBadge(article: Pick<ArticleDetail, 'state' | 'isPublic' | 'stateReason' | 'publishAt'>): SafeHtml {
  return html`<p class="meta"><strong>${STATE_LABELS[article.state]}</strong>${article.isPublic && article.state !== 'published' ? ' · en ligne (version précédente)' : ''}${article.state === 'approved' && article.publishAt ? html` · publication à partir du ${formatFrenchDateTime(article.publishAt)}` : ''}${article.stateReason ? html` · motif : ${article.stateReason}` : ''}</p>`;
}
