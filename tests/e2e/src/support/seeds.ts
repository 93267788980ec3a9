// What the two real communiqués of ../shared/seeds must become, worked out here independently of the
// ingestion code: the test's own reading of each file.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './processes';

export const SEEDS_DIR = path.resolve(ROOT, '../shared/seeds');

export interface SeedExpectation {
  file: string;
  /** The title as the page must show it; null when ingestion has to write one (the seed has none). */
  title: string | null;
  /** The date in French, as readers see it. */
  frenchDate: string;
  isoDate: string;
  paragraphs: string[];
  /** Text of the source page's chrome that must not appear in the article's body. */
  chrome: string[];
}

/** Typographic equivalence: spaces of every width are one space, the apostrophe is one character. */
export function fold(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00a0\u202f\u2009]+/g, ' ').replace(/[’']/g, "'").trim();
}

export function seedExpectations(): SeedExpectation[] {
  const pageFile = path.join(SEEDS_DIR, 'communique-2020-07-16-page-text.txt');
  const page = readFileSync(pageFile, 'utf8').replace(/\r\n/g, '\n');
  const blocks = page.split(/\n[ \t\u00a0]*\n/).map((block) => block.trim()).filter(Boolean);
  const head = blocks[0].split('\n');
  // head: navigation line, breadcrumb, title, ISO date; the last block holds the two footer links.
  const footer = blocks[blocks.length - 1];
  if (head.length !== 4 || !/Suggest To A Friend/.test(footer)) throw new Error(`unexpected shape of ${pageFile}`);

  const plainFile = path.join(SEEDS_DIR, 'communique-2023-04-27-plain.txt');
  const plain = readFileSync(plainFile, 'utf8').replace(/\r\n/g, '\n');

  return [
    {
      file: pageFile,
      title: head[2].trim(),
      frenchDate: '16 juillet 2020',
      isoDate: head[3].trim(),
      paragraphs: blocks.slice(1, -1),
      chrome: ['Qui sommes nous', 'Relations bilatérales', 'Portada', 'Infomations Importantes', 'Suggest To A Friend', 'Print', head[3].trim()],
    },
    {
      file: plainFile,
      title: null,
      frenchDate: '27 avril 2023',
      isoDate: '2023-04-27',
      paragraphs: plain.split('\n').map((line) => line.trim()).filter(Boolean),
      chrome: ['Suggest To A Friend', 'Print'],
    },
  ];
}
