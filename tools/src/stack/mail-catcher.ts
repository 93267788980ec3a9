// The SMTP catcher of `npm run stack` (mailpit's place in docker-compose.yml): accepts every message on
// localhost and writes it as an .eml file, so the emails the newsletter sends can be opened in any mail client.
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  file: string;
  from: string;
  to: string[];
  subject: string;
}

export interface RunningMailCatcher {
  smtpUrl: string;
  dir: string;
  close(): Promise<void>;
}

/** Listens on 127.0.0.1:`port` (0: any free one); each message becomes `<dir>/<time>-<n>.eml`. */
export async function startMailCatcher(port: number, dir: string, onMail: (mail: CaughtMail) => void = () => undefined): Promise<RunningMailCatcher> {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'newsroom stack mail catcher',
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++count}.eml`);
        writeFileSync(file, raw);
        const head = raw.subarray(0, raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.length).toString('utf8');
        const subject = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1].replace(/\r\n[ \t]/g, ' ') ?? '';
        onMail({ file, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return { smtpUrl: `smtp://127.0.0.1:${address.port}`, dir, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
