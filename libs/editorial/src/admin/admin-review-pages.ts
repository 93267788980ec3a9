import { formatFrenchDateTime, html, type SafeHtml } from '@newsroom/platform';
import type { ArticleDetail } from '../articles/article-views';
import { ACTION_LABELS, decisionRoute, STATE_LABELS, type WorkflowAction } from '../articles/workflow';
import type { AuditView, CommentView } from '../review/review-views';
import type { ArticleDiff, DiffSegment } from '../review/text-diff';
import type { SectionConfig } from '../site/site.entity';
import { M } from './admin-messages';
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
  const t = M.article;
  return html`<section aria-labelledby="modifier"><h2 id="modifier">${t.editHeading}</h2>
<form class="stack" method="post" action="/admin/articles/${article.id}/edit" id="editeur" data-preview="/admin/articles/${article.id}/preview?seul=1">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="expectedVersion" value="${String(article.version)}">
<label for="titre">${t.title}</label>
<input id="titre" name="title" required maxlength="500" value="${value.title}">
<label for="rubrique">${t.section}</label>
<select id="rubrique" name="section">
<option value=""${value.section === null ? html` selected` : ''}>${t.noSection}</option>
${!known && value.section ? html`<option value="${value.section}" selected>${t.unknownSection(value.section)}</option>` : ''}
${sections.map((s) => html`<option value="${s.name}"${s.name === value.section ? html` selected` : ''}>${s.name}</option>`)}
</select>
<label for="etiquettes">${t.tags} <span class="meta">${t.tagsHint}</span></label>
<input id="etiquettes" name="tags" maxlength="5000" value="${value.tags}">
<label for="texte">${t.body} <span class="meta">${t.bodyHint}</span></label>
<textarea id="texte" name="body" rows="16" required>${value.body}</textarea>
${article.isPublic ? html`<label for="note">${t.correctionNote}</label>
<textarea id="note" name="correctionNote" rows="2" maxlength="2000">${value.correctionNote}</textarea>` : ''}
<div class="actions"><button type="submit">${t.save}</button>
<button type="submit" formaction="/admin/articles/${article.id}/preview" formnovalidate>${M.preview.button}</button></div>
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
${REASON_ACTIONS.has(action) ? html`<label for="raison-${id}">${M.article.reasonLabel}</label><textarea id="raison-${id}" name="reason" rows="2" required maxlength="2000"></textarea>` : ''}
${when && !article.isPublic ? html`<label for="heure-${id}">${M.article.publishAt} <span class="meta">${M.article.publishAtHint}</span></label>
<input id="heure-${id}" type="datetime-local" name="publishAt" value="${article.publishAt ? instantToParisLocal(article.publishAt) : ''}">` : ''}
${action === 'approve' && article.isPublic ? html`<label for="note-${id}">${M.article.correctionNote}</label><textarea id="note-${id}" name="correctionNote" rows="2" required maxlength="2000">${article.correctionNote ?? ''}</textarea>` : ''}
<button type="submit">${ACTION_LABELS[action]}</button>
</form>`;
    });
  return forms.length ? html`<section aria-labelledby="decisions"><h2 id="decisions">${M.article.decisions}</h2><div class="actions">${forms}</div></section>` : html``;
}

function segments(list: readonly DiffSegment[]): SafeHtml[] {
  return list.map((s) => (s.op === 'insert' ? html`<ins>${s.text}</ins>` : s.op === 'delete' ? html`<del>${s.text}</del>` : html`${s.text}`));
}

export function diffView(diff: ArticleDiff, from: number, to: number): SafeHtml {
  const t = M.article;
  const label = from === 1 ? t.receivedText : t.revisionOf(from);
  if (!diff.changed) return html`<section aria-labelledby="differences"><h2 id="differences">${t.differences}</h2><p>${t.noDifference(label, to)}</p></section>`;
  return html`<section aria-labelledby="differences" class="diff"><h2 id="differences">${t.differencesBetween(label, to)}</h2>
<p><strong>${t.diffTitle}</strong> ${segments(diff.title)}</p>
${diff.section ? html`<p><strong>${t.diffSection}</strong> <del>${diff.section.before ?? t.withoutSection}</del> → <ins>${diff.section.after ?? t.withoutSection}</ins></p>` : ''}
${diff.tags.added.length || diff.tags.removed.length ? html`<p><strong>${t.diffTags}</strong> ${diff.tags.added.map((t) => html`<ins>+ ${t}</ins> `)}${diff.tags.removed.map((t) => html`<del>− ${t}</del> `)}</p>` : ''}
${diff.paragraphs.map((p) => html`<p class="diff-${p.kind}">${segments(p.segments)}</p>`)}
</section>`;
}

export function commentsView(article: ArticleDetail, comments: readonly CommentView[], csrfToken: string): SafeHtml {
  const t = M.article;
  return html`<section aria-labelledby="commentaires"><h2 id="commentaires">${t.comments}</h2>
${comments.length ? html`<ul class="comments">${comments.map((c) => html`<li><p class="meta">${t.commentBy(c.authorName, formatFrenchDateTime(c.createdAt))}</p><p>${c.body}</p></li>`)}</ul>` : html`<p>${t.noComment}</p>`}
<form class="stack" method="post" action="/admin/articles/${article.id}/comments">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label for="commentaire">${t.yourComment}</label>
<textarea id="commentaire" name="body" rows="3" required maxlength="5000"></textarea>
<button type="submit">${t.commentButton}</button>
</form></section>`;
}

export function historyView(history: readonly AuditView[]): SafeHtml {
  return html`<section aria-labelledby="historique"><h2 id="historique">${M.article.history}</h2>
<ol class="history">${history.map((h) => {
    const to = typeof h.after?.state === 'string' ? STATE_LABELS[h.after.state as keyof typeof STATE_LABELS] : undefined;
    const from = typeof h.before?.state === 'string' ? STATE_LABELS[h.before.state as keyof typeof STATE_LABELS] : undefined;
    return html`<li><time datetime="${h.at}">${formatFrenchDateTime(h.at)}</time> — ${M.article.historyBy(M.article.done[h.action] ?? h.action, h.actorName)}${from && to && from !== to ? html` (${from} → ${to})` : ''}</li>`;
  })}</ol></section>`;
}

export function stateBadge(article: Pick<ArticleDetail, 'state' | 'isPublic' | 'stateReason' | 'publishAt'>): SafeHtml {
  const t = M.article;
  return html`<p class="meta"><strong>${STATE_LABELS[article.state]}</strong>${article.isPublic && article.state !== 'published' ? t.stillOnline : ''}${article.state === 'approved' && article.publishAt ? t.publishFrom(formatFrenchDateTime(article.publishAt)) : ''}${article.stateReason ? t.reasonMeta(article.stateReason) : ''}</p>`;
}
