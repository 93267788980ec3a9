// For specs only (not exported by the library's index): a real SMTP server on 127.0.0.1 that keeps
// every message it accepts, parsed by mailparser, and can refuse the next recipients with a given reply.
import { simpleParser, type ParsedMail } from 'mailparser';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The SMTP envelope (MAIL FROM, RCPT TO), which is what was really sent to whom. */
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every accepted message, in order of arrival. */
  readonly received: readonly ReceivedMail[];
  /** Accepted messages whose envelope has `address` among its recipients. */
  to(address: string): ReceivedMail[];
  /** Refuses the next `count` RCPT TO commands with `code` (450: try later; 550: no such mailbox). */
  refuseNext(count: number, code?: number, message?: string): void;
  /** How many RCPT TO commands were refused so far. */
  readonly refused: number;
  /** The server goes down: open connections are cut, new ones are closed at once (until `comeBack`). */
  goDown(): void;
  comeBack(): void;
  /** Connections cut or closed at once while down. */
  readonly connectionsCut: number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refusals: { count: number; code: number; message: string } = { count: 0, code: 450, message: '' };
  let refused = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    banner: 'newsroom test sink',
    onRcptTo(_address, _session, callback) {
      if (refusals.count > 0) {
        refusals.count--;
        refused++;
        const error = Object.assign(new Error(refusals.message), { responseCode: refusals.code });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        // Recorded before the 250 goes back, so a sender that saw its message accepted finds it here.
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelope: { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()) },
              raw,
              parsed,
            });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port: innerPort } = server.server.address() as AddressInfo;

  // The address clients get is a small TCP relay in front of the SMTP server, so the test can take the
  // "server" down (connections cut or refused) and bring it back on the same address.
  let down = false;
  let cut = 0;
  const open = new Set<Socket>();
  const relay = createServer((client) => {
    if (down) {
      cut++;
      client.destroy();
      return;
    }
    const upstream = createConnection(innerPort, '127.0.0.1');
    open.add(client);
    const close = () => {
      open.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve, reject) => {
    relay.once('error', reject);
    relay.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = relay.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to: (address) => received.filter((mail) => mail.envelope.to.includes(address.toLowerCase())),
    refuseNext(count, code = 450, message = code < 500 ? 'Greylisted, try again later' : 'No such mailbox') {
      refusals = { count, code, message };
    },
    get refused() {
      return refused;
    },
    goDown() {
      down = true;
      for (const socket of open) {
        cut++;
        socket.destroy();
      }
    },
    comeBack() {
      down = false;
    },
    get connectionsCut() {
      return cut;
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A header as it was written (unfolded), or undefined: mailparser turns List-* headers into objects, specs want the text. */
export function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase());
  return line?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]+:\s*/, '');
}
