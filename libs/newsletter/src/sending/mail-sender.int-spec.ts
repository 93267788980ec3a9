import { createTestDatabase, openMessagingDataSource, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { SystemClock, type BaseConfig } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { MailingsPreferencesAndSuppression1764000000000 } from '../migrations/mailings-preferences-and-suppression.migration';
import { SubscribersAndOutgoingMail1763900000000 } from '../migrations/subscribers-and-outgoing-mail.migration';
import { SubscriptionLinks } from '../subscriptions/subscription-links';
import { DEFAULT_MAIL_SENDER_OPTIONS, MailSender, type MailSenderOptions } from './mail-sender';
import { MailQueue, type MailToQueue } from './mail-queue';
import { withLinks, type Email, type MailTransport, type SentEmail } from './mail-transport';
import { PREFERENCES_URL_PLACEHOLDER, UNSUBSCRIBE_URL_PLACEHOLDER } from './personalise';
import { addressHash } from './suppression';

/** A transport that records what it is given (with the subscriber's links in place, as a reader gets it), fails on demand, and can be held mid-send. */
class FakeTransport implements MailTransport {
  readonly description = 'fake transport';
  readonly sent: Email[] = [];
  readonly failures: unknown[] = [];
  calls = 0;
  closed = false;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private entered: (() => void) | null = null;

  /** The next sends wait until `release()`; resolves once one of them is waiting. */
  hold(): Promise<void> {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
    return new Promise((resolve) => (this.entered = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async send(email: Email): Promise<SentEmail> {
    this.calls++;
    this.entered?.();
    await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(withLinks(email));
    return { messageId: email.messageId };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { code: 'EENVELOPE', responseCode });

describe('MailSender on PostgreSQL', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let config: BaseConfig;
  const queue = new MailQueue();
  let senders: MailSender[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('newsletter_sender_test');
    dataSource = await openMessagingDataSource(db.url, 'newsletter', [SubscribersAndOutgoingMail1763900000000, MailingsPreferencesAndSuppression1764000000000]);
    config = testConfig({ PUBLIC_URL: 'https://news.example.org', MAIL_FROM: 'Presse <presse@example.org>' });
  });

  afterEach(async () => {
    for (const sender of senders) await sender.stop();
    senders = [];
    await dataSource.query(`DELETE FROM newsletter.outgoing_mail`);
    await dataSource.query(`DELETE FROM newsletter.mailing`);
    await dataSource.query(`DELETE FROM newsletter.suppression`);
    await dataSource.query(`DELETE FROM newsletter.subscriber`);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const newSender = (transport: MailTransport, options: Partial<MailSenderOptions> = {}) => {
    const sender = new MailSender(dataSource, transport, { ...DEFAULT_MAIL_SENDER_OPTIONS, pollMs: 60_000, ratePerSecond: 0, ...options }, config, new SubscriptionLinks(config), new SystemClock());
    senders.push(sender);
    return sender;
  };
  const mail = (overrides: Partial<MailToQueue> = {}): MailToQueue => ({
    dedupeKey: `share:${randomUUID()}`,
    kind: 'share',
    recipient: `${randomUUID().slice(0, 8)}@example.org`,
    subject: 'Un article pour vous',
    textBody: 'Bonjour',
    htmlBody: '<p>Bonjour</p>',
    ...overrides,
  });
  const enqueue = (...mails: MailToQueue[]) => dataSource.transaction(async (tx) => {
    for (const m of mails) await queue.add(tx, m);
  });
  const rows = (): Promise<{ id: string; recipient: string; status: string; attempts: number; last_error: string | null; message_id: string | null }[]> =>
    dataSource.query(`SELECT id, recipient, status, attempts, last_error, message_id FROM newsletter.outgoing_mail ORDER BY created_at, recipient`);
  const statuses = async () => (await rows()).map((row) => row.status);
  const subscriber = async (status: string) => {
    const id = randomUUID();
    const email = `${id.slice(0, 8)}@example.org`;
    await dataSource.query(
      `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, updated_at) VALUES ($1, $2, $3, 'test', now(), now())`,
      [id, email, status],
    );
    return { id, email };
  };

  it('is woken by the commit that queued mail (its poll here is a minute), and sets a deterministic Message-ID', async () => {
    // A row written behind MailQueue's back wakes nobody: once it is sent, the first round is over and the sender sleeps.
    await dataSource.query(
      `INSERT INTO newsletter.outgoing_mail (id, dedupe_key, kind, recipient, subject, text_body, html_body) VALUES ($1, $2, 'share', 'first@example.org', 's', 't', 'h')`,
      [randomUUID(), `share:${randomUUID()}`],
    );
    const transport = new FakeTransport();
    newSender(transport).start();
    await waitFor('the first round', async () => (await statuses())[0] === 'sent');
    await enqueue(mail(), mail());
    await waitFor('both sent', async () => (await statuses()).every((s) => s === 'sent') && transport.sent.length === 3);
    for (const row of await rows()) expect(row.message_id).toBe(`<${row.id}@news.example.org>`);
    expect(new Set(transport.sent.map((email) => email.from))).toEqual(new Set(['Presse <presse@example.org>']));
  });

  it('writes nothing when the queueing transaction rolls back', async () => {
    const transport = new FakeTransport();
    newSender(transport, { pollMs: 20 }).start();
    await expect(
      dataSource.transaction(async (tx) => {
        await queue.add(tx, mail());
        throw new Error('the fact did not happen');
      }),
    ).rejects.toThrow('the fact did not happen');
    await enqueue(mail());
    await waitFor('the committed one', async () => transport.sent.length === 1);
    expect(await rows()).toHaveLength(1);
  });

  it('queues a dedupe key once', async () => {
    const m = mail();
    await enqueue(m);
    await enqueue(m);
    expect(await rows()).toHaveLength(1);
  });

  it('puts back rows a crashed sender left “sending”, on start', async () => {
    await enqueue(mail(), mail());
    await dataSource.query(`UPDATE newsletter.outgoing_mail SET status = 'sending', attempts = 1, claimed_at = now()`);
    const transport = new FakeTransport();
    newSender(transport).start();
    await waitFor('both sent', async () => (await statuses()).every((s) => s === 'sent'));
    expect(transport.sent).toHaveLength(2);
    expect((await rows()).map((row) => row.attempts)).toEqual([2, 2]);
  });

  it('finishes the batch in flight when stopped, then closes the transport', async () => {
    await enqueue(mail(), mail(), mail());
    const transport = new FakeTransport();
    const held = transport.hold();
    const sender = newSender(transport);
    sender.start();
    await held;
    let stopped = false;
    const stopping = sender.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    expect(transport.closed).toBe(false);
    transport.release();
    await stopping;
    expect(await statuses()).toEqual(['sent', 'sent', 'sent']);
    expect(transport.closed).toBe(true);
    // Stopped means stopped: mail queued now waits for the next start.
    await enqueue(mail());
    expect(transport.calls).toBe(3);
  });

  it('claims the next batch while one is sent; stopping puts that batch back in the queue, its attempt not counted', async () => {
    await enqueue(mail(), mail(), mail(), mail(), mail());
    const transport = new FakeTransport();
    const held = transport.hold();
    const sender = newSender(transport, { batchSize: 2, concurrency: 2 });
    sender.start();
    await held;
    // The first batch is being sent; the second was claimed meanwhile; the fifth row waits.
    await waitFor('the next batch claimed ahead', async () => (await statuses()).filter((s) => s === 'sending').length === 4);
    const stopping = sender.stop();
    transport.release();
    await stopping;
    expect(transport.calls).toBe(2);
    expect((await rows()).map((row) => [row.status, row.attempts]).sort()).toEqual([
      ['queued', 0],
      ['queued', 0],
      ['queued', 0],
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('puts a batch claimed ahead back in the queue during an outage, and sends it once the server is back', async () => {
    for (let i = 0; i < 4; i++) await enqueue(mail());
    const queued = (await rows()).map((row) => row.recipient);
    const transport = new FakeTransport();
    transport.failures.push(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION', command: 'CONN' }));
    newSender(transport, { pollMs: 10, batchSize: 2, concurrency: 1, outage: { initialMs: 5, maxMs: 20 } }).start();
    await waitFor('all sent', async () => (await statuses()).every((s) => s === 'sent') && transport.sent.length === 4);
    // One refused connection, then each email once, the oldest batch first: the batch claimed ahead was neither tried nor sent before it.
    expect(transport.calls).toBe(5);
    const sent = transport.sent.map((email) => email.to);
    expect([sent.slice(0, 2).sort(), sent.slice(2).sort()]).toEqual([queued.slice(0, 2).sort(), queued.slice(2).sort()]);
    expect((await rows()).map((row) => row.attempts)).toEqual([1, 1, 1, 1]);
  });

  it('retries temporary failures with backoff and gives up after the last attempt', async () => {
    const transport = new FakeTransport();
    transport.failures.push(smtpError(450, 'try later'), smtpError(452, 'mailbox full'), smtpError(451, 'greylisted'));
    newSender(transport, { pollMs: 10, retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 40 } }).start();
    await enqueue(mail());
    const [row] = await waitFor('the row to fail', async () => {
      const r = await rows();
      return r[0]?.status === 'failed' && r;
    });
    expect(row.attempts).toBe(3);
    expect(row.last_error).toBe('EENVELOPE 451 greylisted');
    expect(transport.calls).toBe(3);
    expect(transport.sent).toEqual([]);
  });

  it('sends after a temporary failure once the backoff has passed', async () => {
    const transport = new FakeTransport();
    transport.failures.push(smtpError(450, 'mailbox busy'));
    newSender(transport, { pollMs: 10, retry: { maxAttempts: 8, initialBackoffMs: 300, maxBackoffMs: 300 } }).start();
    const started = Date.now();
    await enqueue(mail());
    await waitFor('the row to be sent', async () => (await statuses())[0] === 'sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(transport.sent).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ attempts: 2, last_error: 'EENVELOPE 450 mailbox busy' });
  });

  it('gives up at once on a 5xx, and on a row that must never be sent as it is', async () => {
    const transport = new FakeTransport();
    transport.failures.push(smtpError(550, 'no such user'));
    newSender(transport, { pollMs: 10 }).start();
    await enqueue(mail({ recipient: 'a-gone@example.org' }));
    // Written behind MailQueue's back: a subject with a line break never reaches a transport.
    await dataSource.query(
      `INSERT INTO newsletter.outgoing_mail (id, dedupe_key, kind, recipient, subject, text_body, html_body) VALUES ($1, $2, 'share', 'b-evil@example.org', $3, 't', 'h')`,
      [randomUUID(), `share:${randomUUID()}`, 'Bonjour\r\nBcc: everyone@example.org'],
    );
    await waitFor('both failed', async () => (await statuses()).every((s) => s === 'failed') && (await rows()).length === 2);
    const [gone, evil] = await rows();
    expect(gone).toMatchObject({ attempts: 1, last_error: 'EENVELOPE 550 no such user' });
    expect(evil.last_error).toContain('line break');
    expect(transport.calls).toBe(1);
  });

  it('personalises each alert with its subscriber’s links, and cancels those whose subscriber left meanwhile', async () => {
    const staying = await subscriber('confirmed');
    const leaving = await subscriber('confirmed');
    await subscriber('pending');
    const alert = { articleId: randomUUID(), sectionSlug: null, language: 'fr' };
    const { added } = await dataSource.transaction((tx) =>
      queue.addAlert(tx, alert, {
        subject: 'Un nouvel article',
        textBody: `Se désabonner : ${UNSUBSCRIBE_URL_PLACEHOLDER} Préférences : ${PREFERENCES_URL_PLACEHOLDER}`,
        htmlBody: `<a href="${UNSUBSCRIBE_URL_PLACEHOLDER}">Se désabonner</a>`,
        headers: { 'List-Unsubscribe': `<${UNSUBSCRIBE_URL_PLACEHOLDER}>` },
      }),
    );
    expect(added).toBe(2);
    await dataSource.query(`UPDATE newsletter.subscriber SET status = 'unsubscribed' WHERE id = $1`, [leaving.id]);

    const transport = new FakeTransport();
    newSender(transport).start();
    await waitFor('no row left to send', async () => !(await statuses()).some((s) => s === 'queued' || s === 'sending'));
    expect(transport.sent.map((email) => email.to)).toEqual([staying.email]);
    const [email] = transport.sent;
    const url = /^<(.+)>$/.exec(email.headers['List-Unsubscribe'])?.[1] ?? '';
    const token = new URL(url).searchParams.get('token');
    const links = new SubscriptionLinks(config);
    expect(links.readUnsubscribeToken(token)).toEqual({ id: staying.id, email: staying.email });
    const preferences = /Préférences : (\S+)/.exec(email.text)?.[1] ?? '';
    expect(links.readPreferencesToken(new URL(preferences).searchParams.get('token'))).toEqual({ id: staying.id, email: staying.email });
    expect(email.text).toBe(`Se désabonner : ${url} Préférences : ${preferences}`);
    expect(email.html).toBe(`<a href="${url}">Se désabonner</a>`);
    const byRecipient = Object.fromEntries((await rows()).map((row) => [row.recipient, row.status]));
    expect(byRecipient).toEqual({ [staying.email]: 'sent', [leaving.email]: 'cancelled' });

    // The same fan-out again adds nothing; nor does the same mailing under other dedupe keys.
    expect((await dataSource.transaction((tx) => queue.addAlert(tx, alert, { subject: 's', textBody: 't', htmlBody: 'h' }))).added).toBe(0);
    const [{ id: mailingId }] = await dataSource.query(`SELECT id FROM newsletter.mailing WHERE key = $1`, [`alert:${alert.articleId}`]);
    await expect(
      enqueue(mail({ dedupeKey: `alert:other-key:${staying.id}`, kind: 'alert', recipient: staying.email, subscriberId: staying.id, mailingId })),
    ).resolves.toBeUndefined();
    expect((await rows()).filter((row) => row.recipient === staying.email)).toHaveLength(1);
  });

  it('does not use up attempts while the mail server is unreachable, pauses, and sends everything once it is back', async () => {
    const transport = new FakeTransport();
    const down = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNECTION', command: 'CONN' });
    // More failures than attempts allowed: an outage must not exhaust them.
    for (let i = 0; i < 12; i++) transport.failures.push(down());
    newSender(transport, { pollMs: 10, concurrency: 1, retry: { maxAttempts: 3, initialBackoffMs: 10, maxBackoffMs: 10 }, outage: { initialMs: 5, maxMs: 20 } }).start();
    await enqueue(mail(), mail(), mail());
    await waitFor('all sent', async () => (await statuses()).every((s) => s === 'sent') && (await rows()).length === 3);
    expect(transport.sent).toHaveLength(3);
    expect(new Set(transport.sent.map((email) => email.to)).size).toBe(3);
    expect(transport.calls).toBe(15);
    expect((await rows()).map((row) => row.attempts)).toEqual([1, 1, 1]);
    expect((await rows()).some((row) => row.last_error?.includes('ECONNREFUSED'))).toBe(true);
  });

  it('bounces an address refused for good at RCPT TO: suppressed, subscriber bounced, its other queued mail cancelled', async () => {
    const gone = await subscriber('confirmed');
    const transport = new FakeTransport();
    transport.failures.push(Object.assign(smtpError(550, 'no such user'), { command: 'RCPT TO' }));
    await enqueue(
      mail({ dedupeKey: `confirmation:${gone.id}:1`, kind: 'confirmation', recipient: gone.email, subscriberId: gone.id }),
      mail({ dedupeKey: `share:later`, recipient: gone.email }),
    );
    await dataSource.query(`UPDATE newsletter.outgoing_mail SET next_attempt_at = now() + interval '1 hour' WHERE dedupe_key = 'share:later'`);
    newSender(transport, { pollMs: 10 }).start();
    await waitFor('the bounce', async () => (await statuses()).includes('bounced'));
    await waitFor('the other cancelled', async () => (await statuses()).includes('cancelled'));
    const [s] = await dataSource.query(`SELECT status, bounced_at FROM newsletter.subscriber WHERE id = $1`, [gone.id]);
    expect(s.status).toBe('bounced');
    expect(s.bounced_at).toBeInstanceOf(Date);
    const [suppression] = await dataSource.query(`SELECT address_hash, reason FROM newsletter.suppression`);
    expect(suppression).toEqual({ address_hash: addressHash(config.APP_SECRET, gone.email), reason: 'bounced' });
    expect(JSON.stringify(suppression)).not.toContain(gone.email);
    const [consent] = await dataSource.query(`SELECT action, source FROM newsletter.consent WHERE subscriber_id = $1`, [gone.id]);
    expect(consent).toEqual({ action: 'bounced', source: 'mail server' });

    // Anything queued to that address later is dropped before it reaches the transport.
    await enqueue(mail({ recipient: gone.email }));
    await waitFor('dropped', async () => (await rows()).filter((row) => row.status === 'cancelled').length === 2);
    expect(transport.sent).toEqual([]);
    expect(transport.calls).toBe(1);
  });

  it('keeps a friend who refused suggestions from shares only', async () => {
    const friend = 'ami@example.org';
    await dataSource.query(`INSERT INTO newsletter.suppression (address_hash, reason) VALUES ($1, 'no-suggestions')`, [addressHash(config.APP_SECRET, friend)]);
    const transport = new FakeTransport();
    newSender(transport, { pollMs: 10 }).start();
    await enqueue(mail({ recipient: friend }), mail({ dedupeKey: 'confirmation:x:1', kind: 'confirmation', recipient: friend }));
    await waitFor('both done', async () => (await rows()).every((row) => row.status === 'sent' || row.status === 'cancelled') && (await rows()).length === 2);
    expect(transport.sent.map((email) => email.subject)).toHaveLength(1);
    expect(Object.fromEntries((await dataSource.query(`SELECT kind, status FROM newsletter.outgoing_mail`)).map((r: { kind: string; status: string }) => [r.kind, r.status]))).toEqual({
      share: 'cancelled',
      confirmation: 'sent',
    });
  });

  it('refuses to queue outside a transaction, a subject on two lines, or a header that is not wire-ready', async () => {
    await expect(queue.add(dataSource.manager, mail())).rejects.toThrow('open transaction');
    await expect(enqueue(mail({ subject: 'a\nBcc: x@example.org' }))).rejects.toThrow('one line');
    await expect(enqueue(mail({ headers: { 'List-Id': 'Mairie de Saint-Aubin-des-Prés <newsletter.example.org>' } }))).rejects.toThrow('wire-ready');
    await expect(enqueue(mail({ headers: { 'X-Evil': 'a\r\nBcc: x@example.org' } }))).rejects.toThrow('wire-ready');
    expect(await rows()).toEqual([]);
  });
});
