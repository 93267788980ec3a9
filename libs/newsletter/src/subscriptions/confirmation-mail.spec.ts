import * as cheerio from 'cheerio';
import type { NewsletterSite } from '../newsletter-site';
import { confirmationMail } from './confirmation-mail';

describe('confirmationMail', () => {
  const site: NewsletterSite = { name: 'Ambassade <de France>', publicUrl: 'https://news.example.org', host: 'news.example.org', mailFrom: 'x@example.org' };
  const link = 'https://news.example.org/newsletter/confirm?token=abc.def';
  const mail = confirmationMail(site, link);

  it('asks to confirm, in French, with the link as the only link', () => {
    expect(mail.subject).toBe('Confirmez votre abonnement à Ambassade <de France>');
    expect(mail.textBody).toContain(`:\n${link}\n`);
    expect(mail.textBody).toContain('valable 7 jours');
    const $ = cheerio.load(mail.htmlBody);
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([link]);
    expect(mail.htmlBody).not.toContain('<de France>');
    expect(mail.headers).toBeUndefined();
  });
});
