import * as cheerio from 'cheerio';
import type { NewsletterSite } from '../newsletter-site';
import { PREFERENCES_URL_PLACEHOLDER as Q, UNSUBSCRIBE_URL_PLACEHOLDER as P } from '../sending/personalise';
import { digestMail } from './digest-mail';

const site: NewsletterSite = { name: 'Mairie de Saint-Aubin', publicUrl: 'https://news.example.org', host: 'news.example.org', mailFrom: 'x@example.org' };
const articles = [
  { title: 'Le marché <de Noël> ouvre', summary: 'Samedi, place de l’Église.', url: 'https://news.example.org/articles/marche', publishedOn: '2024-05-02', section: 'Vie locale' },
  { title: 'La bibliothèque étend ses horaires', summary: '', url: 'https://news.example.org/articles/bibliotheque', publishedOn: '2024-05-01', section: null },
];

describe('digestMail', () => {
  it('lists every article with its link, in text and HTML, escaped, with the subscriber’s links', () => {
    const mail = digestMail(articles, site, { kind: 'daily-digest', localDate: '2024-05-02' });
    expect(mail.subject).toBe('Mairie de Saint-Aubin : 2 articles du 2 mai 2024');
    expect(mail.textBody).toContain('Les articles du 2 mai 2024\n\nLe marché <de Noël> ouvre\n2 mai 2024 — Vie locale\nSamedi, place de l’Église.\nLire l\'article : https://news.example.org/articles/marche\n');
    expect(mail.textBody).toContain('La bibliothèque étend ses horaires\n1er mai 2024\nLire l\'article');
    expect(mail.textBody).toContain(`Se désabonner : ${P}`);
    const $ = cheerio.load(mail.htmlBody);
    expect($('h2').map((_, h) => $(h).text()).get()).toEqual(['Le marché <de Noël> ouvre', 'La bibliothèque étend ses horaires']);
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([articles[0].url, articles[1].url, Q, P]);
    expect(mail.htmlBody).not.toContain('<de Noël>');
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
  });

  it('says weekly, and one article in the singular', () => {
    const mail = digestMail(articles.slice(0, 1), site, { kind: 'weekly-digest', localDate: '2024-05-06' });
    expect(mail.subject).toBe('Mairie de Saint-Aubin : un article de la semaine, au 6 mai 2024');
    expect(mail.textBody).toContain('résumé hebdomadaire');
  });

  it('refuses to write an empty digest', () => {
    expect(() => digestMail([], site, { kind: 'daily-digest', localDate: '2024-05-02' })).toThrow('at least one');
  });
});
