import { decodeDocument, decodeWindows1252 } from './charset';
import { rejection } from './rejection.spec-helper';

const SENTENCE = 'Le ministre a déclaré « l’été sera chaud » — 15 €';

/** windows-1252 bytes of a string, from the code page written out (not from TextDecoder, whose windows-1252 Node 20 gets wrong). */
const WINDOWS_1252: Record<string, number> = { '€': 0x80, '…': 0x85, 'Œ': 0x8c, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97, 'œ': 0x9c };
function windows1252(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (char) => {
      const code = char.charCodeAt(0);
      const byte = WINDOWS_1252[char] ?? (code <= 0xff && !(code >= 0x80 && code <= 0x9f) ? code : undefined);
      if (byte === undefined) throw new Error(`not in windows-1252: ${char}`);
      return byte;
    }),
  );
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.from(le).swap16();
}


describe('decodeDocument', () => {
  it('checks its own windows-1252 fixture: one byte per character, € is 0x80, ’ is 0x92, — is 0x97', () => {
    const bytes = windows1252(SENTENCE);
    expect(bytes.byteLength).toBe(SENTENCE.length);
    expect([...bytes.subarray(-1)]).toEqual([0x80]);
    expect(bytes.includes(0x92)).toBe(true);
    expect(bytes.includes(0x97)).toBe(true);
  });

  it('decodes every byte of windows-1252 as the code page says', () => {
    const all = decodeWindows1252(Uint8Array.from({ length: 256 }, (_, byte) => byte));
    expect(all).toHaveLength(256);
    expect(all.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    expect(all.slice(0xa0)).toBe(Buffer.from(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i)).toString('latin1'));
    expect(all.slice(0, 0x80)).toBe(Buffer.from(Uint8Array.from({ length: 128 }, (_, i) => i)).toString('ascii'));
  });

  it.each([
    ['UTF-8 without BOM', Buffer.from(SENTENCE, 'utf8'), 'text/plain'],
    ['UTF-8 with BOM (dropped)', Buffer.from(`\ufeff${SENTENCE}`, 'utf8'), 'text/plain'],
    ['UTF-8 with BOM, even if the header says windows-1252 (the BOM wins)', Buffer.from(`\ufeff${SENTENCE}`, 'utf8'), 'text/plain; charset=windows-1252'],
    ['UTF-16LE with BOM', Buffer.from(`\ufeff${SENTENCE}`, 'utf16le'), 'text/plain'],
    ['UTF-16BE with BOM', utf16be(`\ufeff${SENTENCE}`), 'text/plain'],
    ['UTF-16LE declared in the header, no BOM', Buffer.from(SENTENCE, 'utf16le'), 'text/plain; charset=UTF-16LE'],
    ['windows-1252 declared', windows1252(SENTENCE), 'text/plain; charset=windows-1252'],
    ['windows-1252 declared in quotes', windows1252(SENTENCE), 'text/plain; charset="Windows-1252"'],
    ['windows-1252 undeclared (not valid UTF-8)', windows1252(SENTENCE), 'text/plain'],
    ['windows-1252 bytes labelled iso-8859-1, read as browsers do', windows1252(SENTENCE), 'text/plain; charset=ISO-8859-1'],
  ])('%s', (_, raw, contentType) => {
    expect(decodeDocument(raw, contentType)).toBe(SENTENCE);
  });

  it('reads Latin-1 (ISO-8859-1) text, declared or not', () => {
    const latin1 = 'Le consulat sera fermé à Noël, déclare l’ambassadeur.'.replace('’', "'");
    expect(decodeDocument(Buffer.from(latin1, 'latin1'), 'text/plain; charset=iso-8859-1')).toBe(latin1);
    expect(decodeDocument(Buffer.from(latin1, 'latin1'), 'text/plain')).toBe(latin1);
  });

  it('prefers valid UTF-8 to windows-1252 when nothing is declared', () => {
    expect(decodeDocument(Buffer.from('Ã©té', 'utf8'), 'text/plain')).toBe('Ã©té');
  });

  describe('HTML: <meta> in the first 1024 bytes', () => {
    const page = (head: string) => `<!doctype html><html><head>${head}<title>Été</title></head><body><p>${SENTENCE}</p></body></html>`;

    it('reads <meta charset>', () => {
      const html = page('<meta charset="windows-1252">');
      expect(decodeDocument(windows1252(html), 'text/html')).toBe(html);
    });

    it('reads <meta http-equiv="Content-Type" content="…; charset=…">', () => {
      const html = page('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">');
      expect(decodeDocument(windows1252(html), 'text/html; ')).toBe(html);
      expect(decodeDocument(windows1252(html), 'application/xhtml+xml')).toBe(html);
    });

    it('lets the Content-Type header win over the meta, and the BOM over both', () => {
      const html = page('<meta charset="windows-1252">');
      expect(decodeDocument(Buffer.from(html, 'utf8'), 'text/html; charset=utf-8')).toBe(html);
      expect(decodeDocument(Buffer.from(`\ufeff${html}`, 'utf8'), 'text/html; charset=windows-1252')).toBe(html);
    });

    it('only looks at the first 1024 bytes, and only in HTML', () => {
      const late = `<!doctype html><!-- ${'x'.repeat(1100)} --><meta charset="windows-1252"><p>Été</p>`;
      // Not seen: the bytes are valid UTF-8, so UTF-8 it is.
      expect(decodeDocument(Buffer.from(late, 'utf8'), 'text/html')).toBe(late);
      const text = '<meta charset="windows-1252"> Été';
      expect(decodeDocument(Buffer.from(text, 'utf8'), 'text/plain')).toBe(text);
    });

    it('reads a meta that claims UTF-16 as UTF-8 (it was read in ASCII)', () => {
      const html = page('<meta charset="utf-16">');
      expect(decodeDocument(Buffer.from(html, 'utf8'), 'text/html')).toBe(html);
    });
  });

  describe('what it refuses', () => {
    it.each([
      ['no bytes', Buffer.alloc(0), 'text/plain', 'empty'],
      ['a UTF-16 BOM and spaces', Buffer.from('\ufeff  \n', 'utf16le'), 'text/plain', 'empty'],
      ['NUL bytes in 8-bit text', Buffer.from('Le\u0000 consulat'), 'text/plain', 'binary'],
      ['NUL characters in UTF-16', Buffer.from('\ufeffLe\u0000 consulat', 'utf16le'), 'text/plain', 'binary'],
      ['invalid bytes for the declared UTF-8', windows1252(SENTENCE), 'text/plain; charset=utf-8', 'binary'],
      ['C0 control characters', Buffer.from('Le consulat\u0007 sera fermé.'), 'text/plain', 'binary'],
      ['C1 control characters (0x81 is no windows-1252 character)', Buffer.from([0x4c, 0x65, 0x81, 0x20, 0x63]), 'text/plain', 'binary'],
      ['U+FFFD', Buffer.from('Le consulat sera ferm\ufffd.'), 'text/plain', 'binary'],
      ['an unknown charset', Buffer.from('Bonjour'), 'text/plain; charset=klingon-8', 'binary'],
      ['a charset WHATWG replaces (ISO-2022-KR)', Buffer.from('Bonjour'), 'text/plain; charset=iso-2022-kr', 'binary'],
      ['an unknown charset in a meta', Buffer.from('<meta charset="x-martien"><p>Bonjour</p>'), 'text/html', 'binary'],
    ])('%s', (_, raw, contentType, reason) => {
      expect(rejection(() => decodeDocument(raw, contentType)).reason).toBe(reason);
    });

    it('says which charset it does not know, in French', () => {
      expect(rejection(() => decodeDocument(Buffer.from('Bonjour'), 'text/plain; charset=klingon-8')).message).toBe(
        'Jeu de caractères inconnu ou non pris en charge : « klingon-8 ». Enregistrez le texte en UTF-8 et envoyez-le de nouveau.',
      );
      expect(rejection(() => decodeDocument(windows1252(SENTENCE), 'text/plain; charset=utf-8')).message).toContain('pas en UTF-8 valide');
    });
  });
});
