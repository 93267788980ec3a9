import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'htmlparser2';
import { CommuniqueRejected } from '../errors';
import { readHtml } from './read-html';

// htmlparser2 12 is published as ES modules only, which jest (CommonJS, Node < 24.9) cannot load; the tests run
// the same API from the CommonJS build of htmlparser2 10 that cheerio brings along. Remove once the ingestion
// jest config transforms htmlparser2/domhandler/domutils/entities.

const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpora/readability-test-pages');
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('readHtml on our fixtures', () => {
  it('keeps the communiqué and drops the page chrome (nav, breadcrumb, share/print links, cookie banner, comments, related, footer)', () => {
    const page = readHtml(fixture('communique-time.html'));
    expect(page.title).toBe('Visite du ministre de la Culture à Valdoria');
    expect(page.publishedOn).toBe('2024-03-01');
    expect(page.section).toBe('Communiqués de presse');
    expect(page.blocks[0]).toMatch(/^Le ministre de la Culture de Valdoria, M\. Andrès Korvel/);
    expect(page.blocks).toContain('Une saison croisée en 2025');
    expect(page.blocks).toContain('Un programme de résidences pour douze jeunes artistes.');
    expect(page.blocks.some((b) => b.startsWith('« Nos deux pays partagent'))).toBe(true);
    const all = page.blocks.join('\n');
    for (const chrome of ['cookies', 'Accueil', 'Partager', 'Imprimer', 'Suggest To A Friend', 'Print', 'Commentaires', 'bravo', 'À lire aussi', 'Journée portes ouvertes', 'Abonnez-vous', 'Mentions légales', '©']) {
      expect(all).not.toContain(chrome);
    }
    expect(page.blocks).toHaveLength(7);
  });

  it('reads the date and headline of JSON-LD, the section of a schema.org breadcrumb, and scores a page without <article>', () => {
    const page = readHtml(fixture('communique-jsonld.html'));
    expect(page.title).toBe('Ouverture d’un consulat honoraire à Lyon');
    expect(page.publishedOn).toBe('2023-04-27');
    expect(page.section).toBe('Actualités consulaires');
    expect(page.blocks).toHaveLength(3);
    expect(page.blocks[1]).toContain('de 9\u00a0h à 12\u00a0h'.replace(/\u00a0/g, ' '));
    const all = page.blocks.join('\n');
    for (const chrome of ['Facebook', 'Partager', 'brochures', 'consulat\n', 'RSS', 'Contact']) expect(all).not.toContain(chrome);
  });

  it('takes the <title> without the site name when there is no metadata title, and no date when none is given', () => {
    const page = readHtml('<html><head><title>Fermeture exceptionnelle le 14 juillet | Ambassade de Valdoria</title></head><body><div><p>La section consulaire sera fermée le vendredi 14 juillet, jour de fête nationale en France, et rouvrira le lundi suivant.</p></div></body></html>');
    expect(page.title).toBe('Fermeture exceptionnelle le 14 juillet');
    expect(page.publishedOn).toBeNull();
    expect(page.section).toBeNull();
    expect(page.blocks).toEqual(['La section consulaire sera fermée le vendredi 14 juillet, jour de fête nationale en France, et rouvrira le lundi suivant.']);
  });

  it('keeps only text from a hostile page: no script, handler, hidden text, form or markup survives', () => {
    const page = readHtml(fixture('piege.html'));
    expect(page.title).toBe('Communiqué sur la sécurité numérique');
    const all = page.blocks.join('\n');
    expect(all).toContain('Signalez toute tentative de fraude');
    expect(all).toContain('et uniquement au guichet.');
    expect(all).toContain("<script>alert('échappé')</script> : ce texte échappé reste du texte");
    for (const bad of ['alert(1)', "alert('onload')", 'onerror', "alert('lien')", 'javascript:', "alert('svg')", 'dans l’article', 'Activez JavaScript', 'Gabarit', 'achetez des visas', 'Envoyer', 'evil.example', 'localStorage']) {
      expect(all).not.toContain(bad);
    }
    expect(page.blocks).toHaveLength(3);
  });

  it('refuses nesting deeper than 500 elements (too complex)', () => {
    expect.assertions(3);
    try {
      readHtml(fixture('piege-imbrique.html'));
    } catch (error) {
      expect(error).toBeInstanceOf(CommuniqueRejected);
      expect((error as CommuniqueRejected).reason).toBe('too-long');
      expect((error as CommuniqueRejected).message).toMatch(/trop complexe.*500 niveaux/);
    }
  });

  it('refuses more than 200 000 elements', () => {
    const html = `<html><body>${'<i>x</i>'.repeat(200_001)}</body></html>`;
    expect(() => readHtml(html)).toThrow(/trop complexe.*200\s000 éléments/);
  });
});

describe('readHtml on the Readability test pages', () => {
  const words = (text: string) => {
    const bag = new Map<string, number>();
    for (const w of text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) bag.set(w, (bag.get(w) ?? 0) + 1);
    return bag;
  };
  const f1 = (expected: Map<string, number>, got: Map<string, number>) => {
    let overlap = 0;
    let gotTotal = 0;
    let expectedTotal = 0;
    for (const [w, n] of got) {
      gotTotal += n;
      overlap += Math.min(n, expected.get(w) ?? 0);
    }
    for (const n of expected.values()) expectedTotal += n;
    if (overlap === 0) return 0;
    const precision = overlap / gotTotal;
    const recall = overlap / expectedTotal;
    return (2 * precision * recall) / (precision + recall);
  };
  const title = (t: string) => t.normalize('NFKC').replace(/[’‘]/g, "'").replace(/[“”«»]/g, '"').replace(/\s+/g, ' ').trim().toLowerCase();
  /** The text of expected.html (tags dropped, entities decoded). */
  const textOf = (html: string): string => {
    const visit = (node: { type: string; data?: string; children?: unknown[] }): string =>
      node.type === 'text' ? ` ${node.data ?? ''} ` : (node.children ?? []).map((child) => visit(child as typeof node)).join('');
    return visit(parseDocument(html) as unknown as { type: string; children: unknown[] });
  };

  it('reaches the title accuracy and mean body F1 measured for this version (a regression fails)', () => {
    expect(existsSync(CORPUS)).toBe(true);
    const pages = readdirSync(CORPUS).filter((name) => existsSync(path.join(CORPUS, name, 'source.html')));
    expect(pages.length).toBeGreaterThanOrEqual(100);
    let titles = 0;
    let f1Sum = 0;
    for (const name of pages) {
      const at = (file: string) => readFileSync(path.join(CORPUS, name, file), 'utf8');
      const expectedTitle = (JSON.parse(at('expected-metadata.json')) as { title?: string }).title ?? '';
      const page = readHtml(at('source.html'));
      if (title(page.title ?? '') === title(expectedTitle)) titles++;
      f1Sum += f1(words(textOf(at('expected.html'))), words(page.blocks.join('\n')));
    }
    const titleAccuracy = titles / pages.length;
    const bodyF1 = f1Sum / pages.length;
    expect(titleAccuracy).toBeGreaterThanOrEqual(TITLE_ACCURACY);
    expect(bodyF1).toBeGreaterThanOrEqual(BODY_F1);
  });
});

/** Just under what this version measures (see the ingest bench for the comparison with Readability). */
const TITLE_ACCURACY = 0.99;
const BODY_F1 = 0.975;
