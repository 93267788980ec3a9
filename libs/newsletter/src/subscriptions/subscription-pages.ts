import { html, PROOF_OF_WORK_SCRIPT, renderPage, unsafeRaw, type SafeHtml } from '@newsroom/platform';
import { PATHS, type NewsletterSite } from '../newsletter-site';

/** The newsletter's pages, in French, in the site's look. Forms post to the newsletter's own routes. */
function page(site: NewsletterSite, title: string, main: SafeHtml): string {
  return renderPage({ siteName: site.name, title, noindex: true, main });
}

const back = html`<p><a href="/">Retour à l’accueil</a></p>`;

/** The form (also on the site's pages): `website` is a honeypot, hidden from people and from the keyboard. */
export function subscribeFormPage(site: NewsletterSite, options: { email?: string; error?: string; proofOfWork?: { challenge: string; difficulty: number } } = {}): string {
  const pow = options.proofOfWork;
  return page(
    site,
    'Recevoir nos articles par courriel',
    html`<h1>Recevoir nos articles par courriel</h1>
<p>Un courriel à chaque nouvel article de ${site.name}. Vous pourrez vous désabonner en un clic depuis chacun d’eux.</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form class="stack" method="post" action="${PATHS.subscribe}"${pow ? html` data-pow-challenge="${pow.challenge}" data-pow-difficulty="${String(pow.difficulty)}"` : ''}>
<label>Votre adresse électronique <input type="email" name="email" required maxlength="254" autocomplete="email" value="${options.email ?? ''}"></label>
<div class="visually-hidden" aria-hidden="true"><label>Ne pas remplir <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
${pow ? html`<input type="hidden" name="pow_challenge" value="${pow.challenge}"><input type="hidden" name="pow_solution" value="">` : ''}
<button type="submit">S’abonner</button>
</form>
${pow ? html`<script>${unsafeRaw(PROOF_OF_WORK_SCRIPT)}</script>` : ''}`,
  );
}

/** After a request, whatever the address's state: the same words for everyone (no address enumeration). */
export function pendingPage(site: NewsletterSite): string {
  return page(
    site,
    'Vérifiez votre boîte de réception',
    html`<h1>Vérifiez votre boîte de réception…</h1>
<p class="notice">Si cette adresse n’est pas encore abonnée, un courriel vient de lui être envoyé avec un lien de confirmation.
Ouvrez-le et cliquez sur « Confirmer mon abonnement » : sans cette confirmation, vous ne recevrez rien.</p>
<p>Rien reçu dans quelques minutes ? Regardez dans les indésirables, ou refaites la demande.</p>
${back}`,
  );
}

/** What a confirmation link opens: nothing happens until the button is pressed (mail scanners follow links, they do not press buttons). */
export function confirmButtonPage(site: NewsletterSite, token: string): string {
  return page(
    site,
    'Confirmer votre abonnement',
    html`<h1>Confirmer votre abonnement</h1>
<p>Pour recevoir les articles de ${site.name} par courriel, confirmez votre abonnement.</p>
<form class="stack" method="post" action="${PATHS.confirm}">
<input type="hidden" name="token" value="${token}">
<button type="submit">Confirmer mon abonnement</button>
</form>`,
  );
}

export function confirmedPage(site: NewsletterSite): string {
  return page(
    site,
    'Abonnement confirmé',
    html`<h1>Votre abonnement est confirmé.</h1>
<p class="notice">Vous recevrez un courriel à chaque nouvel article de ${site.name}. Chacun contient un lien pour vous désabonner.</p>
${back}`,
  );
}

export function unsubscribeButtonPage(site: NewsletterSite, token: string): string {
  return page(
    site,
    'Se désabonner',
    html`<h1>Se désabonner</h1>
<p>Vous ne recevrez plus les articles de ${site.name} par courriel.</p>
<form class="stack" method="post" action="${PATHS.unsubscribe}">
<input type="hidden" name="token" value="${token}">
<button type="submit">Me désabonner</button>
</form>`,
  );
}

export function unsubscribedPage(site: NewsletterSite): string {
  return page(
    site,
    'Désabonnement enregistré',
    html`<h1>Vous êtes désabonné(e).</h1>
<p class="notice">Vous ne recevrez plus les articles de ${site.name} par courriel.</p>
<p>Changé d’avis ? <a href="${PATHS.subscribe}">Vous abonner à nouveau</a></p>`,
  );
}

/** A link that is malformed, forged, expired, or made for another address. */
export function invalidLinkPage(site: NewsletterSite, kind: 'confirm' | 'unsubscribe'): string {
  const advice =
    kind === 'confirm'
      ? html`<p>Un lien de confirmation est valable 7 jours. <a href="${PATHS.subscribe}">Refaites la demande</a> pour en recevoir un nouveau.</p>`
      : html`<p>Utilisez le lien « Se désabonner » d’un courriel plus récent, ou répondez à l’un de nos courriels pour nous le demander.</p>`;
  return page(
    site,
    'Lien non valable',
    html`<h1>Ce lien n’est pas valable</h1>
<p class="notice">Ce lien est incomplet, a expiré ou ne correspond à aucun abonnement.</p>
${advice}
${back}`,
  );
}

/** A confirmation link of an address that unsubscribed since: only a new request can subscribe it again. */
export function notPendingPage(site: NewsletterSite): string {
  return page(
    site,
    'Lien plus valable',
    html`<h1>Ce lien n’est plus valable</h1>
<p class="notice">Cette adresse s’est désabonnée depuis l’envoi de ce lien.</p>
<p><a href="${PATHS.subscribe}">Refaites la demande</a> pour vous abonner à nouveau.</p>`,
  );
}

export function tooManyRequestsPage(site: NewsletterSite, retryAfterSeconds: number, withoutProofOfWork = false): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const wait = minutes >= 120 ? `${Math.ceil(minutes / 60)} heures` : `${minutes} minute${minutes > 1 ? 's' : ''}`;
  return page(
    site,
    'Trop de demandes',
    html`<h1>Trop de demandes</h1>
<p class="notice">Trop de demandes d’abonnement ont été faites en peu de temps. Merci de réessayer dans ${wait}.</p>
${withoutProofOfWork ? html`<p>Le formulaire de <a href="${PATHS.subscribe}">la page d’abonnement</a> fait une courte vérification automatique dans votre navigateur (JavaScript) : avec elle, vous pouvez vous abonner sans attendre.</p>` : ''}
${back}`,
  );
}
