import { html, renderPage, type SafeHtml } from '@newsroom/platform';
import type { SiteSection } from '../../articles/article-read-model';
import { PATHS, type NewsletterSite } from '../../newsletter-site';
import type { Frequency, SubscriberStatus } from '../subscriber';
import { LANGUAGES } from './preferences-input';

function page(site: NewsletterSite, title: string, main: SafeHtml): string {
  return renderPage({ siteName: site.name, title, noindex: true, main });
}

const FREQUENCY_LABELS: Record<Frequency, string> = {
  immediate: 'Un courriel à chaque article publié',
  daily: 'Un résumé par jour',
  weekly: 'Un résumé par semaine',
};

const STATUS_LABELS: Record<SubscriberStatus, string> = {
  pending: 'en attente de confirmation',
  confirmed: 'abonné(e)',
  unsubscribed: 'désabonné(e)',
  bounced: 'suspendu(e) : notre serveur de courriel n’a pas pu distribuer nos messages à cette adresse',
};

export interface PreferencesView {
  token: string;
  unsubscribeToken: string;
  email: string;
  status: SubscriberStatus;
  frequency: Frequency;
  sections: string[];
  language: string | null;
  siteSections: SiteSection[];
  notice?: string;
  error?: string;
}

/** The subscriber's page: preferences, resubscription, export and erasure. Reached only through a signed link. */
export function preferencesPage(site: NewsletterSite, view: PreferencesView): string {
  const action = PATHS.preferences;
  return page(
    site,
    'Vos préférences',
    html`<h1>Vos préférences</h1>
<p>Adresse : <strong>${view.email}</strong> — ${STATUS_LABELS[view.status]}.</p>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ''}
${
  view.status === 'unsubscribed'
    ? html`<form class="stack" method="post" action="${action}/resubscribe">
<input type="hidden" name="token" value="${view.token}">
<p>Vous ne recevez plus nos articles. Vous pouvez vous réabonner en un clic.</p>
<button type="submit">Me réabonner</button>
</form>`
    : ''
}
<form class="stack" method="post" action="${action}">
<input type="hidden" name="token" value="${view.token}">
<fieldset><legend>Fréquence</legend>
${(Object.keys(FREQUENCY_LABELS) as Frequency[]).map(
  (frequency) => html`<label><input type="radio" name="frequency" value="${frequency}"${view.frequency === frequency ? html` checked` : ''}> ${FREQUENCY_LABELS[frequency]}</label>`,
)}
</fieldset>
${
  view.siteSections.length
    ? html`<fieldset><legend>Rubriques (aucune cochée : toutes)</legend>
${view.siteSections.map(
  (section) => html`<label><input type="checkbox" name="sections" value="${section.slug}"${view.sections.includes(section.slug) ? html` checked` : ''}> ${section.name}</label>`,
)}
</fieldset>`
    : ''
}
<label>Langue des articles
<select name="language">
<option value=""${view.language === null ? html` selected` : ''}>Toutes les langues</option>
${LANGUAGES.map((language) => html`<option value="${language.code}"${view.language === language.code ? html` selected` : ''}>${language.label}</option>`)}
</select></label>
<button type="submit">Enregistrer mes préférences</button>
</form>
<h2>Vos données</h2>
<form class="stack" method="post" action="${action}/export">
<input type="hidden" name="token" value="${view.token}">
<p>Téléchargez tout ce que nous conservons sur vous (adresse, préférences, dates et origine de vos consentements, courriels envoyés).</p>
<button type="submit">Télécharger mes données (JSON)</button>
</form>
<form class="stack" method="post" action="${action}/erase">
<input type="hidden" name="token" value="${view.token}">
<p>Effacer vos données supprime votre abonnement et son historique. Cette action est définitive.</p>
<label><input type="checkbox" name="confirm" value="oui" required> Je comprends que mes données seront effacées</label>
<button type="submit">Effacer mes données</button>
</form>
${
  view.status === 'confirmed' || view.status === 'pending'
    ? html`<form class="stack" method="post" action="${PATHS.unsubscribe}">
<input type="hidden" name="token" value="${view.unsubscribeToken}">
<button type="submit">Me désabonner</button>
</form>`
    : ''
}`,
  );
}

export function erasedPage(site: NewsletterSite): string {
  return page(
    site,
    'Données effacées',
    html`<h1>Vos données sont effacées.</h1>
<p class="notice">Vous ne recevrez plus aucun courriel de ${site.name}.</p>
<p><a href="${PATHS.subscribe}">Vous abonner à nouveau</a></p>`,
  );
}

export function invalidPreferencesLinkPage(site: NewsletterSite): string {
  return page(
    site,
    'Lien non valable',
    html`<h1>Ce lien n’est pas valable</h1>
<p class="notice">Ce lien est incomplet, a expiré ou ne correspond à aucun abonnement.</p>
<p>Utilisez le lien « Gérer mes préférences » d’un courriel plus récent.</p>`,
  );
}
