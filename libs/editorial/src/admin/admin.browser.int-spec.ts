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
    // The preview's iframe holds the public page, which publishing's own tests check with axe. Its frame is sandboxed
    // without scripts: axe-core/playwright's per-frame injection waits there forever, so the admin page is checked in
    // legacy mode (axe in the top page only) without descending into the frame.
    const results = await new AxeBuilder({ page }).setLegacyMode().options({ iframes: false }).analyze();
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
    // Christmas Eve next year, 9:30 in Paris (winter time, UTC+1): always in the future.
    const year = new Date().getFullYear() + 1;
    await claire.locator('form#approve').getByLabel(/Publier à partir du/).fill(`${year}-12-24T09:30`);
    await claire.locator('form#approve').getByRole('button', { name: 'Approuver' }).click();
    await claire.getByRole('status').getByText('est approuvé').waitFor();
    const [row] = await dataSource.query(`SELECT state, publish_at FROM editorial.article WHERE id = $1`, [id]);
    expect(row.state).toBe('approved');
    expect(new Date(row.publish_at).toISOString()).toBe(`${year}-12-24T08:30:00.000Z`);
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

  it('previews the article as the public site shows it, as the editor types and without JavaScript', async () => {
    const id = await receive('Concert au consulat');
    const paul = await signIn('paul@example.org');
    await paul.goto(`${base}/admin/articles/${id}`);
    const preview = paul.frameLocator('#apercu-cadre');
    await preview.getByRole('heading', { level: 1, name: 'Concert au consulat' }).waitFor();
    // The public site's page: its navigation and its subscription form, around the article.
    await preview.getByRole('navigation', { name: 'Rubriques' }).waitFor();
    await preview.getByRole('heading', { name: 'Recevoir nos articles par courriel' }).waitFor();
    await expectAccessible(paul, 'article page with its preview');

    await paul.getByLabel('Titre').fill('Concert au consulat, samedi');
    await paul.getByLabel(/^Texte/).fill('Un quatuor joue samedi.\n\n<img src=x onerror="window.pwned=1"> Entrée libre.');
    await preview.getByRole('heading', { level: 1, name: 'Concert au consulat, samedi' }).waitFor();
    await preview.getByText('<img src=x onerror="window.pwned=1"> Entrée libre.').waitFor();
    expect(await paul.locator('#apercu-cadre').getAttribute('sandbox')).toBe('');
    expect(await paul.evaluate(() => (globalThis as unknown as { pwned?: unknown }).pwned)).toBeUndefined();
    // Nothing was saved.
    const [row] = await dataSource.query(`SELECT title, current_revision FROM editorial.article WHERE id = $1`, [id]);
    expect(row).toMatchObject({ title: 'Concert au consulat', current_revision: 1 });

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(`${base}/admin/articles/${id}`);
    await noScript.getByLabel('Adresse e-mail').fill('paul@example.org');
    await noScript.getByLabel('Mot de passe').fill('secret-password-1');
    await noScript.getByRole('button', { name: 'Se connecter' }).click();
    await noScript.getByLabel('Titre').fill('Concert au consulat, dimanche');
    await noScript.getByRole('button', { name: 'Prévisualiser' }).click();
    await noScript.frameLocator('#apercu-cadre').getByRole('heading', { level: 1, name: 'Concert au consulat, dimanche' }).waitFor();
    expect(await noScript.getByLabel('Titre').inputValue()).toBe('Concert au consulat, dimanche');
    await context.close();
    await paul.close();
  });

  it('lets the administrator change the sections, and the inbox filters by section', async () => {
    const admin = await signIn('admin@newsroom.local', ADMIN_PASSWORD);
    await admin.getByRole('link', { name: 'Rubriques' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Rubriques du site' }).waitFor();
    await expectAccessible(admin, 'sections');
    const fresh = admin.getByRole('group', { name: 'Nouvelle rubrique' });
    await fresh.getByLabel('Nom').fill('Culture');
    await fresh.getByLabel(/^Adresse/).fill('culture');
    await fresh.getByLabel('Ordre').fill('1');
    await admin.getByRole('button', { name: 'Enregistrer les rubriques' }).click();
    await admin.getByRole('status').getByText('Rubriques enregistrées').waitFor();
    expect(await admin.getByRole('group', { name: 'Rubrique 1' }).getByLabel('Nom').inputValue()).toBe('Culture');
    // A wrong address: the list is refused, with the reason.
    await admin.getByRole('group', { name: 'Rubrique 1' }).getByLabel(/^Adresse/).fill('Pas une adresse');
    await admin.getByRole('button', { name: 'Enregistrer les rubriques' }).click();
    await admin.getByRole('alert').getByText('Rubriques refusées').waitFor();

    const id = await receive('Exposition de calligraphie');
    await admin.goto(`${base}/admin/articles/${id}`);
    await admin.getByLabel('Rubrique').selectOption('Culture');
    await admin.getByRole('button', { name: 'Enregistrer une nouvelle révision' }).click();
    await admin.getByText('Révision 2', { exact: true }).waitFor();
    await admin.goto(`${base}/admin`);
    await admin.getByLabel('Rubrique').selectOption('Culture');
    await admin.getByRole('button', { name: 'Rechercher' }).click();
    await admin.getByRole('link', { name: 'Exposition de calligraphie' }).waitFor();
    expect(await admin.locator('#articles > li').count()).toBe(1);
    await admin.getByLabel('Rubrique').selectOption('Relations bilatérales');
    await admin.getByRole('button', { name: 'Rechercher' }).click();
    expect(await admin.getByRole('link', { name: 'Exposition de calligraphie' }).count()).toBe(0);
    await expectAccessible(admin, 'inbox filtered by section');

    const paul = await signIn('paul@example.org');
    expect(await paul.getByRole('link', { name: 'Rubriques' }).count()).toBe(0);
    const refused = await paul.goto(`${base}/admin/rubriques`);
    expect(refused?.status()).toBe(403);
    await paul.close();
    await admin.close();
  });

  it('lets the administrator create accounts, change their role and deactivate them, but not the last administrator', async () => {
    const admin = await signIn('admin@newsroom.local', ADMIN_PASSWORD);
    await admin.getByRole('link', { name: 'Utilisateurs' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    await expectAccessible(admin, 'users');
    await admin.getByLabel('Nom', { exact: true }).fill('Nina Blanc');
    await admin.getByLabel('Adresse e-mail', { exact: true }).fill('nina@example.org');
    await admin.getByLabel('Rôle', { exact: true }).selectOption('editor');
    await admin.getByLabel(/^Mot de passe initial/).fill('nina-mot-de-passe');
    await admin.getByRole('button', { name: 'Créer le compte' }).click();
    await admin.getByRole('status').getByText('Compte nina@example.org créé.').waitFor();

    const nina = await signIn('nina@example.org', 'nina-mot-de-passe');
    await nina.close();
    await admin.getByLabel('Rôle de Nina Blanc').selectOption('admin');
    await admin.getByRole('button', { name: 'Changer le rôle Nina Blanc' }).click();
    await admin.getByRole('status').getByText('Compte nina@example.org modifié.').waitFor();
    await admin.getByRole('button', { name: 'Désactiver Nina Blanc' }).click();
    await admin.getByRole('button', { name: 'Réactiver Nina Blanc' }).waitFor();
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin`);
    await page.getByLabel('Adresse e-mail').fill('nina@example.org');
    await page.getByLabel('Mot de passe').fill('nina-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await page.close();

    await admin.getByLabel('Rôle de Administrateur').selectOption('editor');
    await admin.getByRole('button', { name: 'Changer le rôle Administrateur' }).click();
    await admin.getByRole('alert').getByText('Le dernier administrateur actif ne peut être ni rétrogradé ni désactivé.').waitFor();
    await expectAccessible(admin, 'users with an error');
    await admin.close();
  });

  it('has an accessible sign-in page', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/admin`);
    await expectAccessible(page, 'sign-in');
    await page.close();
  });
});
