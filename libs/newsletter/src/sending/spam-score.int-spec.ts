import { testConfig } from '@newsroom/platform/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alertMail } from '../alerts/alert-mail';
import { digestMail } from '../digests/digest-mail';
import { newsletterSiteOf } from '../newsletter-site';
import { SubscriptionLinks } from '../subscriptions/subscription-links';
import type { MailContent } from './mail-queue';
import { fileTransport } from './mail-transport';
import { personalise } from './personalise';

const SPAMASSASSIN = ['/usr/bin/spamassassin', '/usr/local/bin/spamassassin'].find((bin) => existsSync(bin));
const config = testConfig({ PUBLIC_URL: 'https://actualites.saint-aubin.example.fr', SITE_NAME: 'Mairie de Saint-Aubin', MAIL_FROM: 'Mairie de Saint-Aubin <presse@saint-aubin.example.fr>' });
const site = newsletterSiteOf(config);
const links = new SubscriptionLinks(config);

const articles = [
  {
    title: 'Rue des Tilleuls : trois semaines de travaux sur les canalisations',
    summary: 'Le renouvellement des canalisations commence le 17 mars ; l’eau sera coupée chaque mardi matin de 8 h à 12 h. Les riverains recevront un avis dans leur boîte aux lettres.',
    url: 'https://actualites.saint-aubin.example.fr/articles/rue-des-tilleuls-travaux',
    publishedOn: '2024-05-02',
    section: 'Vie locale',
  },
  {
    title: 'La médiathèque ouvre le dimanche matin à partir de juin',
    summary: 'Après une consultation des habitants, la médiathèque municipale accueillera le public le dimanche de 10 h à 13 h, avec un atelier de lecture pour les enfants.',
    url: 'https://actualites.saint-aubin.example.fr/articles/mediatheque-dimanche',
    publishedOn: '2024-05-01',
    section: 'Culture',
  },
];

/** The email as the sender writes it for one subscriber (their own signed links), through nodemailer, as an .eml file. */
async function written(dir: string, content: MailContent): Promise<string> {
  const subscriber = { id: randomUUID(), email: 'claire.martin@example.org' };
  const mail = personalise({ textBody: content.textBody, htmlBody: content.htmlBody, headers: content.headers ?? {} }, links.unsubscribeUrl(subscriber), links.preferencesUrl(subscriber));
  const sent = await fileTransport(dir).send({
    from: site.mailFrom,
    to: subscriber.email,
    subject: content.subject,
    text: mail.textBody,
    html: mail.htmlBody,
    headers: mail.headers,
    messageId: `<${randomUUID()}@${site.host}>`,
  });
  return readFile(sent.file ?? '', 'utf8');
}

function spamScore(message: string): Promise<{ score: number; report: string }> {
  return new Promise((resolve, reject) => {
    // -L: local tests only (no DNS blocklists, no network); -t: the report with every rule that hit.
    const child = execFile(SPAMASSASSIN ?? 'spamassassin', ['-L', '-t'], { maxBuffer: 10 * 1024 * 1024, timeout: 60_000 }, (error, stdout) => {
      if (error) return reject(error);
      const score = /^X-Spam-Status: \w+, score=(-?\d+(?:\.\d+)?)/m.exec(stdout)?.[1];
      if (score === undefined) return reject(new Error(`no X-Spam-Status in the output:\n${stdout.slice(0, 2000)}`));
      resolve({ score: Number(score), report: stdout.slice(stdout.indexOf('Content analysis details')) });
    });
    child.stdin?.end(message);
  });
}

const maybe = SPAMASSASSIN ? describe : describe.skip;
if (!SPAMASSASSIN) console.warn('spam-score.int-spec: SKIPPED — the spamassassin binary is not installed (Debian package spamassassin)');

maybe('SpamAssassin (local tests) on the newsletter’s emails', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'newsroom-spam-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('scores a sample alert below 2.0', async () => {
    const { score, report } = await spamScore(await written(dir, alertMail(articles[0], site)));
    if (process.env.SHOW_SPAM_REPORT) console.log(report);
    if (score >= 2) throw new Error(`alert scored ${score}:\n${report}`);
    expect(score).toBeLessThan(2);
  });

  it('scores a sample digest below 2.0', async () => {
    const { score, report } = await spamScore(await written(dir, digestMail(articles, site, { kind: 'daily-digest', localDate: '2024-05-02' })));
    if (process.env.SHOW_SPAM_REPORT) console.log(report);
    if (score >= 2) throw new Error(`digest scored ${score}:\n${report}`);
    expect(score).toBeLessThan(2);
  });
});
