import { html } from '@newsroom/platform';
import type { NewsletterSite } from '../newsletter-site';
import { emailHtml } from '../sending/email-layout';
import { oneLine } from '../sending/mail-headers';
import type { MailContent } from '../sending/mail-queue';

/** The email that asks an address to confirm its subscription. It says nothing of the address's state (none is known to the requester). */
export function confirmationMail(site: NewsletterSite, confirmUrl: string): MailContent {
  const subject = oneLine(`Confirmez votre abonnement à ${site.name}`);
  const textBody = [
    'Bonjour,',
    '',
    `Une demande d’abonnement aux articles de ${site.name} a été faite avec cette adresse électronique.`,
    '',
    'Pour la confirmer, ouvrez ce lien puis cliquez sur « Confirmer mon abonnement » :',
    confirmUrl,
    '',
    'Ce lien est valable 7 jours. Si vous n’êtes pas à l’origine de cette demande, ignorez ce courriel : vous ne recevrez rien d’autre.',
    '',
    '-- ',
    `${site.name} — ${site.publicUrl}`,
    '',
  ].join('\n');
  const htmlBody = emailHtml({
    title: subject,
    siteName: site.name,
    body: html`<h1 style="font-size:1.4rem;line-height:1.3">Confirmez votre abonnement</h1>
<p>Une demande d’abonnement aux articles de ${site.name} a été faite avec cette adresse électronique.</p>
<p>Pour la confirmer, ouvrez ce lien puis cliquez sur « Confirmer mon abonnement » :</p>
<p><a href="${confirmUrl}" style="color:#8a1c1c">${confirmUrl}</a></p>
<p>Ce lien est valable 7 jours.</p>`,
    footer: html`<p>Si vous n’êtes pas à l’origine de cette demande, ignorez ce courriel : vous ne recevrez rien d’autre.</p>`,
  });
  return { subject, textBody, htmlBody };
}
