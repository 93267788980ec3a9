import { type Actor, formatFrenchDateTime, html } from '@newsroom/platform';
import { MIN_PASSWORD_LENGTH, ROLES, type UserView } from '../accounts/user-accounts';
import type { SectionConfig } from '../site/site.entity';
import { M } from './admin-messages';
import { page } from './admin-pages';

/** The administrators' pages: the site's sections and the accounts. */

interface Signed {
  siteName: string;
  actor: Actor;
  csrfToken: string;
  notice?: { text: string; error?: boolean };
}

const noticeOf = (notice: Signed['notice']) => (notice ? html`<p class="notice${notice.error ? ' error' : ''}" role="${notice.error ? 'alert' : 'status'}">${notice.text}</p>` : '');

/** One row per section (and an empty one to add a section): the whole list is saved at once, as the API does. */
export function sectionsPage(options: Signed & { sections: readonly SectionConfig[]; updatedBy: string; updatedAt: Date }): string {
  const { siteName, actor, csrfToken, notice, sections } = options;
  const row = (s: SectionConfig | null, i: number) => html`<fieldset>
<legend>${s ? M.sections.row(i + 1) : M.sections.newRow}</legend>
<label for="position-${i}">${M.sections.position}</label><input id="position-${i}" name="position_${i}" type="number" min="1" max="200" value="${String(i + 1)}">
<label for="nom-${i}">${M.sections.name}</label><input id="nom-${i}" name="name_${i}" maxlength="200" value="${s?.name ?? ''}">
<label for="adresse-${i}">${M.sections.slug}</label><input id="adresse-${i}" name="slug_${i}" maxlength="100" value="${s?.slug ?? ''}">
<label for="graphies-${i}">${M.sections.aliases}</label><input id="graphies-${i}" name="aliases_${i}" maxlength="5000" value="${s?.aliases.join(', ') ?? ''}">
<label><input type="checkbox" name="nav_${i}" value="1"${!s || s.inNavigation ? html` checked` : ''}> ${M.sections.inNavigation}</label>
</fieldset>`;
  return page(
    siteName,
    M.sections.title,
    html`<h1>${M.sections.title}</h1>
${noticeOf(notice)}
<p class="meta">${M.sections.updated(options.updatedBy, formatFrenchDateTime(options.updatedAt))}</p>
<p>${M.sections.intro}</p>
<form class="stack" method="post" action="/admin/rubriques">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="hidden" name="rows" value="${String(sections.length + 1)}">
${sections.map((s, i) => row(s, i))}
${row(null, sections.length)}
<button type="submit">${M.sections.save}</button>
</form>`,
    { actor, csrfToken },
  );
}

/** The sections as the form sends them (`name_0`, `slug_0`…), in the chosen order, blank names dropped; the API's schema checks them next. */
export function sectionsFromForm(form: Record<string, unknown>): unknown[] {
  const text = (key: string) => (typeof form[key] === 'string' ? (form[key] as string).trim() : '');
  const rows = Math.min(200, Number(text('rows')) || 0);
  const list: Array<{ at: number; moved: boolean; section: unknown }> = [];
  for (let i = 0; i < rows; i++) {
    const name = text(`name_${i}`);
    if (!name) continue;
    const aliases = text(`aliases_${i}`).split(',').map((a) => a.trim()).filter(Boolean);
    const at = Number(text(`position_${i}`)) || i + 1;
    list.push({ at, moved: at !== i + 1, section: { slug: text(`slug_${i}`), name, aliases, inNavigation: form[`nav_${i}`] !== undefined } });
  }
  // A section given another place goes there, before the one that was in it.
  return list.sort((a, b) => a.at - b.at || Number(b.moved) - Number(a.moved)).map((entry) => entry.section);
}

const roleOptions = (selected: string) => ROLES.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${M.roles[r]}</option>`);

export function usersPage(options: Signed & { users: readonly UserView[] }): string {
  const { siteName, actor, csrfToken, notice, users } = options;
  const rows = users.map(
    (u) => html`<tr>
<td>${u.name}</td><td>${u.email}</td><td>${M.roles[u.role]}</td><td>${u.active ? M.users.active : M.users.inactive}</td>
<td><form method="post" action="/admin/utilisateurs/${u.id}" class="inline">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label class="visually-hidden" for="role-${u.id}">${M.users.changeRole(u.name)}</label>
<select id="role-${u.id}" name="role">${roleOptions(u.role)}</select>
<button type="submit" name="action" value="role" aria-label="${M.users.actionOn(M.users.saveRole, u.name)}">${M.users.saveRole}</button>
<button type="submit" name="action" value="${u.active ? 'deactivate' : 'reactivate'}" aria-label="${M.users.actionOn(u.active ? M.users.deactivate : M.users.reactivate, u.name)}">${u.active ? M.users.deactivate : M.users.reactivate}</button>
</form></td>
</tr>`,
  );
  return page(
    siteName,
    M.users.title,
    html`<h1>${M.users.title}</h1>
${noticeOf(notice)}
<table class="users"><caption>${M.users.list}</caption>
<thead><tr><th scope="col">${M.users.name}</th><th scope="col">${M.users.email}</th><th scope="col">${M.users.role}</th><th scope="col">${M.users.status}</th><th scope="col">${M.users.change}</th></tr></thead>
<tbody>${rows}</tbody></table>
<section aria-labelledby="nouveau"><h2 id="nouveau">${M.users.create}</h2>
<form class="stack" method="post" action="/admin/utilisateurs/nouveau">
<input type="hidden" name="_csrf" value="${csrfToken}">
<label for="nouveau-nom">${M.users.name}</label><input id="nouveau-nom" name="name" required maxlength="200">
<label for="nouveau-email">${M.users.email}</label><input id="nouveau-email" name="email" type="email" required maxlength="254" autocomplete="off">
<label for="nouveau-role">${M.users.role}</label><select id="nouveau-role" name="role">${roleOptions('contributor')}</select>
<label for="nouveau-mdp">${M.users.password(MIN_PASSWORD_LENGTH)}</label><input id="nouveau-mdp" name="password" type="password" required minlength="${String(MIN_PASSWORD_LENGTH)}" maxlength="1024" autocomplete="new-password">
<button type="submit">${M.users.submit}</button>
</form></section>`,
    { actor, csrfToken },
  );
}
