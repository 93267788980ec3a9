import { Module, type INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { parseEventJson, type EventOf } from '@newsroom/contracts';
import { MessagingModule } from '@newsroom/messaging';
import { createTestDatabase, waitFor, type TestDatabase } from '@newsroom/messaging/testing';
import { createHttpApp } from '@newsroom/platform';
import { testConfig } from '@newsroom/platform/testing';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { IngestionModule } from '../ingestion.module';
import { DropFolderWatcher } from './drop-folder.watcher';

const SEEDS = path.resolve(__dirname, '../../../..', '../shared/seeds');
const PAGE_TEXT = readFileSync(path.join(SEEDS, 'communique-2020-07-16-page-text.txt'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

type Received = EventOf<'ingestion.communique.received'>;

@Module({ imports: [MessagingModule.forRoot({ transport: 'local', outboxPollMs: 50 }), IngestionModule] })
class TestApp {}

/** The drop folder of the real IngestionModule on PostgreSQL: files in, communiqués and moves out. */
describe('DropFolderWatcher (IngestionModule on PostgreSQL)', () => {
  let db: TestDatabase;
  let app: INestApplication;
  let dir: string;

  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(tmpdir(), 'newsroom-drop-')), 'dépôt');
    db = await createTestDatabase('ingestion_drop_test');
    const config = testConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', INGEST_DROP_DIR: dir, INGEST_DROP_POLL_MS: '100' });
    app = await createHttpApp(TestApp, { service: 'ingestion', config, logDestination: { write: () => undefined } });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    if (dir) await rm(path.dirname(dir), { recursive: true, force: true });
  });

  const ingestionDb = () => app.get<DataSource>(getDataSourceToken('ingestion'));
  const folderEvents = async (): Promise<Received[]> => {
    const rows: { payload: string }[] = await ingestionDb().query(`SELECT payload FROM ingestion.outbox WHERE event_type = 'ingestion.communique.received' ORDER BY seq`);
    return rows.map((row) => parseEventJson(row.payload) as Received).filter((event) => event.data.source.kind === 'folder');
  };
  const filesIn = async (sub = '') => (await readdir(path.join(dir, sub))).sort();
  const movedTo = (sub: string, test: (name: string) => boolean, what: string) =>
    waitFor(`${what} in ${sub}/`, async () => (await filesIn(sub)).find(test));
  /** Waits for `count` more complete scans: time passing as the watcher sees it, no sleep. */
  const scans = async (count: number) => {
    const watcher = app.get(DropFolderWatcher);
    const target = watcher.scans + count;
    await waitFor(`${count} scans`, async () => watcher.scans >= target);
  };

  it('creates the folder and its traités/ and refusés/ sub-folders', async () => {
    expect(await filesIn()).toEqual(['refusés', 'traités']);
  });

  it('ingests a dropped seed as source kind folder, announces it once and moves it to traités/', async () => {
    await writeFile(path.join(dir, 'communiqué-16-juillet.txt'), PAGE_TEXT);
    await movedTo('traités', (name) => name === 'communiqué-16-juillet.txt', 'the seed');
    expect(await filesIn()).toEqual(['refusés', 'traités']);

    const events = await folderEvents();
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      source: { kind: 'folder', name: 'communiqué-16-juillet.txt' },
      checksum: sha256(PAGE_TEXT),
      publishedOn: '2020-07-16',
      section: 'Informations importantes',
    });
    const [row] = await ingestionDb().query(`SELECT source_kind, source_name, received_by, content_type FROM ingestion.communique WHERE checksum = $1`, [sha256(PAGE_TEXT)]);
    expect(row).toEqual({ source_kind: 'folder', source_name: 'communiqué-16-juillet.txt', received_by: 'folder', content_type: 'text/plain' });
  });

  it('moves the same file dropped again to traités/ under a timestamped name, with no second communiqué nor event', async () => {
    await writeFile(path.join(dir, 'communiqué-16-juillet.txt'), PAGE_TEXT);
    const stamped = await movedTo('traités', (name) => /^communiqué-16-juillet-\d{8}-\d{6}-\d{3}\.txt$/.test(name), 'the second copy');
    expect(sha256(await readFile(path.join(dir, 'traités', stamped)))).toBe(sha256(PAGE_TEXT));
    expect(await filesIn('traités')).toContain('communiqué-16-juillet.txt');
    expect(await folderEvents()).toHaveLength(1);
    const [{ n }] = await ingestionDb().query(`SELECT count(*)::int AS n FROM ingestion.communique WHERE checksum = $1`, [sha256(PAGE_TEXT)]);
    expect(n).toBe(1);
  });

  it('ingests a Word document (.docx) with its media type', async () => {
    const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const paragraphs: Array<[string, string?]> = [['Ouverture de la médiathèque de Rennes', 'Title'], ['Le 3 juin 2025'], ['La médiathèque ouvre ses portes samedi.'], ['L’entrée est gratuite.']];
    const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${paragraphs
      .map(([text, style]) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`)
      .join('')}</w:body></w:document>`;
    await writeFile(path.join(dir, 'Médiathèque.docx'), zipSync({ 'word/document.xml': strToU8(xml) }));
    await movedTo('traités', (name) => name === 'Médiathèque.docx', 'the Word document');
    const event = (await folderEvents()).find((e) => e.data.source.name === 'Médiathèque.docx');
    expect(event?.data).toMatchObject({ title: 'Ouverture de la médiathèque de Rennes', publishedOn: '2025-06-03', paragraphs: ['La médiathèque ouvre ses portes samedi.', 'L’entrée est gratuite.'] });
  });

  it('refuses an empty file: moved to refusés/ with a note in French beside it', async () => {
    await writeFile(path.join(dir, 'vide.txt'), '');
    await movedTo('refusés', (name) => name === 'vide.txt.erreur.txt', 'the note of vide.txt');
    expect(await filesIn('refusés')).toContain('vide.txt');
    expect(await readFile(path.join(dir, 'refusés', 'vide.txt.erreur.txt'), 'utf8')).toBe('Le communiqué est vide.\n');
    expect(existsSync(path.join(dir, 'vide.txt'))).toBe(false);
  });

  it('refuses a file of another format (.pdf) with the reason', async () => {
    await writeFile(path.join(dir, 'communiqué.pdf'), '%PDF-1.7\n');
    await movedTo('refusés', (name) => name === 'communiqué.pdf.erreur.txt', 'the note of the pdf');
    expect(await filesIn('refusés')).toContain('communiqué.pdf');
    expect(await readFile(path.join(dir, 'refusés', 'communiqué.pdf.erreur.txt'), 'utf8')).toContain('Format non pris en charge : « communiqué.pdf »');
  });

  it('leaves hidden and temporary files alone', async () => {
    await writeFile(path.join(dir, '.brouillon.txt'), 'Le consulat sera fermé le 1er mai 2024.');
    await writeFile(path.join(dir, 'envoi.txt.part'), 'Le consulat sera fermé le 1er mai 2024.');
    await writeFile(path.join(dir, '~$note.docx'), 'verrou');
    await scans(2);
    const before = Date.now();
    await waitFor('more than a second of scans', async () => {
      await scans(1);
      return Date.now() - before > 1500;
    });
    expect(await filesIn()).toEqual(['.brouillon.txt', 'envoi.txt.part', 'refusés', 'traités', '~$note.docx'].sort());
  });

  it('does not take a file whose size keeps changing, then takes it whole once stable', async () => {
    const file = path.join(dir, 'en-cours.txt');
    const lines = Array.from({ length: 8 }, (_, i) => `Le ${i + 2} mai 2024, l’ambassade de Valdoria a reçu la délégation numéro ${i + 1}.`);
    await writeFile(file, `${lines[0]}\n\n`);
    for (const line of lines.slice(1)) {
      await scans(2); // the watcher has seen the file at least twice since the last write
      expect(existsSync(file)).toBe(true);
      await appendFile(file, `${line}\n\n`);
    }
    await movedTo('traités', (name) => name === 'en-cours.txt', 'the grown file');
    const event = (await folderEvents()).find((e) => e.data.source.name === 'en-cours.txt');
    expect(event?.data.paragraphs).toHaveLength(lines.length);
  });
});
