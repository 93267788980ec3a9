import { type Actor, formatFrenchDateTime, html, renderPage, type SafeHtml } from '@newsroom/platform';
import type { ImportProgress } from './subscriber-importer';

/** The newsletter's admin pages (/admin/newsletter/...), French, no script: progress pages refresh themselves. */

export interface MailingProgress {
  id: string;
  key: string;
  kind: string;
  subject: string;
  createdAt: Date;
  cancelled: boolean;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  bounced: number;
  cancelledMails: number;
  total: number;
}

export interface SubscriberRow {
  email: string;
  status: string;
  frequency: string;
  consentSource: string;
  requestedAt: Date;
  confirmedAt: Date | null;
}

const STATUS: Record<string, string> = { pending: 'en attente', confirmed: 'confirmé', unsubscribed: 'désabonné', bounced: 'rejeté (bounce)' };
const FREQUENCY: Record<string, string> = { immediate: 'à chaque article', daily: 'quotidien', weekly: 'hebdomadaire' };
const KIND: Record<string, string> = { alert: 'Alerte', 'daily-digest': 'Résumé quotidien', 'weekly-digest': 'Résumé hebdomadaire' };

function page(siteName: string, actor: Actor, title: string, main: SafeHtml, refreshSeconds?: number): string {
  const nav = html`<nav class="sections" aria-label="Newsletter"><ul>
<li><a href="/admin/newsletter">Envois</a></li>
<li><a href="/admin/newsletter/subscribers">Abonnés</a></li>
<li><a href="/admin/newsletter/import">Importer</a></li>
<li><a href="/admin">Brouillons</a></li>
<li>${actor.name}</li>
</ul></nav>`;
  const head = refreshSeconds ? html`<meta http-equiv="refresh" content="${String(refreshSeconds)}">` : undefined;
  return renderPage({ siteName, title: `${title} — newsletter`, main, nav, head, noindex: true });
}

const percent = (part: number, total: number) => (total ? Math.round((100 * part) / total) : 100);

export function isActive(mailing: Pick<MailingProgress, 'queued' | 'sending'>): boolean {
  return mailing.queued + mailing.sending > 0;
}

function progressCells(m: MailingProgress): SafeHtml {
  return html`<td>${String(m.total)}</td><td>${String(m.queued + m.sending)}</td><td>${String(m.sent)}</td><td>${String(m.failed)}</td><td>${String(m.bounced)}</td><td>${String(m.cancelledMails)}</td>`;
}

export function mailingsPage(siteName: string, actor: Actor, mailings: MailingProgress[], counts: Record<string, number>): string {
  const active = mailings.some(isActive);
  return page(
    siteName,
    actor,
    'Envois',
    html`<h1>Envois de la newsletter</h1>
<p>Abonnés : ${Object.entries(STATUS)
      .map(([status, label]) => `${counts[status] ?? 0} ${label}`)
      .join(' · ')}.</p>
${active ? html`<p class="notice" role="status">Un envoi est en cours : cette page se met à jour toutes les 2 secondes.</p>` : ''}
<table>
<thead><tr><th scope="col">Envoi</th><th scope="col">Créé le</th><th scope="col">Total</th><th scope="col">En file</th><th scope="col">Envoyés</th><th scope="col">Échecs</th><th scope="col">Rejetés</th><th scope="col">Annulés</th></tr></thead>
<tbody>
${mailings.map(
  (m) => html`<tr><td><a href="/admin/newsletter/mailings/${m.id}">${KIND[m.kind] ?? m.kind} — ${m.subject}</a>${m.cancelled ? html` (annulé)` : ''}</td><td>${formatFrenchDateTime(m.createdAt)}</td>${progressCells(m)}</tr>`,
)}
</tbody>
</table>
${mailings.length === 0 ? html`<p>Aucun envoi pour l’instant.</p>` : ''}`,
    active ? 2 : undefined,
  );
}

export function mailingPage(siteName: string, actor: Actor, m: MailingProgress): string {
  const done = m.sent + m.failed + m.bounced + m.cancelledMails;
  return page(
    siteName,
    actor,
    m.subject,
    html`<h1>${KIND[m.kind] ?? m.kind} — ${m.subject}</h1>
<p>Créé le ${formatFrenchDateTime(m.createdAt)}. ${isActive(m) ? 'En cours : cette page se met à jour toutes les 2 secondes.' : 'Terminé.'}</p>
<p><progress max="${String(m.total)}" value="${String(done)}">${String(percent(done, m.total))} %</progress> ${String(percent(done, m.total))} % traités</p>
<table>
<thead><tr><th scope="col">Total</th><th scope="col">En file</th><th scope="col">Envoyés</th><th scope="col">Échecs</th><th scope="col">Rejetés</th><th scope="col">Annulés</th></tr></thead>
<tbody><tr>${progressCells(m)}</tr></tbody>
</table>
<p><a href="/admin/newsletter/mailings/${m.id}/progress.json">Les mêmes chiffres en JSON</a></p>`,
    isActive(m) ? 2 : undefined,
  );
}

export function subscribersPage(
  siteName: string,
  actor: Actor,
  view: { query: string; page: number; pageCount: number; total: number; rows: SubscriberRow[] },
): string {
  const link = (p: number) => `/admin/newsletter/subscribers?${new URLSearchParams({ ...(view.query ? { q: view.query } : {}), page: String(p) })}`;
  return page(
    siteName,
    actor,
    'Abonnés',
    html`<h1>Abonnés</h1>
<form class="stack" method="get" action="/admin/newsletter/subscribers" role="search">
<label>Rechercher une adresse <input type="search" name="q" value="${view.query}" maxlength="254"></label>
<button type="submit">Rechercher</button>
</form>
<p>${String(view.total)} abonné(s)${view.query ? html` pour « ${view.query} »` : ''}.</p>
<table>
<thead><tr><th scope="col">Adresse</th><th scope="col">État</th><th scope="col">Fréquence</th><th scope="col">Origine</th><th scope="col">Demandé le</th><th scope="col">Confirmé le</th></tr></thead>
<tbody>
${view.rows.map(
  (row) =>
    html`<tr><td>${row.email}</td><td>${STATUS[row.status] ?? row.status}</td><td>${FREQUENCY[row.frequency] ?? row.frequency}</td><td>${row.consentSource}</td><td>${formatFrenchDateTime(row.requestedAt)}</td><td>${row.confirmedAt ? formatFrenchDateTime(row.confirmedAt) : '—'}</td></tr>`,
)}
</tbody>
</table>
<nav aria-label="Pages"><p>
${view.page > 1 ? html`<a href="${link(view.page - 1)}" rel="prev">Page précédente</a> ` : ''}Page ${String(view.page)} sur ${String(Math.max(1, view.pageCount))}
${view.page < view.pageCount ? html` <a href="${link(view.page + 1)}" rel="next">Page suivante</a>` : ''}
</p></nav>`,
  );
}

export function importFormPage(siteName: string, actor: Actor, csrfToken: string, error?: string): string {
  return page(
    siteName,
    actor,
    'Importer des abonnés',
    html`<h1>Importer des abonnés (CSV)</h1>
<p>Chaque nouvelle adresse reçoit le courriel de confirmation habituel : elle ne recevra rien tant que son titulaire n’a pas confirmé.
Les adresses déjà connues (en attente, abonnées, désabonnées ou rejetées) sont laissées telles quelles.</p>
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="/admin/newsletter/import" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label>Fichier CSV (une colonne « email » ou les adresses en première colonne) <input type="file" name="file" accept=".csv,text/csv,text/plain" required></label>
<button type="submit">Importer</button>
</form>`,
  );
}

export function importPage(siteName: string, actor: Actor, job: ImportProgress): string {
  const running = job.status === 'running';
  return page(
    siteName,
    actor,
    `Import ${job.fileName}`,
    html`<h1>Import de « ${job.fileName} »</h1>
<p>${running ? 'En cours : cette page se met à jour toutes les 2 secondes.' : `Terminé${job.finishedAt ? ` le ${formatFrenchDateTime(job.finishedAt)}` : ''}.`}</p>
<p><progress max="${String(job.total)}" value="${String(job.processed)}">${String(percent(job.processed, job.total))} %</progress> ${String(job.processed)} / ${String(job.total)} adresses traitées</p>
<ul>
<li>${String(job.added)} nouvelle(s) adresse(s), en attente de confirmation</li>
<li>${String(job.skipped)} déjà connue(s), laissée(s) telles quelles</li>
<li>${String(job.invalid)} ligne(s) sans adresse valable</li>
</ul>`,
    running ? 2 : undefined,
  );
}

export function adminErrorPage(siteName: string, title: string, message: SafeHtml | string): string {
  return renderPage({ siteName, title, noindex: true, main: html`<h1>${title}</h1><p class="notice">${message}</p>` });
}
