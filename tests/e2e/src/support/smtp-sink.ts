// A real SMTP server for the e2e suites: the newsletter sends to it over the network, the tests read what
// arrived (parsed by mailparser) and can make it refuse mail for a while.
import { simpleParser, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO), lowercased. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  messageId: string | undefined;
  receivedAt: number;
}

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (parsed) => {
            const from = (parsed.from as AddressObject | undefined)?.value[0]?.address ?? '';
            this.mails.push({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
              from,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              messageId: parsed.messageId,
              receivedAt: Date.now(),
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    this.server = server;
    return this;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  /** Polls until `probe` finds something among the received mails; fails with what arrived after `timeoutMs`. */
  async waitFor<T>(what: string, probe: (mails: ReceivedMail[]) => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe(this.mails);
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        const seen = this.mails.map((mail) => `  ${mail.to.join(',')}: ${mail.subject}`).join('\n') || '  (none)';
        throw new Error(`no ${what} within ${timeoutMs} ms; received:\n${seen}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The http(s) links of a mail's text and HTML parts. */
export function linksOf(mail: ReceivedMail): string[] {
  const found = new Set<string>();
  for (const match of `${mail.text}\n${mail.html}`.matchAll(/https?:\/\/[^\s"'<>)]+/g)) found.add(match[0].replace(/&amp;/g, '&').replace(/[.,;]+$/, ''));
  return [...found];
}
