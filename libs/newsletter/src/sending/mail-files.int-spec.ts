import { simpleParser, type ParsedMail } from 'mailparser';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitFor } from '@newsroom/messaging/testing';
import * as cheerio from 'cheerio';
import { articlePublished, PUBLIC_URL, SITE_NAME, startNewsletter, type NewsletterHarness } from '../testing/newsletter-harness';

/**
 * What `npm start` users get: no SMTP_URL, so every email is an .eml file under DATA_DIR/mail; and the
 * embedded database (PGlite), so the newsletter's migrations and SQL (the INSERT ... SELECT fan-out,
 * the SKIP LOCKED claim) run there as on PostgreSQL.
 */
describe('newsletter without SMTP_URL, on the embedded database', () => {
  let dataDir: string;
  let t: NewsletterHarness;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-newsletter-'));
    t = await startNewsletter({ DATA_DIR: dataDir });
  });

  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const mailDir = () => path.join(dataDir, 'mail');
  const files = async () => (await readdir(mailDir()).catch(() => [] as string[])).filter((name) => name.endsWith('.eml')).sort();
  const parsedFiles = async (): Promise<ParsedMail[]> => Promise.all((await files()).map(async (name) => simpleParser(await readFile(path.join(mailDir(), name)))));
  const mailTo = (address: string, subject: (s: string) => boolean) =>
    waitFor(`an .eml file for ${address}`, async () =>
      (await parsedFiles()).find((mail) => mail.to && !Array.isArray(mail.to) && mail.to.value[0]?.address === address && subject(mail.subject ?? '')),
    );

  it('writes the confirmation email as an .eml file named after its row, whose link confirms', async () => {
    const email = 'lecteur@example.org';
    await t.http().post('/api/newsletter/subscriptions').send({ email }).expect(202);
    const mail = await mailTo(email, (s) => s === `Confirmez votre abonnement à ${SITE_NAME}`);
    const [row] = await t.db().query(`SELECT id, status, message_id FROM newsletter.outgoing_mail WHERE recipient = $1`, [email]);
    expect(row).toMatchObject({ status: 'sent', message_id: `<${row.id}@${new URL(PUBLIC_URL).hostname}>` });
    expect(mail.messageId).toBe(row.message_id);
    expect((await files()).filter((name) => name.endsWith(`-${row.id}.eml`))).toHaveLength(1);
    // newline: 'unix'
    const raw = await readFile(path.join(mailDir(), (await files()).find((name) => name.endsWith(`-${row.id}.eml`)) ?? ''), 'utf8');
    expect(raw).not.toContain('\r\n');

    const link = /https:\/\/\S+\/newsletter\/confirm\?token=\S+/.exec(mail.text ?? '')?.[0] ?? '';
    const token = new URL(link).searchParams.get('token');
    await t.http().post('/newsletter/confirm').type('form').send({ token }).expect(200);
    const [subscriber] = await t.db().query(`SELECT status FROM newsletter.subscriber WHERE email = $1`, [email]);
    expect(subscriber.status).toBe('confirmed');
  });

  it('writes one alert per confirmed subscriber, with its own unsubscribe link', async () => {
    const event = articlePublished({ title: 'Le conseil municipal se réunit jeudi', publishedOn: '2020-07-16' });
    await t.deliver(event);
    const mail = await mailTo('lecteur@example.org', (s) => s === event.data.title);
    expect(mail.text).toContain('16 juillet 2020');
    expect(mail.text).toContain(`Lire l'article : ${event.data.url}`);
    const $ = cheerio.load(String(mail.html));
    const unsubscribe = $('a').last().attr('href') ?? '';
    expect(unsubscribe).toMatch(/\/newsletter\/unsubscribe\?token=/);
    await t.http().post(unsubscribe.slice(PUBLIC_URL.length)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const [subscriber] = await t.db().query(`SELECT status FROM newsletter.subscriber WHERE email = $1`, ['lecteur@example.org']);
    expect(subscriber.status).toBe('unsubscribed');
  });
});
