/**
 * `npm run bench -- newsletter [subscribers=100000]`: one alert to N confirmed subscribers, the way the service
 * sends it, through a local SMTP sink; then, in the same run and on the same sink, a plain loop of
 * `transporter.sendMail` over a pooled nodemailer transport, for comparison.
 *
 * Setup: the machine's PostgreSQL (127.0.0.1:5432, a throwaway database created and dropped here); the real
 * NewsletterModule (the local, broker-less delivery; migrations applied) with SMTP_URL pointing at the sink;
 * N subscribers inserted with generate_series. The article's `publishing.article.published` event is handed to
 * the newsletter's consumer as the broker would; the clock runs from that moment until the sink has counted N
 * messages and every row is `sent`: the fan-out (one INSERT ... SELECT), the personalisation (two signed links per
 * email), the claims and the per-row outcomes are all inside the figure. NEWSLETTER_RATE_PER_SECOND is 0 (no
 * limit) and the pool has 8 connections (`?maxConnections=8`), the same for both sides.
 * The sink is a minimal SMTP server on node:net (EHLO, MAIL, RCPT, DATA, RSET, QUIT; pipelining) in a child
 * process that only counts messages, so the sending process's memory is its own: peak RSS is sampled every 50 ms.
 */
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createEvent, topicOf } from '@newsroom/contracts';
import { MessagingModule, TRANSPORT, type Transport } from '@newsroom/messaging';
import { createTestDatabase, waitFor } from '@newsroom/messaging/testing';
import { DEFAULT_MAIL_SENDER_OPTIONS, MAIL_SENDER_OPTIONS, NewsletterModule, noDelaySocket } from '@newsroom/newsletter';
import { ConfigModule } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { createTransport } from 'nodemailer';
import type { DataSource } from 'typeorm';

const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8);

/* ------------------------------------------------------------------ the sink (child process) */

/** Minimal SMTP: enough for nodemailer's pool (EHLO with PIPELINING, MAIL, RCPT, DATA, RSET, NOOP, QUIT). Counts messages. */
function runSink(): void {
  let messages = 0;
  const server = createServer((socket: Socket) => {
    socket.setNoDelay(true);
    let buffer = '';
    let inData = false;
    socket.write('220 bench-sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      const replies: string[] = [];
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) {
            // Keep only what may hold the start of the terminator.
            if (buffer.length > 8) buffer = buffer.slice(-8);
            break;
          }
          buffer = buffer.slice(end + 5);
          inData = false;
          messages++;
          replies.push('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) break;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') replies.push('250-bench-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RCPT' || verb === 'RSET' || verb === 'NOOP') replies.push('250 OK');
        else if (verb === 'DATA') {
          replies.push('354 go ahead');
          inData = true;
          // The terminator may come right after DATA's line.
          buffer = `\r\n${buffer}`;
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
          return;
        } else replies.push('502 not implemented');
      }
      if (replies.length) socket.write(`${replies.join('\r\n')}\r\n`);
    });
    socket.on('error', () => socket.destroy());
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'count') process.send?.({ count: messages });
    if (message.type === 'reset') messages = 0;
    if (message.type === 'stop') server.close(() => process.exit(0));
  });
}

interface Sink {
  port: number;
  count(): Promise<number>;
  reset(): void;
  stop(): void;
}

async function startSink(): Promise<Sink> {
  const child: ChildProcess = fork(__filename, ['--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return {
    port,
    count: () =>
      new Promise((resolve) => {
        const on = (m: { count?: number }) => {
          if (m.count === undefined) return;
          child.off('message', on);
          resolve(m.count);
        };
        child.on('message', on);
        child.send({ type: 'count' });
      }),
    reset: () => child.send({ type: 'reset' }),
    stop: () => child.send({ type: 'stop' }),
  };
}

/* ------------------------------------------------------------------ memory */

function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  return {
    peakMb: () => Math.round((Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024) * 10) / 10,
    reset: () => (peak = process.memoryUsage.rss()),
    stop: () => clearInterval(timer),
  };
}

/* ------------------------------------------------------------------ the two runs */

async function newsletterRun(subscribers: number, sink: Sink, rss: ReturnType<typeof rssSampler>) {
  const db = await createTestDatabase('newsroom_bench_newsletter');
  Logger.overrideLogger(['error']);
  const config = testConfig({
    DATABASE_URL: db.url,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}/?maxConnections=${CONNECTIONS}&maxMessages=1000000`,
    PUBLIC_URL: 'https://actualites.saint-aubin.example.fr',
    SITE_NAME: 'Mairie de Saint-Aubin',
    MAIL_FROM: 'Mairie de Saint-Aubin <presse@saint-aubin.example.fr>',
    NEWSLETTER_RATE_PER_SECOND: '0',
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), MessagingModule.forRoot({ transport: 'local', outboxPollMs: 100 }), NewsletterModule],
  })
    .overrideProvider(MAIL_SENDER_OPTIONS)
    .useValue({ ...DEFAULT_MAIL_SENDER_OPTIONS, ratePerSecond: 0, batchSize: 500, concurrency: 32 })
    .compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.init();
  const dataSource = app.get<DataSource>(getDataSourceToken('newsletter'));
  try {
    const inserted = Date.now();
    await dataSource.query(
      `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, confirmed_at, updated_at)
       SELECT gen_random_uuid(), 'lecteur-' || g || '@example.org', 'confirmed', 'bench', now(), now(), now() FROM generate_series(1, $1::int) g`,
      [subscribers],
    );
    await dataSource.query(`ANALYZE newsletter.subscriber`);
    console.log(`${subscribers} confirmed subscribers inserted in ${((Date.now() - inserted) / 1000).toFixed(1)} s`);

    const articleId = randomUUID();
    const event = createEvent(
      'publishing.article.published',
      {
        articleId,
        revision: 1,
        slug: 'rue-des-tilleuls-travaux',
        url: 'https://actualites.saint-aubin.example.fr/articles/rue-des-tilleuls-travaux',
        title: 'Rue des Tilleuls : trois semaines de travaux sur les canalisations',
        summary: 'Le renouvellement des canalisations commence le 17 mars ; l’eau sera coupée chaque mardi matin de 8 h à 12 h.',
        publishedOn: '2024-05-02',
        section: 'Vie locale',
        language: 'fr',
        publishedAt: new Date().toISOString(),
      },
      { aggregateId: articleId },
    );
    sink.reset();
    rss.reset();
    const started = performance.now();
    // As the broker hands it to the newsletter's consumer.
    await app.get<Transport>(TRANSPORT).publish([{ topic: topicOf(event.type), key: articleId, value: JSON.stringify(event), headers: {} }]);
    let lastReport = Date.now();
    await waitFor(
      'every alert accepted by the sink',
      async () => {
        const count = await sink.count();
        if (Date.now() - lastReport > 10_000) {
          lastReport = Date.now();
          console.log(`  … ${count} sent after ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${rss.peakMb()} MB peak`);
        }
        return count >= subscribers;
      },
      30 * 60_000,
    );
    await waitFor('every row marked sent', async () => {
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM newsletter.outgoing_mail WHERE kind = 'alert' AND status = 'sent'`);
      return n >= subscribers;
    }, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const [{ duplicates }] = await dataSource.query(
      `SELECT count(*)::int - count(DISTINCT subscriber_id)::int AS duplicates FROM newsletter.outgoing_mail WHERE kind = 'alert'`,
    );
    return { seconds, peakRssMb: rss.peakMb(), sinkCount: await sink.count(), duplicates: Number(duplicates) };
  } finally {
    await app.close();
    await db.drop();
  }
}

async function plainLoopRun(emails: number, sink: Sink, rss: ReturnType<typeof rssSampler>) {
  // The service's own socket (TCP_NODELAY, the writes of one tick in one system call), so the comparison is about what
  // is sent, not about Nagle's algorithm (nodemailer's default socket waits ~40 ms per email on the delayed ACK:
  // BENCH_PLAIN_NAGLE=1 shows it).
  const noDelay = process.env.BENCH_PLAIN_NAGLE !== '1';
  const transporter = createTransport({
    pool: true,
    host: '127.0.0.1',
    port: sink.port,
    secure: false,
    ignoreTLS: true,
    maxConnections: CONNECTIONS,
    maxMessages: Infinity,
    ...(noDelay ? { getSocket: noDelaySocket } : {}),
  } as Parameters<typeof createTransport>[0]);
  const text = 'Rue des Tilleuls : trois semaines de travaux.\n\nLire l’article : https://actualites.saint-aubin.example.fr/articles/rue-des-tilleuls-travaux\n';
  const html = `<p>${text}</p>`;
  sink.reset();
  rss.reset();
  const started = performance.now();
  // A plain loop, with as many sends in flight as the service has (32), so neither side waits on one round trip at a time.
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 1; i <= emails; i++) {
    const sending = transporter
      .sendMail({
        from: 'Mairie de Saint-Aubin <presse@saint-aubin.example.fr>',
        to: `lecteur-${i}@example.org`,
        subject: 'Rue des Tilleuls : trois semaines de travaux sur les canalisations',
        text,
        html,
        headers: { 'List-Unsubscribe': `<https://actualites.saint-aubin.example.fr/newsletter/unsubscribe?token=${i}>` },
      })
      .finally(() => inFlight.delete(sending));
    inFlight.add(sending);
    if (inFlight.size >= 32) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  transporter.close();
  return { seconds, peakRssMb: rss.peakMb(), sinkCount: await sink.count() };
}

async function main(): Promise<void> {
  const subscribers = Number(process.argv[2] ?? 100_000);
  const sink = await startSink();
  const rss = rssSampler();
  try {
    const service = await newsletterRun(subscribers, sink, rss);
    const plain = await plainLoopRun(subscribers, sink, rss);
    const round = (n: number) => Math.round(n);
    console.log(
      `newsletter: one alert to ${subscribers} confirmed subscribers through a local SMTP sink (child process), ${CONNECTIONS} pooled connections, PostgreSQL 127.0.0.1:5432.\n` +
        'service = the NewsletterModule from the published event to the last row marked sent (fan-out, personalised links, claims, outcomes); ' +
        "plainLoop = transporter.sendMail in a loop (32 in flight, the service's own socket), no database, no personalisation.",
    );
    console.table([
      { run: 'service', emails: service.sinkCount, seconds: Math.round(service.seconds * 10) / 10, emailsPerSecond: round(subscribers / service.seconds), peakRssMb: service.peakRssMb, duplicates: service.duplicates },
      { run: 'plainLoop', emails: plain.sinkCount, seconds: Math.round(plain.seconds * 10) / 10, emailsPerSecond: round(subscribers / plain.seconds), peakRssMb: plain.peakRssMb, duplicates: 0 },
    ]);
    console.log(
      JSON.stringify({
        bench: 'newsletter',
        emails: subscribers,
        emailsPerSecond: round(subscribers / service.seconds),
        plainLoopEmailsPerSecond: round(subscribers / plain.seconds),
        peakRssMb: service.peakRssMb,
      }),
    );
  } finally {
    rss.stop();
    sink.stop();
  }
}

if (process.argv.includes('--sink')) {
  runSink();
} else {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
