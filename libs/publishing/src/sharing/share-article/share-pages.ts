import { html, PROOF_OF_WORK_SCRIPT, type SafeHtml, unsafeRaw } from '@newsroom/platform';
import { articlePath, breadcrumb, type Site, sitePage, type SiteSection } from '@newsroom/site-theme';
import type { PublishedArticle } from '../../articles/published-article.query';
import { NAME_MAX_LENGTH, NOTE_MAX_LENGTH, type ShareField, type ShareFormValues } from './share-form';

type SharedArticle = Pick<PublishedArticle, 'slug' | 'title' | 'section'>;

export interface ShareFormState {
  /** A fresh form token. */
  token: string;
  values?: ShareFormValues;
  errors?: Partial<Record<ShareField, string>>;
  /** The token was missing, expired or for another article. */
  tokenRejected?: boolean;
  /** A fresh proof-of-work challenge, solved by the page's inline script (see ShareProtection). */
  proofOfWork?: { challenge: string; difficulty: number };
  /** The proof of work was forged, unsolved or already used (a form sent twice). */
  proofRejected?: boolean;
}

/** The "Suggest To A Friend" form, blank or with what was typed and a French message next to each wrong field. */
export function renderShareForm(article: SharedArticle, site: Site, state: ShareFormState, sections: readonly SiteSection[] = []): string {
  const { values = {}, errors = {} } = state;
  const field = (name: ShareField, label: string, control: (attributes: SafeHtml) => SafeHtml) => {
    const error = errors[name];
    const attributes = error ? html` id="${name}" name="${name}" aria-invalid="true" aria-describedby="${name}-error"` : html` id="${name}" name="${name}"`;
    return html`<div class="field">
<label for="${name}">${label}</label>
${control(attributes)}
${error ? html`<p class="error" id="${name}-error">${error}</p>` : ''}
</div>`;
  };
  const pow = state.proofOfWork;
  const problem = state.tokenRejected
    ? 'Ce formulaire a expiré ou n’est plus valable. Vérifiez les champs, puis envoyez-le à nouveau.'
    : state.proofRejected
      ? 'Ce formulaire a déjà été envoyé ou n’a pas pu être vérifié. Vérifiez les champs, puis envoyez-le à nouveau.'
      : Object.keys(errors).length
      ? 'Le formulaire contient des erreurs : corrigez les champs signalés.'
      : null;
  return sitePage(site, {
    lang: 'fr',
    sections,
    title: 'Suggérer cet article à un ami',
    noindex: true,
    main: html`${breadcrumb(article.section, { sections })}
<h1>Suggérer cet article à un ami</h1>
<p>Article : <a href="${articlePath(article.slug)}">${article.title}</a></p>
${problem ? html`<p class="notice error" role="alert">${problem}</p>` : ''}
<form class="stack" method="post" action="${articlePath(article.slug)}/share"${pow ? html` data-pow-challenge="${pow.challenge}" data-pow-difficulty="${String(pow.difficulty)}"` : ''}>
${field('friendEmail', 'Adresse électronique de votre ami', (a) => html`<input type="email"${a} required maxlength="254" autocomplete="off" value="${values.friendEmail ?? ''}">`)}
${field('senderName', 'Votre nom', (a) => html`<input type="text"${a} required maxlength="${NAME_MAX_LENGTH}" autocomplete="name" value="${values.senderName ?? ''}">`)}
${field(
  'note',
  `Un mot pour votre ami (facultatif, ${NOTE_MAX_LENGTH} caractères au plus, sans lien)`,
  (a) => html`<textarea${a} rows="4" maxlength="${NOTE_MAX_LENGTH}">${values.note ?? ''}</textarea>`,
)}
<div class="visually-hidden" aria-hidden="true"><label>Ne pas remplir <input type="text" name="website" tabindex="-1" autocomplete="off"></label></div>
<input type="hidden" name="formToken" value="${state.token}">
${pow ? html`<input type="hidden" name="pow_challenge" value="${pow.challenge}"><input type="hidden" name="pow_solution" value="">` : ''}
<button type="submit">Envoyer la suggestion</button>
</form>
${pow ? html`<script>${unsafeRaw(PROOF_OF_WORK_SCRIPT)}</script>` : ''}
<p class="meta">Votre ami recevra un seul courriel avec le lien vers cet article, votre nom et votre mot. Son adresse n’est pas conservée.</p>`,
  });
}

/** Shown after a suggestion was accepted. */
export function renderShareSent(article: SharedArticle, site: Site, sections: readonly SiteSection[] = []): string {
  return sitePage(site, {
    lang: 'fr',
    sections,
    title: 'Suggestion envoyée',
    noindex: true,
    main: html`${breadcrumb(article.section, { sections })}
<h1>Suggestion envoyée</h1>
<p class="notice" role="status">Merci, votre suggestion a été envoyée à votre ami.</p>
<p><a href="${articlePath(article.slug)}">Retour à l’article « ${article.title} »</a></p>`,
  });
}

/** The answer when a limit is reached (429): the same words whichever limit it is, so it tells nothing about the friend. */
export function renderShareLimited(article: SharedArticle, site: Site, retryAfterSeconds: number, sections: readonly SiteSection[] = []): string {
  const hours = retryAfterSeconds / 3600;
  const wait = hours >= 1 ? `${Math.ceil(hours)} heure${Math.ceil(hours) > 1 ? 's' : ''}` : `${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minute${retryAfterSeconds > 60 ? 's' : ''}`;
  return sitePage(site, {
    lang: 'fr',
    sections,
    title: 'Trop de demandes',
    noindex: true,
    main: html`${breadcrumb(article.section, { sections })}
<h1>Trop de demandes</h1>
<p class="notice" role="alert">Trop de suggestions ont été envoyées récemment (depuis votre connexion, en votre nom, à cette adresse ou sur l’ensemble du site). Votre suggestion n’a pas été envoyée : merci de réessayer dans ${wait}.</p>
<p><a href="${articlePath(article.slug)}">Retour à l’article « ${article.title} »</a></p>`,
  });
}
