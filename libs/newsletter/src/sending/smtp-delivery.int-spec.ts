import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkDkim } from '../testing/dkim-verify';
import { articlePublished, shareRequested, startNewsletter, type NewsletterHarness } from '../testing/newsletter-harness';
import { rawHeader, startSmtpSink, type SmtpSink } from '../testing/smtp-sink';

const confirmedSubscribers = async (t: NewsletterHarness, tag: string, count: number): Promise<string[]> => {
  const rows: { email: string }[] = await t.db().query(
    `INSERT INTO newsletter.subscriber (id, email, status, consent_source, requested_at, confirmed_at, updated_at)
     SELECT gen_random_uuid(), 'lecteur-' || g || '-' || $1 || '@example.org', 'confirmed', 'test', now(), now(), now() FROM generate_series(1, $2::int) g
     RETURNING email`,
    [tag, count],
  );
  return rows.map((row) => row.email);
};

/**
 * Sending through a real SMTP server that goes away and comes back: the alerts of a mailing wait, nothing
 * is lost, nothing is sent twice, and no attempt is used up by the outage.
 */
describe('sending while the SMTP server is down for a while (PostgreSQL, real SMTP server)', () => {
  let db: TestDatabase;
  let sink: SmtpSink;
  let t: NewsletterHarness;

  beforeAll(async () => {
    db = await createTestDatabase('newsletter_smtp_test');
    sink = await startSmtpSink();
    t = await startNewsletter({ DATABASE_URL: db.url, SMTP_URL: sink.url }, { retry: { maxAttempts: 3, initialBackoffMs: 50, maxBackoffMs: 100 } });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await db?.drop();
  });

  it('keeps every alert queued while the server refuses connections, then sends each exactly once when it is back', async () => {
    const readers = await confirmedSubscribers(t, 'panne', 40);
    sink.goDown();
    const event = articlePublished({ title: 'Coupure d’eau mardi matin' });
    await t.deliver(event);
    // The sender has tried and been turned away several times, more than the 3 attempts a row may use.
    await waitFor('several refused connections', async () => sink.connectionsCut >= 6);
    await t.redeliver(event);
    const waiting: { status: string; attempts: number }[] = await t.db().query(`SELECT status, attempts FROM newsletter.outgoing_mail WHERE kind = 'alert'`);
    expect(waiting).toHaveLength(40);
    expect(waiting.every((row) => row.status === 'queued' || row.status === 'sending')).toBe(true);
    expect(sink.received).toHaveLength(0);

    sink.comeBack();
    await waitFor('every alert sent', async () => {
      const [{ n }] = await t.db().query(`SELECT count(*)::int AS n FROM newsletter.outgoing_mail WHERE kind = 'alert' AND status = 'sent'`);
      return n === 40;
    });
    for (const reader of readers) expect(sink.to(reader)).toHaveLength(1);
    expect(sink.received.filter((mail) => mail.parsed.subject === event.data.title)).toHaveLength(40);
    const attempts: { attempts: number }[] = await t.db().query(`SELECT DISTINCT attempts FROM newsletter.outgoing_mail WHERE kind = 'alert'`);
    expect(attempts).toEqual([{ attempts: 1 }]);
    // The mailing's progress, as the admin sees it.
    const progress = await t.db().query(
      `SELECT m.key, count(*) FILTER (WHERE o.status = 'sent')::int AS sent FROM newsletter.mailing m JOIN newsletter.outgoing_mail o ON o.mailing_id = m.id GROUP BY m.key`,
    );
    expect(progress).toEqual([{ key: `alert:${event.data.articleId}`, sent: 40 }]);
  });

  it('gives every email the headers mail providers look for', async () => {
    const [reader] = await confirmedSubscribers(t, 'entetes', 1);
    const event = articlePublished({ title: 'Les horaires d’été de la piscine' });
    await t.deliver(event);
    const mail = await waitFor('the alert', async () => sink.to(reader)[0]);
    expect(mail.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@actualites\.saint-aubin\.example\.fr>$/);
    expect(mail.parsed.date).toBeInstanceOf(Date);
    expect(rawHeader(mail.parsed, 'List-Id')).toBeDefined();
    expect(rawHeader(mail.parsed, 'List-Unsubscribe')).toMatch(/^<https:\/\/.+\/newsletter\/unsubscribe\?token=.+>$/);
    expect(rawHeader(mail.parsed, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.parsed.text).toContain('Se désabonner : https://');
    expect(String(mail.parsed.html)).toContain('prefers-color-scheme: dark');
  });
});

describe('DKIM signing (embedded database, real SMTP server)', () => {
  let dataDir: string;
  let sink: SmtpSink;
  let t: NewsletterHarness;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-dkim-'));
    const keyFile = path.join(dataDir, 'dkim.pem');
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    sink = await startSmtpSink();
    t = await startNewsletter({ DATA_DIR: dataDir, SMTP_URL: sink.url, DKIM_DOMAIN: 'saint-aubin.example.fr', DKIM_SELECTOR: 'presse2026', DKIM_PRIVATE_KEY_FILE: keyFile });
  });

  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs every email with the configured key: the signature verifies, and fails once the message is altered', async () => {
    const event = shareRequested({ senderName: 'Jeanne Lefèvre', note: 'Regarde ça — c’est près de chez toi.' });
    await t.deliver(event);
    const mail = await waitFor('the share', async () => sink.to(event.data.friendEmail)[0]);
    const check = checkDkim(mail.raw, publicKey);
    expect(check.tags).toMatchObject({ v: '1', a: 'rsa-sha256', d: 'saint-aubin.example.fr', s: 'presse2026', c: 'relaxed/relaxed' });
    for (const header of ['from', 'subject', 'date', 'message-id', 'to']) expect(check.tags.h.toLowerCase().split(':')).toContain(header);
    expect(check.bodyHashMatches).toBe(true);
    expect(check.signatureValid).toBe(true);

    const tampered = mail.raw.toString('latin1').replace(/^Subject: .*$/m, 'Subject: =?UTF-8?Q?Autre_chose?=');
    expect(checkDkim(tampered, publicKey).signatureValid).toBe(false);
    const otherKey = createPublicKey(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    expect(checkDkim(mail.raw, otherKey).signatureValid).toBe(false);
  });
});
