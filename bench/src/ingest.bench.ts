/**
 * `npm run bench -- ingest [repeats=3]`: the HTML reader of ingestion (`readHtml`, htmlparser2) against
 * `@mozilla/readability` on `linkedom`, on every page of the Readability test corpus
 * (../shared/corpora/readability-test-pages: source.html, expected.html, expected-metadata.json).
 * Accuracy: title (normalised exact match with the expected title) and body F1 (bag-of-words overlap of
 * the extracted text with the text of expected.html), once per page. Speed: pages per second, extraction
 * only (parsing included, corpus read beforehand), after one warm-up pass, the corpus repeated N times.
 * Memory: peak RSS sampled after each page, and the RSS after the first and after the last pass.
 * Setup: none (reads files only).
 */
import { Readability } from '@mozilla/readability';
import { readHtml } from '@newsroom/ingestion';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseHTML } from 'linkedom';

interface Page {
  name: string;
  source: string;
  expectedTitle: string;
  expectedWords: Map<string, number>;
}

interface Extraction {
  title: string;
  text: string;
}

// A full collection before each RSS reading after a pass, so growth means retained memory, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CORPUS = path.resolve(__dirname, '../../..', '../shared/corpora/readability-test-pages');

function loadCorpus(dir: string): Page[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'source.html')))
    .map((entry) => {
      const at = (file: string) => readFileSync(path.join(dir, entry.name, file), 'utf8');
      const metadata = JSON.parse(at('expected-metadata.json')) as { title?: string };
      return { name: entry.name, source: at('source.html'), expectedTitle: metadata.title ?? '', expectedWords: bagOfWords(htmlText(at('expected.html'))) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Text of an HTML fragment (linkedom, outside any timing). */
function htmlText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document.body.textContent ?? '';
}

function normaliseTitle(title: string): string {
  return title.normalize('NFKC').replace(/[’‘]/g, "'").replace(/[“”«»]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
}

function bagOfWords(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const word of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) bag.set(word, (bag.get(word) ?? 0) + 1);
  return bag;
}

function f1(expected: Map<string, number>, text: string): number {
  const got = bagOfWords(text);
  let overlap = 0;
  let gotTotal = 0;
  let expectedTotal = 0;
  for (const [word, n] of got) {
    gotTotal += n;
    overlap += Math.min(n, expected.get(word) ?? 0);
  }
  for (const n of expected.values()) expectedTotal += n;
  if (overlap === 0) return expectedTotal === 0 && gotTotal === 0 ? 1 : 0;
  const precision = overlap / gotTotal;
  const recall = overlap / expectedTotal;
  return (2 * precision * recall) / (precision + recall);
}

function ours(html: string): Extraction {
  try {
    const result = readHtml(html);
    return { title: result.title ?? '', text: result.blocks.join('\n') };
  } catch {
    return { title: '', text: '' };
  }
}

function readability(html: string): Extraction {
  try {
    const { document } = parseHTML(html);
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
    return { title: article?.title ?? '', text: article?.textContent ?? '' };
  } catch {
    return { title: '', text: '' };
  }
}

interface Row {
  extractor: string;
  pages: number;
  titleAccuracy: number;
  bodyF1: number;
  pagesPerSecond: number;
  peakRssMb: number;
  rssFirstPassMb: number;
  rssLastPassMb: number;
}

function mb(bytes: number): number {
  return Math.round((bytes / 1024 / 1024) * 10) / 10;
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

function run(name: string, extract: (html: string) => Extraction, pages: Page[], repeats: number, perPage: Map<string, number>): Row {
  // Accuracy, once per page (also the warm-up pass).
  let titles = 0;
  let f1Sum = 0;
  for (const page of pages) {
    const result = extract(page.source);
    if (normaliseTitle(result.title) === normaliseTitle(page.expectedTitle)) titles++;
    const score = f1(page.expectedWords, result.text);
    perPage.set(page.name, score);
    f1Sum += score;
  }
  gc();
  let peak = process.memoryUsage().rss;
  const passRss: number[] = [];
  let seconds = 0;
  for (let pass = 0; pass < repeats; pass++) {
    for (const page of pages) {
      const started = process.hrtime.bigint();
      extract(page.source);
      seconds += Number(process.hrtime.bigint() - started) / 1e9;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    gc();
    passRss.push(process.memoryUsage().rss);
  }
  return {
    extractor: name,
    pages: pages.length,
    titleAccuracy: round(titles / pages.length),
    bodyF1: round(f1Sum / pages.length),
    pagesPerSecond: Math.round((pages.length * repeats) / seconds),
    peakRssMb: mb(peak),
    rssFirstPassMb: mb(passRss[0]),
    rssLastPassMb: mb(passRss[passRss.length - 1]),
  };
}

function main(): void {
  const repeats = Math.max(1, Number(process.argv[2] ?? 3) || 3);
  const pages = loadCorpus(CORPUS);
  if (pages.length === 0) throw new Error(`No page in ${CORPUS}`);
  const minePages = new Map<string, number>();
  const theirPages = new Map<string, number>();
  const mine = run('readHtml (htmlparser2)', ours, pages, repeats, minePages);
  const theirs = run('Readability (linkedom)', readability, pages, repeats, theirPages);
  console.log(
    `ingest: ${pages.length} pages of ${CORPUS}, corpus repeated ${repeats}× after a warm-up pass (extraction only).\n` +
      'Title: normalised exact match with expected-metadata.json; body F1: bag of words against the text of expected.html.',
  );
  console.table([mine, theirs]);
  const gaps = pages
    .map((page) => ({ page: page.name, bodyF1: round(minePages.get(page.name) ?? 0), readabilityBodyF1: round(theirPages.get(page.name) ?? 0) }))
    .filter((row) => row.bodyF1 < (Number(process.env.INGEST_BENCH_BELOW) || 0.95) || row.readabilityBodyF1 < (Number(process.env.INGEST_BENCH_BELOW) || 0.95))
    .sort((a, b) => a.bodyF1 - a.readabilityBodyF1 - (b.bodyF1 - b.readabilityBodyF1));
  console.log('Pages where either extractor scores below 0.95 body F1:');
  console.table(gaps);
  console.log(
    JSON.stringify({
      bench: 'ingest',
      pages: pages.length,
      pagesPerSecond: mine.pagesPerSecond,
      readabilityPagesPerSecond: theirs.pagesPerSecond,
      titleAccuracy: mine.titleAccuracy,
      readabilityTitleAccuracy: theirs.titleAccuracy,
      bodyF1: mine.bodyF1,
      readabilityBodyF1: theirs.bodyF1,
      peakRssMb: Math.max(mine.peakRssMb, theirs.peakRssMb),
    }),
  );
}

main();
