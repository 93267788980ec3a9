import { escapeHtml } from '@newsroom/platform';
import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import { headerPhrase } from './mail-headers';
import type { Email } from './mail-transport';
import { PREFERENCES_URL_PLACEHOLDER, UNSUBSCRIBE_URL_PLACEHOLDER } from './personalise';

/**
 * One email as RFC 5322 / MIME bytes, built directly: multipart/alternative with a text/plain and a text/html
 * part, both UTF-8 and quoted-printable, the headers in the order mail clients expect. nodemailer's pool sends
 * it as it is (`raw`), DKIM-signing it when configured; building the MIME tree of every message through
 * nodemailer's composer costs several times more CPU, which a 100 000-recipient alert feels.
 *
 * An alert is the same for all its recipients but for the address, the Message-ID, the Date and the
 * subscriber's two links: the message is compiled once into a template (headers written, bodies encoded,
 * the links' places kept) and each email only encodes its own links into it. Returns null when the email
 * needs what this composer does not do (a non-ASCII address): the caller then uses nodemailer's.
 */
/** The transport's email, with the Date this composer writes itself (nodemailer's clock is not asked). */
export type RawEmail = Email & { date: Date };

export interface SubscriberLinks {
  unsubscribeUrl: string;
  preferencesUrl: string;
}

type LinkName = keyof SubscriberLinks;
/** Where a link goes in a template: a header value (as it is), or a quoted-printable body (text as it is, HTML escaped). */
type LinkSlot = { link: LinkName; in: 'header' | 'text' | 'html' };
/** What each email has of its own. */
type FieldSlot = { field: 'to' | 'messageId' | 'date' };
type Part = string | FieldSlot | LinkSlot;

interface RawTemplate {
  envelopeFrom: string;
  parts: Part[];
}

const ASCII_ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;
const boundaryPrefix = `--_newsroom_${randomBytes(6).toString('hex')}_`;
let boundaryCounter = 0;
const PLACEHOLDERS: ReadonlyArray<readonly [string, LinkName]> = [
  [UNSUBSCRIBE_URL_PLACEHOLDER, 'unsubscribeUrl'],
  [PREFERENCES_URL_PLACEHOLDER, 'preferencesUrl'],
];
const PLACEHOLDER_PATTERN = new RegExp(PLACEHOLDERS.map(([placeholder]) => placeholder.replace(/[{}]/g, '\\$&')).join('|'), 'g');
/** A soft line break of quoted-printable: nothing once decoded. */
const SOFT_BREAK = '=\r\n';

const templates = new Map<string, { source: Pick<RawEmail, 'from' | 'subject' | 'html' | 'headers'>; template: RawTemplate | null }[]>();
const subjectCache = new Map<string, string>();

/** `Name <address>` as a header value (the name quoted or encoded as needed), and the bare address for the envelope. */
function fromHeader(from: string): { header: string; address: string } | null {
  const [parsed] = addressparser(from) as { name: string; address?: string }[];
  const address = parsed?.address ?? '';
  return ASCII_ADDRESS.test(address) ? { header: parsed.name ? `${headerPhrase(parsed.name)} <${address}>` : address, address } : null;
}

function subjectHeader(subject: string): string {
  let cached = subjectCache.get(subject);
  if (cached === undefined) {
    const value = /^[\x20-\x7e]*$/.test(subject) ? subject : (mimeFuncs.encodeWords as (value: string, encoding: string, maxLength: number, encodeAll: boolean) => string)(subject, 'Q', 52, true);
    cached = mimeFuncs.foldLines(`Subject: ${value}`, 76).replace(/\r?\n/g, '\r\n').replace(/\r\n$/, '');
    if (subjectCache.size > 1000) subjectCache.clear();
    subjectCache.set(subject, cached);
  }
  return cached;
}

/** Quoted-printable, lines of 76 at most, CRLF: a body part, or a piece of one. */
function quotedPrintable(text: string): string {
  return qp.wrap(qp.encode(Buffer.from(text, 'utf8')), 76).replace(/\r?\n/g, '\r\n');
}

/** The text cut at its placeholders: literal pieces and the links that go between them. */
function piecesOf(text: string): (string | LinkName)[] {
  const pieces: (string | LinkName)[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    pieces.push(text.slice(last, match.index));
    pieces.push(PLACEHOLDERS.find(([placeholder]) => placeholder === match[0])?.[1] as LinkName);
    last = (match.index ?? 0) + match[0].length;
  }
  pieces.push(text.slice(last));
  return pieces.filter((piece) => piece !== '');
}

/**
 * A body as quoted-printable with the links' places kept: each piece is encoded on lines of its own, and a
 * soft line break joins a piece that does not end its line to the next, so the decoded body is exactly the text
 * with its links (whatever their length, each email's lines stay within 76 characters).
 */
function bodyParts(text: string, kind: 'text' | 'html'): Part[] {
  const parts: Part[] = [];
  const pieces = piecesOf(text.replace(/\r\n|\r/g, '\n'));
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    if (isLinkName(piece)) {
      parts.push({ link: piece, in: kind });
      if (!last) parts.push(SOFT_BREAK);
    } else {
      const encoded = quotedPrintable(piece);
      parts.push(last || encoded.endsWith('\n') ? encoded : encoded + SOFT_BREAK);
    }
  });
  return parts;
}

function headerParts(value: string): Part[] {
  return piecesOf(value).map((piece) => (isLinkName(piece) ? { link: piece, in: 'header' } : piece));
}

function isLinkName(piece: string): piece is LinkName {
  return PLACEHOLDERS.some(([, name]) => name === piece);
}

function compile(email: Omit<RawEmail, 'to' | 'messageId' | 'date' | 'links'>): RawTemplate | null {
  const from = fromHeader(email.from);
  if (!from) return null;
  const boundary = `${boundaryPrefix}${(boundaryCounter = (boundaryCounter + 1) % 1e9)}`;
  const parts: Part[] = [`From: ${from.header}\r\nTo: `, { field: 'to' }, `\r\n${subjectHeader(email.subject)}\r\nMessage-ID: `, { field: 'messageId' }, '\r\nDate: ', { field: 'date' }, '\r\n'];
  for (const [name, value] of Object.entries(email.headers)) parts.push(`${name}: `, ...headerParts(value), '\r\n');
  parts.push(
    ['MIME-Version: 1.0', `Content-Type: multipart/alternative; boundary="${boundary}"`, '', `--${boundary}`, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', ''].join('\r\n'),
    ...bodyParts(email.text, 'text'),
    ['', `--${boundary}`, 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '', ''].join('\r\n'),
    ...bodyParts(email.html, 'html'),
    `\r\n--${boundary}--\r\n`,
  );
  // Neighbouring constant parts as one string.
  const merged: Part[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (typeof part === 'string' && typeof previous === 'string') merged[merged.length - 1] = previous + part;
    else merged.push(part);
  }
  return { envelopeFrom: from.address, parts: merged };
}

/**
 * The template of an email's shared parts, compiled at its first email and kept (a few at a time: the mailings
 * being sent). Found by its text, which the emails of one mailing share (the same string: no hashing of 5 kB
 * per email), then checked against the rest.
 */
function templateOf(email: RawEmail): RawTemplate | null {
  const candidates = templates.get(email.text) ?? [];
  const found = candidates.find((t) => t.source.html === email.html && t.source.subject === email.subject && t.source.from === email.from && sameHeaders(t.source.headers, email.headers));
  if (found) return found.template;
  const template = compile(email);
  if (templates.size >= 32) templates.clear();
  templates.set(email.text, [...candidates.slice(-3), { source: { from: email.from, subject: email.subject, html: email.html, headers: email.headers }, template }]);
  return template;
}

function sameHeaders(a: Record<string, string>, b: Record<string, string>): boolean {
  if (a === b) return true;
  const names = Object.keys(a);
  const others = Object.keys(b);
  return names.length === others.length && names.every((name, i) => others[i] === name && a[name] === b[name]);
}

export function rawMessage(email: RawEmail): { raw: Buffer; envelope: { from: string; to: string[] } } | null {
  if (!ASCII_ADDRESS.test(email.to)) return null;
  const template = templateOf(email);
  if (!template) return null;
  const encoded = new Map<string, string>();
  const link = (slot: LinkSlot): string => {
    const key = `${slot.link}:${slot.in}`;
    let value = encoded.get(key);
    if (value === undefined) {
      const url = email.links ? email.links[slot.link] : (PLACEHOLDERS.find(([, name]) => name === slot.link)?.[0] as string);
      value = slot.in === 'header' ? url : quotedPrintable(slot.in === 'html' ? escapeHtml(url) : url);
      encoded.set(key, value);
    }
    return value;
  };
  let out = '';
  for (const part of template.parts) {
    if (typeof part === 'string') out += part;
    else if ('link' in part) out += link(part);
    else if (part.field === 'date') out += email.date.toUTCString().replace(/GMT/, '+0000');
    else out += email[part.field];
  }
  return { raw: Buffer.from(out, 'utf8'), envelope: { from: template.envelopeFrom, to: [email.to] } };
}
