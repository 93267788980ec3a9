import { randomBytes } from 'node:crypto';
import addressparser from 'nodemailer/lib/addressparser';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import * as qp from 'nodemailer/lib/qp';
import { headerPhrase } from './mail-headers';

/**
 * One email as RFC 5322 / MIME bytes, built directly: multipart/alternative with a text/plain and a text/html
 * part, both UTF-8 and quoted-printable, the headers in the order mail clients expect. nodemailer's pool sends
 * it as it is (`raw`), DKIM-signing it when configured; building the MIME tree of every message through
 * nodemailer's composer costs several times more CPU, which a 100 000-recipient alert feels. Returns null when
 * the email needs what this composer does not do (a non-ASCII address): the caller then uses nodemailer's.
 */
export interface RawEmail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Wire-ready values (printable ASCII, one line). */
  headers: Record<string, string>;
  messageId: string;
  date: Date;
}

const ASCII_ADDRESS = /^[\x21-\x7e]+@[\x21-\x7e]+$/;
const boundaryPrefix = `--_newsroom_${randomBytes(6).toString('hex')}_`;
let boundaryCounter = 0;

const fromCache = new Map<string, { header: string; address: string } | null>();
const subjectCache = new Map<string, string>();

/** `Name <address>` as a header value (the name quoted or encoded as needed), and the bare address for the envelope. */
function fromHeader(from: string): { header: string; address: string } | null {
  let cached = fromCache.get(from);
  if (cached !== undefined) return cached;
  const [parsed] = addressparser(from) as { name: string; address?: string }[];
  const address = parsed?.address ?? '';
  cached = ASCII_ADDRESS.test(address) ? { header: parsed.name ? `${headerPhrase(parsed.name)} <${address}>` : address, address } : null;
  if (fromCache.size < 100) fromCache.set(from, cached);
  return cached;
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

function quotedPrintable(text: string): string {
  const lf = text.replace(/\r\n|\r/g, '\n');
  return qp.wrap(qp.encode(Buffer.from(lf, 'utf8')), 76).replace(/\r?\n/g, '\r\n');
}

export function rawMessage(email: RawEmail): { raw: Buffer; envelope: { from: string; to: string[] } } | null {
  const from = fromHeader(email.from);
  if (!from || !ASCII_ADDRESS.test(email.to)) return null;
  const boundary = `${boundaryPrefix}${(boundaryCounter = (boundaryCounter + 1) % 1e9)}`;
  const lines = [
    `From: ${from.header}`,
    `To: ${email.to}`,
    subjectHeader(email.subject),
    `Message-ID: ${email.messageId}`,
    `Date: ${email.date.toUTCString().replace(/GMT/, '+0000')}`,
    ...Object.entries(email.headers).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(email.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(email.html),
    `--${boundary}--`,
    '',
  ];
  return { raw: Buffer.from(lines.join('\r\n'), 'utf8'), envelope: { from: from.address, to: [email.to] } };
}
