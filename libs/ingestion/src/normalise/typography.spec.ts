import { typeset } from './typography';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('typeset', () => {
  it.each([
    ['spaces around guillemets and before high punctuation become no-break spaces', 'Il a dit : « Oui » ; puis « Non » ! Vraiment ?', `Il a dit${NBSP}: «${NBSP}Oui${NBSP}»${NNBSP}; puis «${NBSP}Non${NBSP}»${NNBSP}! Vraiment${NNBSP}?`],
    ['missing spaces are added where the mark ends a word', 'Il a dit: «Oui»; vraiment? oui!', `Il a dit${NBSP}: «${NBSP}Oui${NBSP}»${NNBSP}; vraiment${NNBSP}? oui${NNBSP}!`],
    ['a mark after another one gets no space', 'Vraiment ?!', `Vraiment${NNBSP}?!`],
    ['addresses, times and ratios are left alone', 'Voir https://exemple.fr/page?x=1 à 14:30, ratio 3:1.', 'Voir https://exemple.fr/page?x=1 à 14:30, ratio 3:1.'],
    ['a straight apostrophe between letters becomes typographic', "l'ACHA, aujourd'hui, qu'à l'État", 'l’ACHA, aujourd’hui, qu’à l’État'],
    ['other straight quotes stay', "le mot 'pays' et l'", "le mot 'pays' et l'"],
    ['whitespace runs collapse to one space, ends are trimmed', ` a\t\tb${NBSP}${NBSP}c   d\u2009e\n `, 'a b c d e'],
    ['digit groupings are kept as written', `2 100 ans, 3${NBSP}000 €, 1${NNBSP}000 000 habitants`, `2 100 ans, 3${NBSP}000 €, 1${NNBSP}000 000 habitants`],
    ['typographic apostrophes and curly quotes are untouched', '“la Ceinture et la Route” d’Asie', '“la Ceinture et la Route” d’Asie'],
  ])('%s', (_, input, expected) => {
    expect(typeset(input)).toBe(expected);
    expect(typeset(expected)).toBe(expected);
  });

  it('adds no French spacing to English, but still fixes apostrophes and whitespace', () => {
    expect(typeset("Note:  the embassy's office is open! Really?", 'en')).toBe('Note: the embassy’s office is open! Really?');
    expect(typeset(`Note${NBSP}: «x»`, 'en')).toBe('Note : «x»');
  });

  it('is idempotent on hostile input', () => {
    const inputs = ['« »', '«', '»', ' : ; ! ? ', "''", `a${NBSP}${NNBSP}:b`, '1 :2', '« « a » »', 'x !! ?', `9${NBSP}${NBSP}9`];
    for (const input of inputs) expect(typeset(typeset(input))).toBe(typeset(input));
  });
});
