import type { ShareRequestedV1 } from '@newsroom/contracts';
import { html } from '@newsroom/platform';
import type { NewsletterSite } from '../newsletter-site';
import { emailHtml } from '../sending/email-layout';
import { oneLine } from '../sending/mail-headers';
import type { MailContent } from '../sending/mail-queue';

const LINK_REMOVED = '[lien retiré]';

/**
 * What a reader typed (a name, a note) can carry no link: an article suggestion must not become a way to
 * send anyone a spam link from the site's address. Addresses that mail clients would turn into links
 * (a scheme, or www.) are replaced.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*/gi, LINK_REMOVED);
}

/**
 * "Suggest To A Friend": one email to the friend, from the site's address (never the reader's), naming who
 * suggested it as they named themselves, with their note as plain text and the article's link as the only link
 * besides the site's and the friend's own "no more suggestions" link (also the List-Unsubscribe header).
 */
export function shareMail(share: Pick<ShareRequestedV1, 'senderName' | 'title' | 'url' | 'note'>, site: NewsletterSite, noSuggestionsUrl: string): MailContent {
  const sender = oneLine(withoutLinks(share.senderName));
  const title = oneLine(share.title);
  const note = share.note ? withoutLinks(share.note).trim() : '';
  const subject = oneLine(`${sender} vous suggère : ${title}`);
  const stop = 'Pour ne plus jamais recevoir de suggestions d’articles envoyées depuis notre site :';
  const who =
    `Ce courriel vous a été envoyé par ${site.name} à la demande d’une personne qui a saisi votre adresse sur notre site ` +
    'et s’est présentée sous ce nom, que nous n’avons pas vérifié. Ce n’est pas un abonnement : cette suggestion ne sera suivie d’aucun autre envoi.';

  const textBody = [
    'Bonjour,',
    '',
    `${sender} vous suggère cet article de ${site.name} :`,
    '',
    title,
    share.url,
    '',
    ...(note ? [`Son message :`, note, ''] : []),
    '-- ',
    who,
    `${stop} ${noSuggestionsUrl}`,
    `${site.name} — ${site.publicUrl}`,
    '',
  ].join('\n');

  const htmlBody = emailHtml({
    title: subject,
    siteName: site.name,
    body: html`<p>Bonjour,</p>
<p>${sender} vous suggère cet article de ${site.name} :</p>
<p style="font-size:1.2rem;line-height:1.3"><a href="${share.url}" style="color:#8a1c1c">${title}</a></p>
${note ? html`<p style="margin-bottom:.25rem">Son message :</p><blockquote style="margin:0;padding:.5rem 1rem;border-left:4px solid #d9dde5;white-space:pre-line">${note}</blockquote>` : ''}`,
    footer: html`<p>${who}</p>
<p>${stop} <a href="${noSuggestionsUrl}" style="color:#5b6475">ne plus recevoir de suggestions</a></p>
<p><a href="${site.publicUrl}" style="color:#5b6475">${site.name}</a></p>`,
  });

  // RFC 8058 one-click: a mail client's "unsubscribe" button refuses suggestions for good.
  return { subject, textBody, htmlBody, headers: { 'List-Unsubscribe': `<${noSuggestionsUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}
