import * as cheerio from 'cheerio';
import type { NewsletterSite } from '../newsletter-site';
import { shareMail, withoutLinks } from './share-mail';

const site: NewsletterSite = { name: 'Mairie de Saint-Aubin', publicUrl: 'https://news.example.org', host: 'news.example.org', mailFrom: 'x@example.org' };
const share = {
  senderName: 'Jeanne Lefèvre',
  title: 'Rue des Tilleuls : trois semaines de travaux',
  url: 'https://news.example.org/articles/rue-des-tilleuls',
  note: 'Marc, c’est ta rue !\nPense aux bouteilles <b>lundi</b> & mardi.',
};

const stopUrl = 'https://news.example.org/newsletter/no-suggestions?token=abc.def';

describe('shareMail', () => {
  const mail = shareMail(share, site, stopUrl);

  it('is one line: “<sender> vous suggère : <title>”', () => {
    expect(mail.subject).toBe('Jeanne Lefèvre vous suggère : Rue des Tilleuls : trois semaines de travaux');
  });

  it('says who suggested what, with the note as plain text and the article link', () => {
    expect(mail.textBody).toContain('Jeanne Lefèvre vous suggère cet article de Mairie de Saint-Aubin :');
    expect(mail.textBody).toContain(`${share.title}\n${share.url}\n`);
    expect(mail.textBody).toContain(`Son message :\n${share.note}\n`);
  });

  it('carries a way to never receive suggestions again (a link, and the one-click headers), and says the name is not verified', () => {
    expect(mail.textBody).toContain(`Pour ne plus jamais recevoir de suggestions d’articles envoyées depuis notre site : ${stopUrl}`);
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${stopUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(mail.textBody).toContain('que nous n’avons pas vérifié');
  });

  it('escapes the note in HTML; the only links are the article, the opt-out and the site', () => {
    const $ = cheerio.load(mail.htmlBody);
    expect($('blockquote').text()).toBe(share.note);
    expect($('blockquote b')).toHaveLength(0);
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([share.url, stopUrl, site.publicUrl]);
  });

  it('removes links from what the reader typed, and line breaks from the subject', () => {
    const spam = shareMail({ ...share, senderName: 'Gagnez sur www.casino.example\r\nBcc: tous@example.org', note: 'Voir https://spam.example/x et HTTP://AUTRE.example' }, site, stopUrl);
    expect(spam.subject).toBe('Gagnez sur [lien retiré] Bcc: tous@example.org vous suggère : Rue des Tilleuls : trois semaines de travaux');
    expect(spam.textBody).not.toMatch(/spam\.example|casino|AUTRE/);
    const $ = cheerio.load(spam.htmlBody);
    expect($('a').map((_, a) => $(a).attr('href')).get()).toEqual([share.url, stopUrl, site.publicUrl]);
  });

  it('has no “message” paragraph without a note', () => {
    const bare = shareMail({ ...share, note: null }, site, stopUrl);
    expect(bare.textBody).not.toContain('Son message');
    expect(cheerio.load(bare.htmlBody)('blockquote')).toHaveLength(0);
  });
});

describe('withoutLinks', () => {
  it.each([
    ['voir https://a.example/b?c=d', 'voir [lien retiré]'],
    ['ftp://x.example', '[lien retiré]'],
    ['www.example.org, merci', '[lien retiré] merci'],
    ['Jean-Pierre M. Dupont', 'Jean-Pierre M. Dupont'],
  ])('%j → %j', (text, expected) => expect(withoutLinks(text)).toBe(expected));
});
