import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import { EditorialModule } from '@newsroom/editorial';
import { IngestionModule } from '@newsroom/ingestion';
import { waitFor } from '@newsroom/messaging/testing';
import { NewsletterModule } from '@newsroom/newsletter';
import { startOnEmbeddedDatabase, type EmbeddedApp } from '@newsroom/platform/testing';
import { PublishingModule } from '@newsroom/publishing';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN_PASSWORD = 'mot-de-passe-admin-2026';

const COMMUNIQUE = `Journée portes ouvertes à la résidence
2026-03-01

La résidence ouvre ses portes au public le samedi 14 mars, de 10 heures à 17 heures.

Les visiteurs découvriront les salons de réception & le jardin ; l’entrée est libre, sur présentation d’une pièce d’identité.
`;

/** The `<article>` element of a page, as the server sent it (bytes, not the browser's reading of them). */
function articleElement(page: string): string {
  const found = /<article[\s>][\s\S]*?<\/article>/.exec(page);
  if (!found) throw new Error(`no <article> in ${page.slice(0, 200)}`);
  return found[0];
}

/**
 * The four services in one process, as `npm start` runs them on the embedded database, in Chromium: a
 * communiqué goes through ingestion, the administrator previews it in the admin, approves it, and opens
 * the public page in the same browser, whose `<article>` is byte for byte the preview's.
 */
describe('from the admin to the public site (standalone, Chromium)', () => {
  let embedded: EmbeddedApp;
  let app: INestApplication;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    embedded = await startOnEmbeddedDatabase([IngestionModule, EditorialModule, PublishingModule, NewsletterModule], { env: { ADMIN_PASSWORD } });
    app = embedded.app;
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await embedded?.close();
  });

  it('approves a draft in the admin and shows it on the public site exactly as previewed', async () => {
    const session = await fetch(`${base}/api/editorial/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@newsroom.local', password: ADMIN_PASSWORD }) });
    const { token } = (await session.json()) as { token: string };
    // An upload (the test host has no text/plain body parser; `npm start` has both).
    const upload = new FormData();
    upload.append('file', new Blob([COMMUNIQUE], { type: 'text/plain; charset=utf-8' }), 'portes-ouvertes.txt');
    const ingested = await fetch(`${base}/api/ingestion/communiques?source=test`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: upload });
    const answer = await ingested.text();
    expect(`${ingested.status} ${answer}`).toMatch(/^20[01] /);
    const { communiqueId } = JSON.parse(answer) as { communiqueId: string };
    const articleId = await waitFor('the draft', async () => {
      const response = await fetch(`${base}/api/editorial/articles?communiqueId=${communiqueId}`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as { articles: Array<{ id: string }> }).articles[0]?.id;
    });

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin/articles/${articleId}`);
    await page.getByLabel('Adresse e-mail').fill('admin@newsroom.local');
    await page.getByLabel('Mot de passe').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    const title = 'Journée portes ouvertes à la résidence';
    await page.frameLocator('#apercu-cadre').getByRole('heading', { level: 1, name: title }).waitFor();
    const preview = await page.locator('#apercu-cadre').getAttribute('srcdoc');

    await page.locator('form#approve').getByRole('button', { name: 'Approuver' }).click();
    await page.getByRole('status').getByText('est approuvé').waitFor();

    // The public site, in the same browser: the home page lists it once publishing has rendered it.
    await waitFor('the article on the home page', async () => {
      await page.goto(`${base}/`);
      return (await page.getByRole('link', { name: title }).count()) > 0 || undefined;
    });
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.getByText('l’entrée est libre, sur présentation d’une pièce d’identité.', { exact: false }).waitFor();
    const serious = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious).toEqual([]);

    const published = await (await page.request.get(page.url())).text();
    expect(articleElement(published)).toBe(articleElement(preview ?? ''));
    await page.close();
  });
});
