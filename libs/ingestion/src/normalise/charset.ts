import { CommuniqueRejected } from './errors';

/** Media types whose charset may be declared in a `<meta>` of the document itself. */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** How far into an HTML document a `<meta charset>` is looked for (as browsers do). */
const META_SNIFF_BYTES = 1024;

type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | string;

/**
 * Bytes of a text document → a JS string, whatever character set it came in. The encoding is, in order:
 * 1. the byte order mark (UTF-8, UTF-16LE, UTF-16BE), dropped from the text;
 * 2. the `charset=` parameter of `contentType`;
 * 3. for HTML, `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` in the first 1024 bytes;
 * 4. UTF-8 when the bytes are valid UTF-8;
 * 5. else windows-1252 (which is what browsers use for an ISO-8859-1 label too).
 *
 * Refuses (CommuniqueRejected): no bytes or only whitespace (`empty`); an unknown charset label, bytes invalid
 * in the declared charset, NUL bytes outside UTF-16, control characters and U+FFFD (`binary`).
 */
export function decodeDocument(raw: Uint8Array, contentType: string): string {
  if (raw.byteLength === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  const encoding = bomEncoding(raw) ?? declaredEncoding(contentType) ?? htmlMetaEncoding(raw, contentType) ?? sniffedEncoding(raw);
  if (!encoding.startsWith('utf-16') && raw.includes(0)) {
    throw new CommuniqueRejected('binary', 'Ce fichier n’est pas du texte (octets nuls) : envoyez un texte en UTF-8.');
  }
  let text: string;
  try {
    text = encoding === 'windows-1252' ? decodeWindows1252(raw) : new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(raw);
  } catch {
    throw new CommuniqueRejected('binary', `Ce texte n’est pas en ${displayName(encoding)} valide : enregistrez-le en UTF-8 et envoyez-le de nouveau.`);
  }
  return checkedText(text);
}

/** What every decoded text must be: no control characters (C0 but tab and line/page breaks, DEL, C1) nor U+FFFD, and not blank. */
export function checkedText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0000-\u0008\u000e-\u001f\u007f-\u009f\ufffd]/u.test(text)) {
    throw new CommuniqueRejected('binary', 'Ce texte contient des caractères de contrôle ou de remplacement : ce n’est pas un texte valide (enregistrez-le en UTF-8).');
  }
  if (text.trim().length === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  return text;
}

/** The encoding a byte order mark announces, or null. */
export function bomEncoding(raw: Uint8Array): Encoding | null {
  if (raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) return 'utf-8';
  if (raw[0] === 0xff && raw[1] === 0xfe) return 'utf-16le';
  if (raw[0] === 0xfe && raw[1] === 0xff) return 'utf-16be';
  return null;
}

/** The `charset` parameter of a Content-Type, resolved to an encoding name; null when there is none. */
export function declaredEncoding(contentType: string): Encoding | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const label = match ? (match[1] ?? match[2]).trim() : '';
  return label ? resolveLabel(label) : null;
}

/** The charset of a `<meta>` in the first 1024 bytes of an HTML document; null for other types or when there is none. */
export function htmlMetaEncoding(raw: Uint8Array, contentType: string): Encoding | null {
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (!HTML_TYPES.has(mediaType)) return null;
  // Every charset that can declare itself in ASCII reads the same here: latin1 maps each byte to one character.
  const head = Buffer.from(raw.subarray(0, META_SNIFF_BYTES)).toString('latin1');
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const charset = /\bcharset\s*=\s*["']?\s*([^\s"'/;>]+)/i.exec(meta);
    if (!charset) continue;
    const encoding = resolveLabel(charset[1]);
    // A meta read in ASCII cannot be right about UTF-16 (the HTML standard reads it as UTF-8).
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
  }
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function sniffedEncoding(raw: Uint8Array): Encoding {
  try {
    strictUtf8.decode(raw);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** A charset label (any case, WHATWG aliases: latin1, iso-8859-1, ascii → windows-1252) → the encoding's name; refuses unknown labels. */
function resolveLabel(label: string): Encoding {
  let encoding: string | null;
  try {
    encoding = new TextDecoder(label.toLowerCase()).encoding;
  } catch {
    encoding = null;
  }
  // `replacement` is what WHATWG gives dangerous labels (ISO-2022-KR, HZ…): it decodes nothing.
  if (encoding === null || encoding === 'replacement') {
    throw new CommuniqueRejected('binary', `Jeu de caractères inconnu ou non pris en charge : « ${label.slice(0, 40)} ». Enregistrez le texte en UTF-8 et envoyez-le de nouveau.`);
  }
  return encoding;
}

/** What windows-1252 puts at 0x80–0x9F (the rest is ISO-8859-1); the five unassigned bytes stay C1 controls, as in WHATWG. */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 by hand: Node 20's TextDecoder('windows-1252') decodes it as ISO-8859-1 (0x80 → U+0080 instead
 * of €), a bug later Node versions fixed.
 */
export function decodeWindows1252(raw: Uint8Array): string {
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]);
}

function displayName(encoding: Encoding): string {
  return encoding.toUpperCase().replace(/^UTF-16(LE|BE)$/, 'UTF-16 $1');
}
