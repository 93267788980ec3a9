// For specs only: checks a DKIM-Signature (RFC 6376, rsa-sha256, relaxed/relaxed or simple/simple) with
// node:crypto, independently of the code that signed it.
import { createHash, createVerify, type KeyObject } from 'node:crypto';

export interface DkimCheck {
  tags: Record<string, string>;
  bodyHashMatches: boolean;
  signatureValid: boolean;
}

interface HeaderField {
  name: string;
  /** The field as written, continuation lines included, without the final CRLF. */
  raw: string;
}

function splitMessage(raw: string): { headers: HeaderField[]; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at + 4);
  const headers: HeaderField[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1].raw += `\r\n${line}`;
    else headers.push({ name: line.slice(0, line.indexOf(':')).trim(), raw: line });
  }
  return { headers, body };
}

function relaxedHeader(field: HeaderField): string {
  const colon = field.raw.indexOf(':');
  const value = field.raw
    .slice(colon + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return `${field.name.toLowerCase()}:${value}`;
}

function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

function simpleBody(body: string): string {
  let out = body;
  while (out.endsWith('\r\n\r\n')) out = out.slice(0, -2);
  return out === '' ? '\r\n' : out.endsWith('\r\n') ? out : `${out}\r\n`;
}

export function checkDkim(message: Buffer | string, publicKey: KeyObject): DkimCheck {
  const raw = typeof message === 'string' ? message : message.toString('latin1');
  const { headers, body } = splitMessage(raw);
  const signature = headers.find((h) => h.name.toLowerCase() === 'dkim-signature');
  if (!signature) throw new Error('no DKIM-Signature header');
  const tagText = signature.raw.slice(signature.raw.indexOf(':') + 1).replace(/\r\n/g, '');
  const tags = Object.fromEntries(
    tagText
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).trim()]),
  );
  const [headerCanon, bodyCanon = 'simple'] = (tags.c ?? 'simple/simple').split('/');
  const canonicalBody = bodyCanon === 'relaxed' ? relaxedBody(body) : simpleBody(body);
  const bodyHash = createHash('sha256').update(canonicalBody, 'latin1').digest('base64');
  const bodyHashMatches = bodyHash === tags.bh.replace(/\s+/g, '');

  const canonHeader = (field: HeaderField) => (headerCanon === 'relaxed' ? relaxedHeader(field) : field.raw);
  const used = new Set<HeaderField>();
  const signed: string[] = [];
  for (const name of tags.h.split(':').map((n) => n.trim().toLowerCase())) {
    // The last instance not used yet, bottom up (RFC 6376 5.4.2); a name with no instance signs nothing.
    const field = [...headers].reverse().find((h) => h.name.toLowerCase() === name && !used.has(h) && h !== signature);
    if (!field) continue;
    used.add(field);
    signed.push(`${canonHeader(field)}\r\n`);
  }
  const withoutB = { name: signature.name, raw: signature.raw.replace(/(\bb=)[^;]*/, '$1') };
  const data = signed.join('') + canonHeader(withoutB);
  const signatureValid = createVerify('RSA-SHA256').update(data, 'latin1').verify(publicKey, tags.b.replace(/\s+/g, ''), 'base64');
  return { tags, bodyHashMatches, signatureValid };
}
