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

  it('reads the date and section of the Open Graph meta tags when the page has no <time> nor JSON-LD', () => {
    const page = readHtml(
      '<html><head><title>Fête des vendanges | Valdoria</title><meta property="article:published_time" content="2024-09-02T08:00:00+02:00"><meta property="article:section" content="Agriculture"></head>' +
        '<body><article><p>La fête des vendanges de Valdoria aura lieu le premier week-end de septembre, sur la place du marché, avec les producteurs de la vallée.</p></article></body></html>',
    );
    expect(page.publishedOn).toBe('2024-09-02');
    expect(page.section).toBe('Agriculture');
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

/** A page around `body`, with enough article text for the first attempt to stand (500 characters and more). */
const page = (body: string) => `<html><head><title>Les vendanges de Valdoria ouvrent le 2 septembre</title></head><body>${body}</body></html>`;
const para = (n: number) =>
  `<p>Paragraphe ${n} du communiqué : les vignerons de la vallée de Valdoria, réunis en assemblée, ont fixé l’ouverture des vendanges au lundi 2 septembre, après un été chaud, sec et sans grêle.</p>`;
const paras = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => para(from + i)).join('');

describe('readHtml content rules', () => {
  it('drops a container of the content whose text is mostly links (more than a fifth), and keeps a list of links', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 3)}<div><p><a href="/a">Une autre actualité des vignes</a> et <a href="/b">une autre encore</a>.</p><p>À suivre.</p></div>
        <ul><li><a href="/r1">Le rapport annuel de la coopérative viticole</a></li><li><a href="/r2">Le calendrier des foires aux vins</a></li></ul>${paras(4, 5)}</div>`),
    );
    expect(blocks.join('\n')).not.toContain('Une autre actualité');
    expect(blocks).toContain('Le rapport annuel de la coopérative viticole');
    expect(blocks).toContain('Le calendrier des foires aux vins');
    expect(blocks).toHaveLength(7);
  });

  it('keeps a short link that stands alone as a block (a table of contents with anchors)', () => {
    const { blocks } = readHtml(page(`<div><ul><li><a href="#dates">Dates</a></li><li><a href="#lieux">Lieux</a></li></ul>${paras(1, 4)}</div>`));
    expect(blocks.slice(0, 2)).toEqual(['Dates', 'Lieux']);
  });

  it('drops a container of the content with a boilerplate class, one made only of headings, and one with more images than paragraphs', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 3)}<div class="share-tools"><p>Diffusez ce communiqué auprès de vos contacts.</p></div><div><h3>Voir aussi</h3></div>
        <div><img src="a.jpg"><img src="b.jpg"><img src="c.jpg"><p>Trois photos de la récolte.</p></div>${paras(4, 5)}</div>`),
    );
    const all = blocks.join('\n');
    for (const gone of ['Diffusez', 'Voir aussi', 'Trois photos']) expect(all).not.toContain(gone);
    expect(blocks).toHaveLength(5);
  });

  it('keeps a data table whole (header cells), links and all, and drops a layout table of links', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 4)}<table><tr><th>Parcelle</th><th>Date</th></tr><tr><td><a href="/p1">Les Coteaux</a></td><td>2 septembre</td></tr></table>
        <table><tr><td><a href="/x">Accueil du site</a></td><td><a href="/y">Plan du site</a></td></tr></table></div>`),
    );
    expect(blocks).toEqual(expect.arrayContaining(['Parcelle', 'Date', 'Les Coteaux', '2 septembre']));
    expect(blocks.join('\n')).not.toContain('Plan du site');
  });

  it('prunes a block whose class names an unlikely place (unless a content name is there too)', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 4)}<div class="community-box"><p>Rejoignez la communauté des amateurs de vin, plus de dix mille membres déjà.</p></div>
        <div class="community-content"><p>Les caves ouvriront leurs portes au public le week-end suivant.</p></div></div>`),
    );
    const all = blocks.join('\n');
    expect(all).not.toContain('Rejoignez');
    expect(all).toContain('Les caves ouvriront');
  });

  it('tries again without the unlikely names when what is left is too short', () => {
    const { blocks } = readHtml(page(`<div class="sidebar-layout"><div>${paras(1, 2)}</div></div>`));
    expect(blocks).toEqual([expect.stringMatching(/^Paragraphe 1 /), expect.stringMatching(/^Paragraphe 2 /)]);
  });

  it('scores paragraphs, not list items: a long list of other stories does not win over the article', () => {
    const items = Array.from({ length: 12 }, (_, i) => `<li>Autre nouvelle ${i}, avec un résumé de plusieurs mots, des virgules, et encore du texte pour la longueur.</li>`).join('');
    const { blocks } = readHtml(page(`<div class="stories"><ul>${items}</ul></div><div>${paras(1, 4)}</div>`));
    expect(blocks).toHaveLength(4);
    expect(blocks.join('\n')).not.toContain('Autre nouvelle');
  });

  it('inside a marked <article>, reads the best-scoring body and leaves out what stands beside it (a photo credit)', () => {
    const { blocks } = readHtml(
      page(`<article><div><div class="credit">Photo : Office du tourisme de Valdoria, tous droits réservés pour cette image.</div></div><div><div>${paras(1, 4)}</div></div></article>`),
    );
    expect(blocks).toHaveLength(4);
    expect(blocks.join('\n')).not.toContain('Photo');
  });

  it('keeps a <header> inside the article (a section heading), while the page header outside it stays out', () => {
    const { blocks } = readHtml(
      page(`<header><p>Portail officiel de la région de Valdoria, toutes les actualités.</p></header><div><header><h2>Le calendrier</h2></header>${paras(1, 4)}</div>`),
    );
    expect(blocks[0]).toBe('Le calendrier');
    expect(blocks.join('\n')).not.toContain('Portail officiel');
  });
  it('judges the containers from the innermost out: a byline box is weighed once its share links are left out', () => {
    const share = '<div><a href="#">Partager cette page</a><ul><li><a href="/f">Facebook</a></li><li><a href="/m">Mastodon</a></li></ul></div>';
    const { blocks } = readHtml(page(`<div>${paras(1, 4)}<div><span>Service de presse de la préfecture de Valdoria</span>${share}</div></div>`));
    expect(blocks).toContain('Service de presse de la préfecture de Valdoria');
    expect(blocks.join('\n')).not.toMatch(/Partager|Facebook|Mastodon/);
  });

  it('reads the best-scoring block just around the marked article body (its deck and byline beside it)', () => {
    const { blocks } = readHtml(
      page(`<div class="post" id="article-page"><h2>Les premières grappes coupées à l’aube</h2><h5>Par la rédaction du journal des vignes</h5><div itemprop="articleBody">${paras(1, 4)}</div></div>`),
    );
    expect(blocks[0]).toBe('Les premières grappes coupées à l’aube');
    expect(blocks[1]).toBe('Par la rédaction du journal des vignes');
    expect(blocks).toHaveLength(6);
  });

  it('keeps a block whose class has a page-chrome name and a content name as well (a widget wrapping an image and its caption)', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 2)}<div class="widget-wrapper context-image"><img src="/v.jpg" alt=""><div>Les vendangeurs au travail sur les coteaux.</div></div>${paras(3, 4)}</div>`),
    );
    expect(blocks).toContain('Les vendangeurs au travail sur les coteaux.');
    const { blocks: chrome } = readHtml(page(`<div>${paras(1, 2)}<div class="widget-wrapper"><img src="/v.jpg" alt=""><div>Les vendangeurs au travail sur les coteaux.</div></div>${paras(3, 4)}</div>`));
    expect(chrome.join('\n')).not.toContain('Les vendangeurs au travail');
  });
  it('leaves out the first byline (author class, rel or itemprop, under 100 characters) unless the metadata names the author', () => {
    const body = `<div><div class="author-line">Par Jeanne Martin, service de presse</div>${paras(1, 4)}</div>`;
    expect(readHtml(page(body)).blocks.join('\n')).not.toContain('Jeanne Martin');
    const withMeta = readHtml(page(body).replace('</head>', '<meta name="author" content="Jeanne Martin"></head>'));
    expect(withMeta.blocks).toContain('Par Jeanne Martin, service de presse');
  });

  it('keeps a link with a chrome class inside the running text of a paragraph, not such a block outside one', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 3)}<p>Les raisins sont portés au <a class="popup" href="#">pressoir communal</a> le soir même.</p><div class="popup">Inscrivez-vous à la lettre des vignes de Valdoria</div>${paras(4, 5)}</div>`),
    );
    expect(blocks).toContain('Les raisins sont portés au pressoir communal le soir même.');
    expect(blocks.join('\n')).not.toContain('Inscrivez-vous');
  });

  it('prunes the labels of a generated chart (an ai2html block) as an unlikely place', () => {
    const { blocks } = readHtml(page(`<div>${paras(1, 4)}<div class="ai2html"><div><p>Récolte en tonnes par année de vendange</p><p>1 200</p></div></div></div>`));
    expect(blocks).toHaveLength(4);
  });

  it('counts the images hidden from screen readers only (aria-hidden): a box of formula images and a line of text is not a paragraph', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 4)}<ul><li>Rendement <img aria-hidden="true" src="f1.png"> contre <img aria-hidden="true" src="f2.png"></li></ul>${paras(5, 5)}</div>`),
    );
    expect(blocks.join('\n')).not.toContain('Rendement');
    expect(blocks).toHaveLength(5);
  });

  it('reads <font> as running text: a list holding a <font> note is kept', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 4)}<ul><font size="-1">(Les dates des autres <a href="/appellations">appellations</a> suivront la <i>semaine prochaine</i>.)</font></ul></div>`),
    );
    expect(blocks).toContain('(Les dates des autres appellations suivront la semaine prochaine.)');
  });

  it('scores a paragraph split by double line breaks as several paragraphs: the longer text wins over two short paragraphs', () => {
    // One paragraph of five runs (one score of a paragraph under 200 characters) against two short paragraphs.
    const run = (n: number) => `Partie ${n} : la récolte des vignes de Valdoria`;
    const long = `<div><h2>Vendanges</h2><p>${[1, 2, 3, 4, 5].map(run).join('<br><br>')}</p></div>`;
    const short = '<div><p>Une brève sur le marché aux vins de la capitale</p><p>Une autre brève sur la foire aux vins</p></div>';
    const { blocks } = readHtml(page(`${short}${long}`));
    expect(blocks).toEqual(expect.arrayContaining([1, 2, 3, 4, 5].map(run)));
    expect(blocks.join('\n')).not.toContain('brève');
  });

  it('judges a div holding only a linked heading (a teaser of another story) as a container, and a div of text a quarter links or more (a note)', () => {
    const { blocks } = readHtml(
      page(`<div>${paras(1, 3)}<div><a href="/autre"><h3>La fête des vendanges de l’an dernier en images</h3></a></div>
        <div>Article principal : <a href="/vendanges">Les vendanges en Valdoria</a></div>${paras(4, 5)}</div>`),
    );
    const all = blocks.join('\n');
    for (const gone of ['fête des vendanges', 'Article principal']) expect(all).not.toContain(gone);
    expect(blocks).toHaveLength(5);
  });

  it('keeps a div that holds only a caption (it reads as a paragraph, whatever its class)', () => {
    const { blocks } = readHtml(page(`<div>${paras(1, 4)}<div class="media-caption"><figcaption><em>Les premières grappes, cueillies à l’aube.</em></figcaption></div></div>`));
    expect(blocks).toContain('Les premières grappes, cueillies à l’aube.');
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
const BODY_F1 = 0.996;
