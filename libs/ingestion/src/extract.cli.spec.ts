import { strToU8, zipSync } from 'fflate';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EXTRACT_USAGE, runExtract } from './extract.cli';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');
const PAGE_TEXT = path.join(SEEDS, 'communique-2020-07-16-page-text.txt');
const PLAIN = path.join(SEEDS, 'communique-2023-04-27-plain.txt');
const HTML_PAGE = path.join(__dirname, 'normalise/html/fixtures/communique-time.html');
const HOSTILE_PAGE = path.join(__dirname, 'normalise/html/fixtures/piege.html');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const wordDocument = (...paragraphs: Array<[text: string, style?: string]>) =>
  zipSync({
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>${paragraphs
        .map(([text, style]) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`)
        .join('')}</w:body></w:document>`,
    ),
  });

/** windows-1252 bytes: Latin-1 for these characters, plus € (0x80) and ’ (0x92). */
const windows1252 = (text: string) => Buffer.from(Array.from(text, (c) => (c === '€' ? 0x80 : c === '’' ? 0x92 : c.charCodeAt(0))));

function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = runExtract(argv, { out: (line) => out.push(line), err: (text) => err.push(text), readFile: (file) => readFileSync(file) });
  return { code, lines: out.map((line) => JSON.parse(line) as Record<string, unknown>), out, err };
}

describe('newsroom extract', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsroom-extract-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON line per seed, with title, date, section, language, paragraphs, body and tags', () => {
    const { code, lines, out, err } = run([PAGE_TEXT, PLAIN]);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(2);
    expect(out.every((line) => !line.includes('\n'))).toBe(true);
    const [page, plain] = lines;
    expect(Object.keys(page)).toEqual(['file', 'title', 'publishedAt', 'section', 'language', 'paragraphs', 'body', 'tags']);
    expect(page).toMatchObject({
      file: PAGE_TEXT,
      title: 'La Chine et les pays d’Asie centrale tiennent leur première réunion des ministres des Affaires étrangères',
      publishedAt: '2020-07-16',
      section: 'Informations importantes',
      language: 'fr',
    });
    expect(page.tags).toEqual(
      expect.arrayContaining([
        { kind: 'country', name: 'Chine', mentions: expect.any(Number) },
        { kind: 'person', name: 'Wang Yi', mentions: expect.any(Number) },
        { kind: 'organisation', name: 'Organisation de coopération de Shanghai', mentions: 1 },
      ]),
    );
    expect(page.paragraphs).toHaveLength(12);
    expect(page.body).toBe((page.paragraphs as string[]).join('\n\n'));
    expect(page.body).not.toContain('Suggest To A Friend');
    expect(plain).toMatchObject({ file: PLAIN, publishedAt: '2023-04-27', section: null, language: 'fr' });
    expect(plain.tags).toEqual(expect.arrayContaining([{ kind: 'person', name: 'Qin Gang', mentions: expect.any(Number) }]));
    expect(typeof plain.title).toBe('string');
    expect((plain.paragraphs as string[]).length).toBeGreaterThan(1);
  });

  it('reads a .docx and a windows-1252 text', () => {
    const docx = path.join(dir, 'Communiqué.docx');
    writeFileSync(docx, wordDocument(['Ouverture de la médiathèque de Rennes', 'Title'], ['Le 3 juin 2025'], ['La médiathèque ouvre ses portes samedi.'], ['L’entrée est gratuite.']));
    const legacy = path.join(dir, 'ancien.txt');
    writeFileSync(legacy, windows1252('Tarifs de la piscine\n\nL’entrée coûtera 4 € à partir du 1er septembre 2025.\n\nLes enfants entrent gratuitement.\n'));

    const { code, lines } = run([docx, legacy]);
    expect(code).toBe(0);
    expect(lines[0]).toEqual({
      file: docx,
      title: 'Ouverture de la médiathèque de Rennes',
      publishedAt: '2025-06-03',
      section: null,
      language: 'fr',
      paragraphs: ['La médiathèque ouvre ses portes samedi.', 'L’entrée est gratuite.'],
      body: 'La médiathèque ouvre ses portes samedi.\n\nL’entrée est gratuite.',
      tags: [],
    });
    expect(lines[1]).toMatchObject({
      title: 'Tarifs de la piscine',
      publishedAt: '2025-09-01',
      paragraphs: ['L’entrée coûtera 4 € à partir du 1er septembre 2025.', 'Les enfants entrent gratuitement.'],
    });
  });

  it('reads an HTML page: its article only, no page chrome, script or markup, the date of its <time>', () => {
    const { code, lines } = run([HTML_PAGE, HOSTILE_PAGE]);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ file: HTML_PAGE, title: 'Visite du ministre de la Culture à Valdoria', publishedAt: '2024-03-01', language: 'fr' });
    expect(lines[0].paragraphs).toHaveLength(7);
    expect(lines[0].paragraphs).toContain('Une saison croisée en 2025');
    expect(lines[0].body).not.toMatch(/Partager|Imprimer|cookies|Commentaires|Mentions légales/);
    expect(lines[1]).toMatchObject({ file: HOSTILE_PAGE, title: 'Communiqué sur la sécurité numérique' });
    expect(lines[1].body).not.toMatch(/alert\(1\)|onerror|javascript:/);
  });

  it('prints an error line for a file it cannot read, goes on with the others, and exits 1', () => {
    const corrupt = path.join(dir, 'cassé.docx');
    writeFileSync(corrupt, 'PK\u0003\u0004 pas vraiment un zip');
    const empty = path.join(dir, 'vide.txt');
    writeFileSync(empty, '');
    const missing = path.join(dir, 'absent.txt');
    const pdf = path.join(dir, 'scan.pdf');

    const { code, lines } = run([corrupt, PLAIN, empty, missing, pdf]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ file: corrupt, error: { code: 'binary', message: expect.stringContaining('n’est pas un document Word') } });
    expect(lines[1]).toMatchObject({ file: PLAIN, publishedAt: '2023-04-27' });
    expect(lines[2]).toEqual({ file: empty, error: { code: 'empty', message: 'Le communiqué est vide.' } });
    expect(lines[3]).toEqual({ file: missing, error: { code: 'unreadable', message: `Lecture impossible (ENOENT) : ${missing}` } });
    expect(lines[4]).toEqual({ file: pdf, error: { code: 'unsupported-type', message: expect.stringContaining('(.pdf)') } });
  });

  it('without a file: usage on stderr, nothing on stdout, exit 2; --help prints the usage and exits 0', () => {
    const none = run([]);
    expect(none).toMatchObject({ code: 2, out: [] });
    expect(none.err.join('')).toContain('aucun fichier à lire');
    expect(none.err.join('')).toContain('Usage : newsroom extract <fichier>...');

    const help: string[] = [];
    expect(runExtract(['--help'], { out: (line) => help.push(line), err: () => undefined, readFile: () => new Uint8Array() })).toBe(0);
    expect(help.join('\n')).toBe(EXTRACT_USAGE.trimEnd());
  });
});
