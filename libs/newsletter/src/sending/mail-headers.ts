// A namespace import: mime-funcs' functions call each other through `this`.
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';

/** True when `value` could end a header line and start another (CR, LF, or the Unicode line breaks some parsers honour). */
export function hasLineBreak(value: string): boolean {
  return /[\r\n\u0085\u2028\u2029]/.test(value);
}

/** Text that becomes a header (a subject, a name in a subject): runs of whitespace, line breaks included, become one space. */
export function oneLine(value: string): string {
  return value.replace(/[\s\u0085\u2028\u2029]+/g, ' ').trim();
}

/** `"<phrase>" <newsletter.<host>>` (RFC 2919), the phrase encoded for the wire: stored header values are ready to send. */
export function listIdHeader(siteName: string, host: string): string {
  return `${headerPhrase(oneLine(siteName))} <newsletter.${host}>`;
}

/** An RFC 5322 phrase: an atom list as is, specials in a quoted string, anything beyond ASCII as an encoded word. */
export function headerPhrase(text: string): string {
  if (/[^\x20-\x7e]/.test(text)) return mimeFuncs.encodeWord(text, 'Q', 75); // words of 75 characters at most (RFC 2047), separated by spaces
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(text)) return text;
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}

/** Headers are stored wire-ready: printable ASCII on one line. Anything else is refused before it reaches a transport. */
export function isWireReadyHeader(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}
