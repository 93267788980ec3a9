import { formatFrenchDate, html } from '@newsroom/platform';
import type { NewsletterSite } from '../newsletter-site';
import { emailHtml, subscriberFooter, subscriberHeaders } from '../sending/email-layout';
import { listIdHeader, oneLine } from '../sending/mail-headers';
import type { MailContent } from '../sending/mail-queue';
import { withoutPlaceholder } from '../sending/personalise';
import type { DigestKind } from './digest-schedule';

export interface DigestEntry {
  title: string;
  summary: string;
  url: string;
  publishedOn: string;
  section: string | null;
}

/**
 * A digest: several articles in one email, newest first, each with its date, section, summary and link.
 * The same for every subscriber with the same articles but for their own links (placeholders here).
 */
export function digestMail(articles: readonly DigestEntry[], site: NewsletterSite, period: { kind: DigestKind; localDate: string }): MailContent {
  if (articles.length === 0) throw new Error('a digest lists at least one article');
  const date = formatFrenchDate(period.localDate);
  const count = articles.length === 1 ? 'un article' : `${articles.length} articles`;
  const subject =
    period.kind === 'daily-digest' ? oneLine(`${site.name} : ${count} du ${date}`) : oneLine(`${site.name} : ${count} de la semaine, au ${date}`);
  const heading = period.kind === 'daily-digest' ? `Les articles du ${date}` : `Les articles de la semaine, au ${date}`;
  const why = `Vous recevez ce résumé ${period.kind === 'daily-digest' ? 'quotidien' : 'hebdomadaire'} car vous êtes abonné(e) aux articles de ${site.name}.`;
  const footer = subscriberFooter(why);
  const entries = articles.map((article) => {
    const title = oneLine(withoutPlaceholder(article.title));
    const section = article.section ? oneLine(withoutPlaceholder(article.section)) : null;
    const published = formatFrenchDate(article.publishedOn);
    return { title, section, published, summary: withoutPlaceholder(article.summary).trim(), url: article.url, publishedOn: article.publishedOn };
  });

  const textBody = [
    heading,
    '',
    ...entries.flatMap((entry) => [
      entry.title,
      entry.section ? `${entry.published} — ${entry.section}` : entry.published,
      ...(entry.summary ? [entry.summary] : []),
      `Lire l'article : ${entry.url}`,
      '',
    ]),
    ...footer.text,
  ].join('\n');

  const htmlBody = emailHtml({
    title: subject,
    siteName: site.name,
    body: html`<h1 style="font-size:1.4rem;line-height:1.3;margin:.25rem 0 1rem">${heading}</h1>
${entries.map(
  (entry) => html`<div style="margin:0 0 1.5rem">
<h2 style="font-size:1.15rem;line-height:1.3;margin:0 0 .25rem"><a href="${entry.url}" style="color:#8a1c1c">${entry.title}</a></h2>
<p class="muted" style="margin:0 0 .5rem;font:.85rem system-ui,sans-serif;color:#5b6475"><time datetime="${entry.publishedOn}">${entry.published}</time>${entry.section ? html` — ${entry.section}` : ''}</p>
${entry.summary ? html`<p style="margin:0">${entry.summary}</p>` : ''}
</div>`,
)}`,
    footer: footer.html,
  });

  return { subject, textBody, htmlBody, headers: subscriberHeaders(listIdHeader(site.name, site.host)) };
}
