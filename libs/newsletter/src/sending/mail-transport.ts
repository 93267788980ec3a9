import { Logger } from '@nestjs/common';
import type { BaseConfig } from '@newsroom/platform';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';
import { personalise } from './personalise';
import { rawMessage, type SubscriberLinks } from './raw-message';

/** One email as the transport gets it: every value already checked and personalised. */
export interface Email {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Wire-ready values, written as they are. */
  headers: Record<string, string>;
  /** `<row-id@host>`. */
  messageId: string;
  /** The Date header (the injected Clock's now); nodemailer's own clock otherwise. */
  date?: Date;
  /**
   * The subscriber's own links (signed per email), which the transport puts in place of the placeholders of
   * `text`, `html` and `headers`: the rest is the same for a whole mailing, so its MIME is built once.
   */
  links?: SubscriberLinks;
}

/** The email as its reader gets it: the subscriber's links in place of the placeholders. */
export function withLinks(email: Email): Email {
  if (!email.links) return email;
  const { links, ...rest } = email;
  const filled = personalise({ textBody: email.text, htmlBody: email.html, headers: email.headers }, links.unsubscribeUrl, links.preferencesUrl);
  return { ...rest, text: filled.textBody, html: filled.htmlBody, headers: filled.headers };
}

/** nodemailer's DKIM options: every message is signed with this key for `domainName`, selector `keySelector`. */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

type DkimConfig = Partial<Record<'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY_FILE', string>>;

/** The DKIM key of the configuration, read once at start; undefined when DKIM is not configured; an error when half of it is. */
export function dkimKeyOf(config: DkimConfig): DkimKey | undefined {
  const { DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE } = config;
  if (!DKIM_DOMAIN && !DKIM_SELECTOR && !DKIM_PRIVATE_KEY_FILE) return undefined;
  if (!DKIM_DOMAIN || !DKIM_SELECTOR || !DKIM_PRIVATE_KEY_FILE) {
    throw new Error('DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together');
  }
  const privateKey = readFileSync(DKIM_PRIVATE_KEY_FILE, 'utf8');
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) throw new Error(`DKIM_PRIVATE_KEY_FILE ${DKIM_PRIVATE_KEY_FILE} holds no PEM private key`);
  return { domainName: DKIM_DOMAIN, keySelector: DKIM_SELECTOR, privateKey };
}

export interface SentEmail {
  messageId: string;
  /** The .eml file, when the email was written instead of sent. */
  file?: string;
}

/** Where emails go: an SMTP server, or files. Failures reject with nodemailer's error (`code`, `responseCode`). */
export interface MailTransport {
  readonly description: string;
  send(email: Email): Promise<SentEmail>;
  close(): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('newsroom:newsletter-mail-transport');

/** SMTP_URL set: a pool of SMTP connections. Unset: .eml files under DATA_DIR/mail (what `npm start` users get). */
export function createMailTransport(config: Pick<BaseConfig, 'SMTP_URL' | 'DATA_DIR'> & DkimConfig): MailTransport {
  const dkim = dkimKeyOf(config);
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL, dkim) : fileTransport(path.resolve(config.DATA_DIR, 'mail'), dkim);
}

/**
 * Two pooled connections, bounded timeouts so a hung server cannot hold a batch for ten minutes (the
 * defaults), no requeue inside the pool when a connection drops (the sender sees the failure, keeps the row
 * queued and pauses while the server is away), no verify at start (a mail server down must not stop the
 * service; rows wait in the queue).
 * Query parameters of SMTP_URL override these (`?maxConnections=4`), as nodemailer reads them.
 */
export function smtpTransport(url: string, dkim?: DkimKey): MailTransport {
  const transporter = createTransport(
    new SMTPPool({
      pool: true,
      url,
      maxConnections: 2,
      maxMessages: 1000,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      // Known to nodemailer 7's pool, missing from its types.
      ...({ maxRequeues: 0 } as object),
      // A socket without Nagle's algorithm: nodemailer writes a message's end (CRLF.CRLF) as a small segment of
      // its own, which Nagle holds back until the server's delayed ACK, about 40 ms per email on one connection.
      getSocket: noDelaySocket,
    }),
    // DKIM as a default of every message: a transport given as an instance keeps no mailer options.
    dkim ? { dkim } : {},
  );
  const { protocol, hostname, port } = new URL(url);
  return new NodemailerTransport(transporter, `SMTP ${protocol}//${hostname}${port ? `:${port}` : ''}${dkim ? `, DKIM d=${dkim.domainName} s=${dkim.keySelector}` : ''}`);
}

/**
 * nodemailer's `getSocket`: a connected TCP socket with TCP_NODELAY (nodemailer upgrades it for STARTTLS or smtps
 * itself), whose writes of one tick leave together (`coalesceWrites`). Exported for the bench's plain loop.
 */
export function noDelaySocket(options: { host?: string; port?: number; secure?: boolean; connectionTimeout?: number }, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const port = options.port ?? (options.secure ? 465 : 587);
  const socket = connect({ host: options.host ?? 'localhost', port, noDelay: true });
  const timer = setTimeout(() => socket.destroy(Object.assign(new Error(`connect ETIMEDOUT ${options.host}:${port}`), { code: 'ETIMEDOUT' })), options.connectionTimeout ?? 30_000);
  let connected = false;
  socket.once('connect', () => {
    connected = true;
    clearTimeout(timer);
    coalesceWrites(socket);
    callback(null, { connection: socket });
  });
  // Before the connection: the failure goes to nodemailer; after it, nodemailer's own listener reports errors.
  socket.on('error', (error) => {
    clearTimeout(timer);
    if (!connected) callback(error);
  });
}

/**
 * What Nagle's algorithm does, without its wait for an ACK: the writes made in one tick go out in one system
 * call (cork, then uncork in `process.nextTick`). nodemailer writes a message and its final CRLF.CRLF apart;
 * each write on its own costs a system call and a segment at both ends, and writing to the socket is the
 * largest share of the sending process's CPU at a thousand emails a second. (A TLS session writes through its
 * own socket, unaffected.)
 */
function coalesceWrites(socket: Socket): void {
  const write = socket.write;
  let corked = false;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!corked) {
      corked = true;
      this.cork();
      process.nextTick(() => {
        corked = false;
        this.uncork();
      });
    }
    return write.apply(this, args);
  } as Socket['write'];
}

export function fileTransport(dir: string, dkim?: DkimKey): MailTransport {
  // `newline` is read per message (nodemailer 7 ignores it as a transport option): hence the defaults too.
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { streamTransport: true, newline: 'unix', ...(dkim ? { dkim } : {}) });
  const logger = new Logger('MailFiles');
  return new NodemailerTransport(transporter, `.eml files in ${dir}`, async (messageId, message) => {
    await mkdir(dir, { recursive: true });
    const id = /^<([^@>]+)@/.exec(messageId)?.[1] ?? 'mail';
    const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${id}.eml`);
    await writeFile(file, message);
    logger.log(`email written to ${file} (SMTP_URL is not set)`);
    return file;
  });
}

class NodemailerTransport implements MailTransport {
  constructor(
    private readonly transporter: Transporter,
    readonly description: string,
    private readonly keep?: (messageId: string, message: Buffer) => Promise<string>,
  ) {}

  async send(email: Email): Promise<SentEmail> {
    const built = rawMessage({ ...email, date: email.date ?? new Date() });
    const mail = built ? email : withLinks(email);
    const info = built
      ? await this.transporter.sendMail({ envelope: built.envelope, raw: built.raw, messageId: email.messageId, disableFileAccess: true, disableUrlAccess: true })
      : await this.transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
          messageId: mail.messageId,
          ...(mail.date ? { date: mail.date } : {}),
          headers: Object.fromEntries(Object.entries(mail.headers).map(([name, value]) => [name, { prepared: true, value }])),
          // Nothing in a message may make nodemailer read a file or fetch a URL.
          disableFileAccess: true,
          disableUrlAccess: true,
        });
    const messageId = typeof info.messageId === 'string' ? info.messageId : email.messageId;
    if (!this.keep) return { messageId };
    if (!Buffer.isBuffer(info.message)) throw new Error('the file transport returned no message buffer');
    return { messageId, file: await this.keep(messageId, info.message) };
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
