import * as cheerio from 'cheerio';
import type { NewsletterSite } from '../newsletter-site';
import { PREFERENCES_URL_PLACEHOLDER as Q, UNSUBSCRIBE_URL_PLACEHOLDER as P } from '../sending/personalise';
import { alertMail } from './alert-mail';

const site: NewsletterSite = { name: 'Mairie de Saint-Aubin', publicUrl: 'https://news.example.org', host: 'news.example.org', mailFrom: 'x@example.org' };
const article = {
  title: 'Travaux rue des Tilleuls : <script>alert(1)</script> & coupures',
  summary: 'L’eau sera coupée chaque mardi matin.',
  url: 'https://news.example.org/articles/travaux-rue-des-tilleuls',
  publishedOn: '2024-05-01',
  section: 'Vie locale',
};

describe('alertMail', () => {
  const mail = alertMail(article, site);

  it('is titled after the article', () => {
    expect(mail.subject).toBe(article.title);
  });

  it('says in plain text what, when, where to read it, and how to stop', () => {
    expect(mail.textBody).toBe(
      [
        article.title,
        '1er mai 2024 — Vie locale',
        '',
        article.summary,
        '',
        `Lire l'article : ${article.url}`,
        '',
        '-- ',
        'Vous recevez ce courriel car vous êtes abonné(e) aux articles de Mairie de Saint-Aubin.',
        `Gérer mes préférences : ${Q}`,
        `Se désabonner : ${P}`,
        '',
      ].join('\n'),
    );
  });

  it('says the same in HTML, every value escaped, with three links: the article, the preferences and unsubscribe placeholders', () => {
    const $ = cheerio.load(mail.htmlBody);
    expect($('html').attr('lang')).toBe('fr');
    expect($('h1').text()).toBe(article.title);
    expect($('time').attr('datetime')).toBe('2024-05-01');
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([article.url, Q, P]);
    expect($('meta[name=color-scheme]').attr('content')).toBe('light dark');
    expect($('meta[name=viewport]').attr('content')).toContain('width=device-width');
    expect(mail.htmlBody).not.toContain('<script>');
    expect($('body').text()).toContain(`Lire l'article : ${article.url}`);
  });

  it('carries the one-click unsubscribe headers and the List-Id, wire-ready', () => {
    expect(mail.headers).toEqual({
      'List-Unsubscribe': `<${P}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'List-Id': 'Mairie de Saint-Aubin <newsletter.news.example.org>',
    });
  });

  it('never lets the article’s text hold the placeholder, so only the footer gets a link', () => {
    const sneaky = alertMail({ ...article, summary: `Cliquez ${P} ${Q}`, title: `Titre ${P}` }, site);
    expect(sneaky.textBody.split(P)).toHaveLength(2);
    expect(sneaky.htmlBody.split(P)).toHaveLength(2);
    expect(sneaky.textBody.split(Q)).toHaveLength(2);
    expect(sneaky.subject).toBe('Titre');
  });

  it('leaves out what an article does not have', () => {
    const bare = alertMail({ ...article, section: null, summary: '' }, site);
    expect(bare.textBody.split('\n').slice(0, 4)).toEqual([article.title, '1er mai 2024', '', `Lire l'article : ${article.url}`]);
  });
});
