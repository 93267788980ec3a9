import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createEvent } from '@newsroom/contracts';
import { HEADERS, TRANSPORT, type Transport } from '@newsroom/messaging';
import { waitFor } from '@newsroom/messaging/testing';
import { startOnEmbeddedDatabase, type EmbeddedApp } from '@newsroom/platform/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../accounts/password';
import { EditorialModule } from '../editorial.module';

const CHROMIUM = '/usr/bin/chromium';
const ADMIN_PASSWORD = 'mot-de-passe-admin-2026';

/**
 * The admin in a real browser (Debian's Chromium driven by playwright-core): sign in, edit, submit, request
 * changes, approve with a publication time, the conflict of two editors, and axe on every page type.
 */
describe('the admin in Chromium', () => {
  let embedded: EmbeddedApp;
  let app: INestApplication;
  let base: string;
  let browser: Browser;
  let dataSource: DataSource;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    embedded = await startOnEmbeddedDatabase([EditorialModule], { env: { ADMIN_PASSWORD } });
    app = embedded.app;
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    dataSource = app.get<DataSource>(getDataSourceToken('editorial'));
    for (const [email, name, role] of [
      ['claire@example.org', 'Claire Martin', 'editor'],
      ['marc@example.org', 'Marc Petit', 'editor'],
      ['paul@example.org', 'Paul Durand', 'contributor'],
    ] as const) {
      await dataSource.query(`INSERT INTO editorial.user_account (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), email, name, role, await hashPassword('secret-password-1')]);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await embedded?.close();
  });

  async function receive(title: string): Promise<string> {
    const communiqueId = randomUUID();
    const event = createEvent(
      'ingestion.communique.received',
      {
        communiqueId,
        source: { kind: 'text', name: null },
        checksum: 'f'.repeat(64),
        title,
        titleGenerated: false,
        publishedOn: '2026-03-01',
        section: 'Relations bilatérales',
        language: 'fr',
        paragraphs: ['Le ministre arrive mardi.', '<script>window.pwned = true</script> Texte sans danger.'],
        receivedAt: new Date().toISOString(),
      },
      { aggregateId: communiqueId },
    );
    await app.get<Transport>(TRANSPORT).publish([{ topic: 'ingestion.communique', key: communiqueId, value: JSON.stringify(event), headers: { [HEADERS.eventType]: event.type } }]);
    return waitFor('the draft', async () => {
      const rows: Array<{ id: string }> = await dataSource.query(`SELECT id FROM editorial.article WHERE communique_id = $1`, [communiqueId]);
      return rows[0]?.id;
    });
  }

  async function signIn(email: string, password = 'secret-password-1'): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('heading', { name: 'Articles' }).waitFor();
    return page;
  }

  async function expectAccessible(page: Page, what: string): Promise<void> {
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${what}: ${v.id} (${v.impact}) ${v.help}`);
    expect(serious).toEqual([]);
  }

  it('takes a draft from the contributor to the editor, with changes requested, and approves it for a given time', async () => {
    const id = await receive('Visite du ministre à Lyon');
    const paul = await signIn('paul@example.org');
    await expectAccessible(paul, 'inbox');
    await paul.getByRole('link', { name: 'Visite du ministre à Lyon' }).click();
    // What a communiqué says is only ever text.
    expect(await paul.evaluate(() => (globalThis as unknown as { pwned?: boolean }).pwned)).toBeUndefined();
    await expectAccessible(paul, 'article page');
    await paul.getByLabel('Titre').fill('Visite du ministre à Lyon et à Grenoble');
    await paul.getByLabel(/^Texte/).fill('Le ministre arrive mercredi.\n\nTexte sans danger.');
    await paul.getByRole('button', { name: 'Enregistrer une nouvelle révision' }).click();
    await paul.getByRole('heading', { level: 1, name: 'Visite du ministre à Lyon et à Grenoble' }).waitFor();
    await expect(paul.locator('#differences').textContent()).resolves.toContain('Différences entre le texte reçu et la révision 2');
    expect(await paul.locator('.diff del').allTextContents()).toContain('mardi.');
    await paul.getByRole('button', { name: 'Soumettre à la relecture' }).click();
    await paul.getByText('En relecture', { exact: true }).waitFor();
    expect(await paul.getByRole('button', { name: 'Approuver' }).count()).toBe(0);

    const claire = await signIn('claire@example.org');
    await claire.getByRole('link', { name: /En relecture \(1\)/ }).click();
    await claire.getByRole('link', { name: 'Visite du ministre à Lyon et à Grenoble' }).click();
    await claire.getByLabel('Motif').first().fill('Préciser l’heure d’arrivée.');
    await claire.getByRole('button', { name: 'Demander des modifications' }).click();
    await claire.getByText('motif : Préciser l’heure d’arrivée.').waitFor();

    await paul.reload();
    await paul.getByLabel(/^Texte/).fill('Le ministre arrive mercredi à 10 heures.\n\nTexte sans danger.');
    await paul.getByRole('button', { name: 'Enregistrer une nouvelle révision' }).click();
    await paul.getByRole('button', { name: 'Soumettre à la relecture' }).click();
    await paul.getByText('En relecture', { exact: true }).waitFor();

    await claire.reload();
    await claire.locator('form#approve').getByLabel(/Publier à partir du/).fill('2026-12-24T09:30');
    await claire.locator('form#approve').getByRole('button', { name: 'Approuver' }).click();
    await claire.getByRole('status').getByText('est approuvé').waitFor();
    const [row] = await dataSource.query(`SELECT state, publish_at FROM editorial.article WHERE id = $1`, [id]);
    expect(row.state).toBe('approved');
    expect(new Date(row.publish_at).toISOString()).toBe('2026-12-24T08:30:00.000Z');
    await paul.close();
    await claire.close();
  });

  it('shows the second of two editors saving the same draft what changed, and keeps what they typed', async () => {
    const id = await receive('Semaine de la langue française');
    const claire = await signIn('claire@example.org');
    const marc = await signIn('marc@example.org');
    await claire.goto(`${base}/admin/articles/${id}`);
    await marc.goto(`${base}/admin/articles/${id}`);
    await claire.getByLabel('Titre').fill('Titre de Claire');
    await claire.getByRole('button', { name: 'Enregistrer une nouvelle révision' }).click();
    await claire.getByRole('heading', { level: 1, name: 'Titre de Claire' }).waitFor();

    await marc.getByLabel('Titre').fill('Titre de Marc');
    await marc.getByRole('button', { name: 'Enregistrer une nouvelle révision' }).click();
    await marc.getByRole('alert').getByText('Quelqu’un a enregistré ce texte').waitFor();
    expect(await marc.getByRole('heading', { level: 1 }).textContent()).toBe('Titre de Claire');
    expect(await marc.getByLabel('Titre').inputValue()).toBe('Titre de Marc');
    await expectAccessible(marc, 'conflict page');
    const [row] = await dataSource.query(`SELECT title FROM editorial.article WHERE id = $1`, [id]);
    expect(row.title).toBe('Titre de Claire');
    await claire.close();
    await marc.close();
  });

  it('has an accessible sign-in page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin`);
    await expectAccessible(page, 'sign-in');
    await page.close();
  });
});
