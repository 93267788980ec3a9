import { waitFor } from '@newsroom/messaging/testing';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startNewsletter, type NewsletterHarness } from '../../testing/newsletter-harness';
import { startSmtpSink, type SmtpSink } from '../../testing/smtp-sink';

const CHROMIUM = '/usr/bin/chromium';

/**
 * The subscription form in a real browser (Debian's Chromium): with JavaScript the page's script solves the
 * proof of work and the request takes the usual path; without JavaScript the form still subscribes, on the
 * slower path. Whether a request carried a valid proof shows in which limit it meets: 3 requests an hour from
 * one client without it, more with it.
 */
describe('the subscription form in Chromium', () => {
  let dataDir: string;
  let sink: SmtpSink;
  let t: NewsletterHarness;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    dataDir = await mkdtemp(path.join(tmpdir(), 'newsroom-form-'));
    sink = await startSmtpSink();
    t = await startNewsletter({ DATA_DIR: dataDir, SMTP_URL: sink.url });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await sink?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const subscribeIn = async (javaScriptEnabled: boolean, ip: string, email: string) => {
    const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'X-Forwarded-For': ip } });
    const page = await context.newPage();
    await page.goto(`${base}/newsletter/subscribe`);
    await page.getByLabel('Votre adresse électronique').fill(email);
    await page.getByRole('button', { name: 'S’abonner' }).click();
    await page.waitForLoadState('load');
    const heading = await page.locator('h1').textContent();
    await context.close();
    return { heading };
  };

  it('solves the proof of work while the visitor types: five requests from one client all take the usual path', async () => {
    for (let i = 1; i <= 5; i++) {
      const { heading } = await subscribeIn(true, '203.0.113.10', `lecteur-js-${i}@example.org`);
      expect(heading).toBe('Vérifiez votre boîte de réception…');
    }
    await waitFor('five confirmation emails', async () => sink.received.filter((mail) => mail.envelope.to[0]?.startsWith('lecteur-js-')).length === 5);
  });

  it('still subscribes without JavaScript, on the slower path (the fourth request of the hour is refused, saying why)', async () => {
    for (let i = 1; i <= 3; i++) expect((await subscribeIn(false, '203.0.113.20', `lecteur-sans-js-${i}@example.org`)).heading).toBe('Vérifiez votre boîte de réception…');
    expect((await subscribeIn(false, '203.0.113.20', 'lecteur-sans-js-4@example.org')).heading).toBe('Trop de demandes');
    const [{ n }] = await t.db().query(`SELECT count(*)::int AS n FROM newsletter.subscriber WHERE email LIKE 'lecteur-sans-js-%'`);
    expect(n).toBe(3);
  });
});
