import { Logger } from '@nestjs/common';
import type { BaseConfig } from '@newsroom/platform';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool';

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
export function createMailTransport(config: Pick<BaseConfig, 'SMTP_URL' | 'DATA_DIR'>): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : fileTransport(path.resolve(config.DATA_DIR, 'mail'));
}

/**
 * Two pooled connections, bounded timeouts so a hung server cannot hold a batch for ten minutes (the
 * defaults), no verify at start (a mail server down must not stop the service; rows wait in the queue).
 * Query parameters of SMTP_URL override these (`?maxConnections=4`), as nodemailer reads them.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport(
    new SMTPPool({ pool: true, url, maxConnections: 2, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 }),
  );
  const { protocol, hostname, port } = new URL(url);
  return new NodemailerTransport(transporter, `SMTP ${protocol}//${hostname}${port ? `:${port}` : ''}`);
}

export function fileTransport(dir: string): MailTransport {
  // `newline` is read per message (nodemailer 7 ignores it as a transport option): hence the defaults too.
  const transporter = createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { streamTransport: true, newline: 'unix' });
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
    const info = await this.transporter.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: email.messageId,
      headers: Object.fromEntries(Object.entries(email.headers).map(([name, value]) => [name, { prepared: true, value }])),
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
