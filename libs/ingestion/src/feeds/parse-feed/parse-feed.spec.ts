import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseCommunique } from '../../normalise';
import { entryDocument, isoDateTime } from './entry-document';
import { FeedError, parseFeed } from './parse-feed';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('parseFeed', () => {
  it('reads an RSS 2.0 feed: title, items, guid, pubDate, CDATA description, content:encoded over description', () => {
    const feed = parseFeed(fixture('ambassade.rss.xml'));
    expect(feed.format).toBe('rss');
    expect(feed.title).toBe('Ambassade de Valdoria – Communiqués');
    expect(feed.entries).toHaveLength(3);
    const [closing, visit, openDay] = feed.entries;
    expect(closing).toMatchObject({
      key: 'valdoria-2024-0412',
      title: 'Fermeture exceptionnelle du consulat le 1er mai',
      link: 'https://valdoria.example/presse/fermeture-consulat',
      date: 'Mon, 29 Apr 2024 09:30:00 +0200',
    });
    expect(closing.html).toBe(
      '<p>Le consulat général sera fermé le <strong>1er mai 2024</strong> en raison de la fête du Travail.</p><p>Les demandes urgentes de visa peuvent être adressées par courriel à la permanence consulaire.</p>',
    );
    // No guid: the link is the key; content:encoded wins over the description.
    expect(visit.key).toBe('https://valdoria.example/presse/visite-geneve');
    expect(visit.html).toContain('coopération sanitaire régionale');
    // No guid nor link: a hash of title and date.
    expect(openDay.key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(openDay.html).toBe('La résidence de l’ambassadeur ouvre ses portes au public le samedi 8 juin.');
  });

  it('reads an Atom feed: alternate link, id, published over updated, type=html content unescaped once, type=text escaped', () => {
    const feed = parseFeed(fixture('ministere.atom.xml'));
    expect(feed.format).toBe('atom');
    expect(feed.title).toBe('Ministère de la Culture de Valdoria');
    const [festival, cathedral] = feed.entries;
    expect(festival).toMatchObject({
      key: 'tag:culture.valdoria.example,2024:festival',
      link: 'https://culture.valdoria.example/festival-2024',
      date: '2024-03-01T08:00:00+01:00',
    });
    expect(festival.html).toBe(
      '<p>Le festival des arts de la rue s’ouvre le 1er mars 2024 dans la vieille ville, avec plus de cent compagnies.</p><p>L’entrée est libre &amp; gratuite pour tous les spectacles.</p>',
    );
    expect(cathedral).toMatchObject({ link: 'https://culture.valdoria.example/cathedrale', date: '2024-02-20T15:00:00Z' });
    expect(cathedral.html).toBe('<p>Les travaux de restauration de la cathédrale sont achevés.</p>\n<p>La nef rouvre au public dès le lundi 26 février.</p>');
  });

  it('keeps the key stable between two readings and keeps only the first entries beyond the limit', () => {
    const rss = fixture('ambassade.rss.xml');
    expect(parseFeed(rss).entries.map((e) => e.key)).toEqual(parseFeed(rss).entries.map((e) => e.key));
    expect(parseFeed(rss, 2).entries.map((e) => e.title)).toEqual(['Fermeture exceptionnelle du consulat le 1er mai', 'Visite du ministre des Affaires étrangères à Genève']);
  });

  it.each([
    ['a truncated feed', '<rss version="2.0"><channel><title>Flux</title><item><title>Coupé', /mal formé : la balise <\w+> n’est pas fermée/],
    ['an HTML page', '<!doctype html><html><body><p>Bonjour</p></body></html>', /élément racine <html>, attendu <rss> ou <feed>/],
    ['an RSS without channel', '<rss version="2.0"><item/></rss>', /pas d’élément <channel>/],
    ['plain text', 'Ceci n’est pas un flux.', /mal formé : du texte hors de l’élément racine/],
    ['nothing', '', /ni un flux RSS 2.0 ni un flux Atom/],
  ])('refuses %s with a clear error', (_, xml, message) => {
    expect(() => parseFeed(xml)).toThrow(FeedError);
    expect(() => parseFeed(xml)).toThrow(message);
  });

  it('refuses a feed over 5 MB', () => {
    expect(() => parseFeed(`<rss><channel>${' '.repeat(5 * 1024 * 1024)}</channel></rss>`)).toThrow(/dépasse 5 Mo/);
  });
});

describe('entryDocument', () => {
  it('makes an HTML page the normaliser reads: title, date, paragraphs', () => {
    const [closing] = parseFeed(fixture('ambassade.rss.xml')).entries;
    const page = entryDocument(closing);
    expect(page.equals(entryDocument(closing))).toBe(true);
    const communique = normaliseCommunique(page, 'text/html; charset=utf-8');
    expect(communique.title).toBe('Fermeture exceptionnelle du consulat le 1er mai');
    expect(communique.publishedOn).toBe('2024-04-29');
    expect(communique.paragraphs[0]).toContain('Le consulat général sera fermé le 1er mai 2024');
    expect(communique.paragraphs.join(' ')).toContain('permanence consulaire');
  });

  it('reads an Atom entry with text content', () => {
    const [, cathedral] = parseFeed(fixture('ministere.atom.xml')).entries;
    const communique = normaliseCommunique(entryDocument(cathedral), 'text/html; charset=utf-8');
    expect(communique.title).toBe('Restauration de la cathédrale : fin des travaux'.replace(' :', '\u00a0:'));
    expect(communique.publishedOn).toBe('2024-02-20');
  });

  it('turns an RSS date into RFC 3339 in its own offset', () => {
    expect(isoDateTime('Wed, 01 May 2024 00:30:00 +0200')).toBe('2024-05-01T00:30:00+02:00');
    expect(isoDateTime('Wed, 01 May 2024 00:30:00 GMT')).toBe('2024-05-01T00:30:00+00:00');
    expect(isoDateTime('2024-03-01T08:00:00+01:00')).toBe('2024-03-01T08:00:00+01:00');
    expect(isoDateTime('demain')).toBeNull();
  });
});
