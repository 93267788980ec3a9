import type { ArticlePublishedV1 } from '@newsroom/contracts';
import { formatFrenchDate, html } from '@newsroom/platform';
import type { NewsletterSite } from '../newsletter-site';
import { emailHtml, subscriberFooter, subscriberHeaders } from '../sending/email-layout';
import { listIdHeader, oneLine } from '../sending/mail-headers';
import type { MailContent } from '../sending/mail-queue';
import { withoutPlaceholder } from '../sending/personalise';

/**
 * The alert for a newly published article, the same for every subscriber but for their own links
 * (unsubscribe, preferences), which stay placeholders here (each row gets its own signed links when it is
 * sent). Subject: the title.
 */
export function alertMail(article: Pick<ArticlePublishedV1, 'title' | 'summary' | 'url' | 'publishedOn' | 'section'>, site: NewsletterSite): MailContent {
  const title = oneLine(withoutPlaceholder(article.title));
  const summary = withoutPlaceholder(article.summary).trim();
  const section = article.section ? oneLine(withoutPlaceholder(article.section)) : null;
  const date = formatFrenchDate(article.publishedOn);
  const footer = subscriberFooter(`Vous recevez ce courriel car vous êtes abonné(e) aux articles de ${site.name}.`);

  const textBody = [title, section ? `${date} — ${section}` : date, '', ...(summary ? [summary, ''] : []), `Lire l'article : ${article.url}`, '', ...footer.text].join('\n');

  const htmlBody = emailHtml({
    title,
    siteName: site.name,
    body: html`<h1 style="font-size:1.5rem;line-height:1.3;margin:.25rem 0 .5rem">${title}</h1>
<p class="muted" style="margin:0 0 1rem;font:.9rem system-ui,sans-serif;color:#5b6475"><time datetime="${article.publishedOn}">${date}</time>${section ? html` — ${section}` : ''}</p>
${summary ? html`<p>${summary}</p>` : ''}
<p>Lire l'article : <a href="${article.url}" style="color:#8a1c1c">${article.url}</a></p>`,
    footer: footer.html,
  });

  return { subject: title, textBody, htmlBody, headers: subscriberHeaders(listIdHeader(site.name, site.host)) };
}
