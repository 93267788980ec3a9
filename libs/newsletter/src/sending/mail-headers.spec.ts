import { hasLineBreak, headerPhrase, isWireReadyHeader, listIdHeader, oneLine } from './mail-headers';

describe('mail headers', () => {
  it('sees every kind of line break', () => {
    for (const text of ['a\rb', 'a\nb', 'a\r\nb', 'a\u2028b', 'a\u2029b', 'a\u0085b']) expect(hasLineBreak(text)).toBe(true);
    expect(hasLineBreak('Jeanne Lefèvre vous suggère : Rue des Tilleuls')).toBe(false);
  });

  it('makes one line of anything', () => {
    expect(oneLine('  Bonjour\r\nBcc: tous@example.org\u2028fin  ')).toBe('Bonjour Bcc: tous@example.org fin');
  });

  it('writes the List-Id with an RFC 5322 phrase, encoded when it is not ASCII', () => {
    expect(listIdHeader('Newsroom', 'news.example.org')).toBe('Newsroom <newsletter.news.example.org>');
    expect(listIdHeader('Ambassade (Berlin) "presse"', 'localhost')).toBe('"Ambassade (Berlin) \\"presse\\"" <newsletter.localhost>');
    const encoded = listIdHeader('Mairie de Saint-Aubin-des-Prés', 'news.example.org');
    expect(encoded).toMatch(/^=\?UTF-8\?Q\?[^ ]+\?=( =\?UTF-8\?Q\?[^ ]+\?=)* <newsletter\.news\.example\.org>$/);
    expect(isWireReadyHeader(encoded)).toBe(true);
    for (const word of encoded.split(' ').slice(0, -1)) expect(word.length).toBeLessThanOrEqual(75);
  });

  it('splits a long name into several encoded words', () => {
    const name = 'Ambassade de France en République fédérale d’Allemagne — Service de presse et de communication';
    const header = listIdHeader(name, 'presse.example.org');
    const words = header.split(' ').slice(0, -1);
    expect(words.length).toBeGreaterThan(1);
    for (const word of words) expect(word).toMatch(/^=\?UTF-8\?Q\?[^ ]{1,63}\?=$/);
    expect(isWireReadyHeader(header)).toBe(true);
  });

  it('keeps plain atoms as they are', () => {
    expect(headerPhrase('Mairie de Lyon')).toBe('Mairie de Lyon');
  });

  it('calls wire-ready only printable ASCII on one line', () => {
    expect(isWireReadyHeader('<https://news.example.org/newsletter/unsubscribe?token=a.b>')).toBe(true);
    expect(isWireReadyHeader('a\r\nBcc: x')).toBe(false);
    expect(isWireReadyHeader('Prés')).toBe(false);
  });
});
