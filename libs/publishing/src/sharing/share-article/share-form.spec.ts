import { containsLink, isOneLine, parseShareForm } from './share-form';

const valid = { friendEmail: ' Marc.Duval@example.org ', senderName: ' Jeanne Lefèvre ', note: 'Marc, c’est ta rue : pense à remplir quelques bouteilles le lundi soir !', website: '', formToken: 't' };

describe('isOneLine', () => {
  it('accepts ordinary names', () => {
    for (const name of ['Jeanne Lefèvre', 'Ana-María O’Neil', 'Zoë 100% sûre', 'Jean & Marie', 'Rémi (Toulouse)']) expect(isOneLine(name)).toBe(true);
  });

  it.each([
    ['CR LF', 'Jeanne\r\nBcc: x@evil.example'],
    ['LF', 'Jeanne\nBcc'],
    ['CR', 'Jeanne\rBcc'],
    ['NEL', 'Jeanne\u0085Bcc'],
    ['line separator', 'Jeanne\u2028Bcc'],
    ['paragraph separator', 'Jeanne\u2029Bcc'],
    ['tab', 'Jeanne\tBcc'],
    ['NUL', 'Jeanne\u0000'],
    ['%0d%0a', 'Jeanne%0d%0aBcc: x'],
    ['%0A uppercase', 'Jeanne%0ABcc'],
    ['double-encoded %250a', 'Jeanne%250aBcc'],
    ['%e2%80%a8', 'Jeanne%E2%80%A8Bcc'],
    ['%c2%85', 'Jeanne%c2%85Bcc'],
    ['%u2028', 'Jeanne%u2028Bcc'],
    ['backslash n', 'Jeanne\\nBcc'],
    ['\\u000a', 'Jeanne\\u000aBcc'],
    ['&#10;', 'Jeanne&#10;Bcc'],
    ['&#x0D;', 'Jeanne&#x0D;Bcc'],
    ['&#13 without semicolon', 'Jeanne&#13Bcc'],
    ['&#0010;', 'Jeanne&#0010;Bcc'],
    ['&NewLine;', 'Jeanne&NewLine;Bcc'],
  ])('rejects %s', (_, name) => {
    expect(isOneLine(name)).toBe(false);
  });
});

describe('containsLink', () => {
  it.each(['voir https://evil.example/x', 'http://a.b', 'HXXP://x', 'ftp://files', 'www.exemple.fr', 'WWW2.site', 'mailto:a@b.c', 'javascript:alert(1)', 'sur exemple.com !', 'promo.shop/xyz', 'cadeau.fr'])(
    'finds a link in %s',
    (note) => {
      expect(containsLink(note)).toBe(true);
    },
  );

  it('leaves ordinary French prose alone', () => {
    for (const note of ['Marc, c’est ta rue : pense à remplir quelques bouteilles !', 'RDV à 8 h 30. Bises.', 'Cf. p. 3, etc. Voilà.', 'M. Dupont, Mme Durand.', 'Le 17/03 à midi : 420 m de travaux.']) {
      expect(containsLink(note)).toBe(false);
    }
  });
});

describe('parseShareForm', () => {
  it('accepts a complete form: trimmed fields, note kept', () => {
    const parsed = parseShareForm(valid);
    expect(parsed).toMatchObject({ kind: 'valid', form: { friendEmail: 'Marc.Duval@example.org', senderName: 'Jeanne Lefèvre', note: valid.note, formToken: 't' } });
  });

  it('makes an empty or missing note null, and normalises its line breaks', () => {
    expect(parseShareForm({ ...valid, note: '   ' })).toMatchObject({ kind: 'valid', form: { note: null } });
    expect(parseShareForm({ ...valid, note: undefined })).toMatchObject({ kind: 'valid', form: { note: null } });
    expect(parseShareForm({ ...valid, note: 'Salut\r\n\r\nà bientôt' })).toMatchObject({ kind: 'valid', form: { note: 'Salut\n\nà bientôt' } });
  });

  it('treats a filled honeypot as a bot, whatever else is sent', () => {
    expect(parseShareForm({ ...valid, website: 'http://spam.example' })).toEqual({ kind: 'bot' });
    expect(parseShareForm({ website: ['x'] })).toEqual({ kind: 'bot' });
  });

  it('reports one French message per wrong field, and keeps what was typed', () => {
    const parsed = parseShareForm({ friendEmail: 'pas-une-adresse', senderName: 'Jeanne\r\nBcc: x@evil.example', note: 'voir www.evil.example', formToken: 't' });
    expect(parsed).toEqual({
      kind: 'invalid',
      errors: {
        friendEmail: expect.stringContaining('n’est pas valide'),
        senderName: 'Votre nom doit tenir sur une seule ligne.',
        note: 'Votre mot ne peut pas contenir de lien ni d’adresse web.',
      },
      values: { friendEmail: 'pas-une-adresse', senderName: 'Jeanne\r\nBcc: x@evil.example', note: 'voir www.evil.example' },
    });
  });

  it('enforces the lengths: email ≤ 254, name 1–100, note ≤ 500', () => {
    const errorsOf = (body: object) => {
      const parsed = parseShareForm({ ...valid, ...body });
      return parsed.kind === 'invalid' ? Object.keys(parsed.errors) : [];
    };
    expect(errorsOf({ friendEmail: `${'a'.repeat(64)}@${'b'.repeat(190)}.fr` })).toEqual(['friendEmail']);
    expect(errorsOf({ senderName: '   ' })).toEqual(['senderName']);
    expect(errorsOf({ senderName: 'n'.repeat(101) })).toEqual(['senderName']);
    expect(errorsOf({ senderName: 'n'.repeat(100) })).toEqual([]);
    expect(errorsOf({ note: 'n'.repeat(501) })).toEqual(['note']);
    expect(errorsOf({ note: 'n'.repeat(500) })).toEqual([]);
    expect(errorsOf({ note: 'a\u0000b' })).toEqual(['note']);
  });

  it('refuses arrays and missing fields with a message, never a crash', () => {
    const parsed = parseShareForm({ friendEmail: ['a@b.fr', 'c@d.fr'], senderName: { x: 1 } });
    expect(parsed).toMatchObject({ kind: 'invalid', errors: { friendEmail: expect.any(String), senderName: 'Indiquez votre nom.' } });
    expect(parseShareForm(undefined)).toMatchObject({ kind: 'invalid' });
  });
});
