import AxeBuilder from '@axe-core/playwright';
import { createTestDatabase, type TestDatabase } from '@newsroom/messaging/testing';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { approval, correction, startPublishing, withdrawal, type PublishingHarness } from './testing/publishing-harness';

/**
 * Every page type and feed through the real checkers: the Nu HTML Checker (vnu-jar, one JVM for all pages),
 * Debian's python3-feedparser, axe in Chromium, and the print view printed to PDF by Chromium.
 */
describe('The public site, checked', () => {
  let db: TestDatabase;
  let t: PublishingHarness;
  let origin: string;
  let browser: Browser;
  let dir: string;
  const pages: Record<string, { path: string; status: number }> = {};
  const paragraphs = [
    'Les deux pays ont signé ce matin un accord de coopération culturelle, annonce le ministère.',
    'L’accord prévoit des échanges d’étudiants, des expositions croisées & des résidences d’artistes.',
    'Une première exposition ouvrira au printemps à Lyon ; l’entrée sera libre.',
  ];

  beforeAll(async () => {
    db = await createTestDatabase('publishing_validation_test');
    t = await startPublishing({ DATABASE_URL: db.url });
    await t.app.listen(0, '127.0.0.1');
    origin = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), 'publishing-validation-'));

    const article = approval({ title: 'Coopération culturelle : l’accord signé', section: 'Relations bilatérales', paragraphs });
    await t.deliver(article);
    await t.deliver(correction(article.data.articleId, 2, { title: 'Coopération culturelle : l’accord signé', section: 'Relations bilatérales', paragraphs, correctionNote: 'La ville de l’exposition a été corrigée.' }));
    const english = approval({ title: 'Cultural cooperation: agreement signed', language: 'en', section: 'Relations bilatérales', paragraphs: ['Both countries signed a cultural cooperation agreement.'] });
    await t.deliver(english);
    for (let i = 1; i <= 21; i++) await t.deliver(approval({ title: `Services presse : note numéro ${i}`, section: 'Services presse et médias', publishedOn: '2019-01-01' }));
    const withdrawn = approval({ title: 'Article retiré ensuite' });
    await t.deliver(withdrawn);
    await t.deliver(withdrawal(withdrawn.data.articleId));

    Object.assign(pages, {
      home: { path: '/', status: 200 },
      homePage2: { path: '/?page=2', status: 200 },
      homeEnglish: { path: '/?lang=en', status: 200 },
      section: { path: '/rubriques/services-presse-et-medias', status: 200 },
      emptySection: { path: '/rubriques/qui-sommes-nous', status: 200 },
      article: { path: '/articles/cooperation-culturelle-l-accord-signe', status: 200 },
      englishArticle: { path: '/articles/cultural-cooperation-agreement-signed', status: 200 },
      print: { path: '/articles/cooperation-culturelle-l-accord-signe/print', status: 200 },
      share: { path: '/articles/cooperation-culturelle-l-accord-signe/share', status: 200 },
      shareSent: { path: '/articles/cooperation-culturelle-l-accord-signe/share?envoye=1', status: 200 },
      search: { path: '/recherche?q=cooperation', status: 200 },
      searchNothing: { path: '/recherche?q=zzz', status: 200 },
      notFound: { path: '/articles/nulle-part', status: 404 },
      gone: { path: '/articles/article-retire-ensuite', status: 410 },
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('serves every page type as HTML the Nu HTML Checker finds no error in', async () => {
    const files: string[] = [];
    for (const [name, { path: pagePath, status }] of Object.entries(pages)) {
      const res = await t.http().get(pagePath).expect(status);
      const file = path.join(dir, `${name}.html`);
      await writeFile(file, res.text);
      files.push(file);
    }
    // A control document with one known error: proof that the checker read the files given to it.
    const control = path.join(dir, 'control.html');
    await writeFile(control, '<!DOCTYPE html><html lang="fr"><head><title>x</title></head><body><p><div></p></body></html>');
    const run = spawnSync('java', ['-jar', 'node_modules/vnu-jar/build/dist/vnu.jar', '--format', 'json', '--stdout', ...files, control], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const report: { messages: { type: string; subType?: string; url: string; message: string; extract?: string }[] } = JSON.parse(run.stdout);
    const errors = report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal').map((m) => `${path.basename(m.url)}: ${m.message} [${m.extract ?? ''}]`);
    expect(errors.filter((e) => !e.startsWith('control.html'))).toEqual([]);
    expect(errors.filter((e) => e.startsWith('control.html')).length).toBeGreaterThan(0);
  }, 180_000);

  it('serves feeds feedparser reads without error (bozo 0), with every entry', async () => {
    const feeds = ['/feed.xml', '/atom.xml', '/rubriques/services-presse-et-medias/feed.xml', '/rubriques/services-presse-et-medias/atom.xml', '/rubriques/qui-sommes-nous/atom.xml'];
    const script = `
import feedparser, json, sys
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out.append({"bozo": int(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version, "entries": len(d.entries), "title": d.feed.get("title"), "first": d.entries[0].get("link") if d.entries else None})
print(json.dumps(out))
`;
    const files: string[] = [];
    for (const [i, feed] of feeds.entries()) {
      const file = path.join(dir, `feed-${i}.xml`);
      await writeFile(file, (await t.http().get(feed).expect(200)).text);
      files.push(file);
    }
    const parsed: { bozo: number; error: string; version: string; entries: number; first: string | null }[] = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }));
    expect(parsed.map((p) => [p.bozo, p.error])).toEqual(feeds.map(() => [0, '']));
    expect(parsed.map((p) => p.version)).toEqual(['rss20', 'atom10', 'rss20', 'atom10', 'atom10']);
    expect(parsed.map((p) => p.entries)).toEqual([23, 23, 21, 21, 0]);
    expect(parsed[0].first).toMatch(/^http:\/\/news\.test\/articles\//);
  }, 60_000);

  it('has no serious or critical axe violation on any page type', async () => {
    const context = await browser.newContext();
    const found: string[] = [];
    for (const [name, { path: pagePath }] of Object.entries(pages)) {
      const page = await context.newPage();
      await page.goto(`${origin}${pagePath}`);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) found.push(`${name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      await page.close();
    }
    await context.close();
    expect(found).toEqual([]);
  }, 180_000);

  it('prints the print view to PDF with the full text, the permanent address and no navigation', async () => {
    const page = await browser.newPage();
    await page.goto(`${origin}${pages.print.path}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBeGreaterThanOrEqual(1);

    const expected = [...paragraphs, 'http://news.test/articles/cooperation-culturelle-l-accord-signe', 'La ville de l’exposition a été corrigée.'];
    const text = pdfText(pdf, dir) ?? (await page.locator('body').innerText());
    const flat = text.replace(/\s+/g, ' ');
    for (const line of expected) expect(flat).toContain(line);
    for (const chrome of ['Accueil', 'Suggest To A Friend', 'Recevoir nos articles', 'Rechercher']) expect(flat).not.toContain(chrome);
    // Nothing of the site's chrome is even in the printed document.
    expect(await page.locator('nav, form, header.site, .actions').count()).toBe(0);
    await page.close();
  }, 60_000);
});

/**
 * The PDF's text through poppler's pdftotext when it is installed; null otherwise, and the test reads the
 * print-media DOM's rendered text (innerText, which leaves out what print CSS hides) instead.
 */
function pdfText(pdf: Buffer, dir: string): string | null {
  if (spawnSync('pdftotext', ['-v']).error) return null;
  const file = path.join(dir, 'print.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}
