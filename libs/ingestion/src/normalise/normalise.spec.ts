import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseCommunique, normaliseText, typeset, type NormalisedCommunique } from '.';
import { mediaTypeFromName } from './normalise';
import { rejection } from './rejection.spec-helper';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const SEEDS = path.resolve(REPO_ROOT, '../shared/seeds');
const seed = (name: string) => readFileSync(path.join(SEEDS, name));
const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name));

const NBSP = '\u00a0';
const NNBSP = '\u202f';
/** Words of the seed pages' navigation, breadcrumb and footer: none may reach a paragraph. */
const CHROME = ['Accueil', 'Aperçu général de Chine', 'Qui sommes nous', 'Rubrique de l', 'Services presses', 'Portada', 'Infomations Importantes', 'Suggest To A Friend', 'Print'];


/** The normalised communiqué written back as text: what a second pass reads. */
const asText = (c: NormalisedCommunique) => [c.title, ...c.paragraphs].join('\n\n');

describe('normaliseCommunique: the seed page text (2020-07-16)', () => {
  const result = normaliseCommunique(seed('communique-2020-07-16-page-text.txt'), 'text/plain');

  it('takes the title line, the ISO date line and the breadcrumb’s last segment', () => {
    expect(result.title).toBe('La Chine et les pays d’Asie centrale tiennent leur première réunion des ministres des Affaires étrangères');
    expect(result.titleGenerated).toBe(false);
    expect(result.publishedOn).toBe('2020-07-16');
    expect(result.section).toBe('Informations importantes'); // the site's section, matched despite the source's typo
    expect(result.sourceSection).toBe('Infomations Importantes');
    expect(result.language).toBe('fr');
  });

  it('keeps the twelve paragraphs separated by blank lines, and no navigation, breadcrumb or footer text', () => {
    expect(result.paragraphs).toHaveLength(12);
    expect(result.paragraphs[0]).toMatch(/^La Chine et les pays d’Asie centrale ont tenu leur première réunion/);
    expect(result.paragraphs[3]).toBe(`M. Wang a avancé une proposition en quatre points${NBSP}:`);
    expect(result.paragraphs[11]).toBe('La réunion a adopté et publié la Déclaration conjointe de la réunion des ministres des Affaires étrangères de la Chine et des pays d’Asie centrale.');
    for (const paragraph of result.paragraphs) {
      for (const chrome of CHROME) expect(paragraph).not.toContain(chrome);
      expect(paragraph).not.toMatch(/^2020-07-16$/);
    }
    expect(result.paragraphs.join(' ')).not.toContain(result.title);
  });

  it('keeps every word of the body', () => {
    const words = (text: string) => text.replace(/['’]/g, ' ').split(/[\s\u00a0\u202f]+/u).filter(Boolean);
    const body = seed('communique-2020-07-16-page-text.txt').toString('utf8').split('\n').slice(5, -3).join('\n');
    expect(words(result.paragraphs.join(' '))).toEqual(words(body));
  });

  it('sets French typography: guillemets, colon, apostrophes; the digit grouping "2 100" is untouched', () => {
    expect(result.paragraphs[1]).toContain(`centrale.${' '}«${NBSP}Le peuple chinois`);
    expect(result.paragraphs[1]).toContain(`en ce moment${NBSP}», a déclaré M. Wang.`);
    expect(result.paragraphs[1]).toContain('il y a plus de 2 100 ans');
    expect(result.paragraphs.join(' ')).not.toContain("'");
    expect(result.paragraphs.join(' ')).toContain('ainsi qu’à la communauté internationale');
  });

  it('is idempotent', () => {
    for (const paragraph of result.paragraphs) expect(typeset(paragraph)).toBe(paragraph);
    const again = normaliseText(asText(result));
    expect(again).toEqual({ ...result, section: null, sourceSection: null });
  });
});

describe('normaliseCommunique: the seed bare paragraphs (2023-04-27)', () => {
  const result = normaliseCommunique(seed('communique-2023-04-27-plain.txt'));

  it('generates a short, faithful headline from the lead sentence', () => {
    expect(result.title).toBe('Qin Gang a présidé la quatrième réunion des ministres des Affaires étrangères Chine-Asie centrale à Xi’an');
    expect(result.titleGenerated).toBe(true);
    expect(result.title.length).toBeLessThanOrEqual(110);
  });

  it('finds the date in the lead sentence; no section', () => {
    expect(result.publishedOn).toBe('2023-04-27');
    expect(result.section).toBeNull();
    expect(result.language).toBe('fr');
  });

  it('keeps one paragraph per line, the lead included, whole', () => {
    expect(result.paragraphs).toHaveLength(7);
    expect(result.paragraphs[0]).toMatch(/^Le 27 avril 2023, le conseiller d’État et ministre des Affaires étrangères Qin Gang a présidé/);
    expect(result.paragraphs[0]).toMatch(/premier vice-ministre des Affaires étrangères du Turkménistan Vepa Hajiyev\.$/);
    expect(result.paragraphs[6]).toBe('Le sommet Chine-Asie centrale se tiendra à Xi’an, dans la province du Shaanxi, en mai.');
    expect(result.paragraphs[2]).toContain(`«${NBSP}trois forces${NBSP}»`);
  });

  it('is idempotent', () => {
    for (const paragraph of result.paragraphs) expect(typeset(paragraph)).toBe(paragraph);
    expect(normaliseText(result.paragraphs.join('\n'))).toEqual(result);
  });
});

describe('normaliseCommunique: our own fixtures', () => {
  it('tolerates CRLF line ends, a BOM and trailing spaces', () => {
    const lf = fixture('valdoria-plain.txt');
    const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lf.toString('utf8').replace(/\n/g, '  \t\r\n'))]);
    const fromLf = normaliseCommunique(lf);
    expect(normaliseCommunique(crlf)).toEqual(fromLf);
    expect(fromLf.paragraphs).toHaveLength(4);
    expect(fromLf.paragraphs[0].startsWith('Paris, le 1er mars 2024')).toBe(true);
    for (const paragraph of fromLf.paragraphs) expect(paragraph).not.toMatch(/[\r\n\t\ufeff]|\s$/u);
  });

  it('reads "1er mars 2024" in the lead and writes a headline without the dateline, cut at a comma', () => {
    const result = normaliseCommunique(fixture('valdoria-plain.txt'));
    expect(result.publishedOn).toBe('2024-03-01');
    expect(result.title).toBe('L’ambassade de la République de Valdoria en France a inauguré son nouveau centre culturel, rue des Acacias');
    expect(result.titleGenerated).toBe(true);
    expect(result.section).toBeNull();
  });

  it('sets French typography in our text', () => {
    const [, second, quote, practical] = normaliseCommunique(fixture('valdoria-plain.txt')).paragraphs;
    expect(second).toContain('dès le mois d’avril');
    expect(second).toContain('une bibliothèque de 3 000 ouvrages');
    expect(quote).toBe(`«${NBSP}Ce centre est une fenêtre ouverte sur notre culture${NNBSP}; nous voulons qu’il soit aussi un lieu de rencontre${NNBSP}!${NBSP}», a déclaré l’ambassadeur.`);
    expect(practical).toBe(`Informations pratiques${NBSP}: le centre est ouvert du mardi au samedi, de 10 h à 18 h.`);
  });

  it('removes French page chrome: navigation, breadcrumb (› separators), footer links; reads a long date line', () => {
    const result = normaliseCommunique(fixture('valdoria-page-fr.txt'));
    expect(result).toEqual({
      title: 'Journées portes ouvertes à l’ambassade de Valdoria',
      titleGenerated: false,
      publishedOn: '2024-03-01',
      section: null,
      sourceSection: 'Communiqués',
      tags: [],
      language: 'fr',
      paragraphs: [
        'L’ambassade de la République de Valdoria ouvrira ses portes au public les samedi 16 et dimanche 17 mars 2024.',
        `Au programme${NBSP}: visite des salons, dégustation de spécialités et concert de musique traditionnelle.`,
      ],
    });
  });

  it('detects English and leaves English punctuation alone', () => {
    const result = normaliseCommunique(fixture('valdoria-page-en.txt'));
    expect(result.language).toBe('en');
    expect(result.title).toBe('Valdoria and the City of Lyon sign a student exchange agreement');
    expect(result.publishedOn).toBe('2024-05-14');
    expect([result.section, result.sourceSection]).toEqual([null, 'Press releases']); // not one of the site's sections
    expect(result.paragraphs).toEqual([
      'On 14 May 2024, the Ambassador of the Republic of Valdoria, Tomas Arvel, and the Mayor of Lyon signed an agreement that will allow forty students to study abroad every year.',
      'The first exchanges will start in September. Applications are open until 30 June: students should contact their university’s international office.',
    ]);
  });

  it('writes an English headline from an English lead', () => {
    const result = normaliseText('On 3 March 2024, the Embassy of Valdoria opened a visa office in Marseille, which will serve the whole south of France.\nAppointments can be booked online.');
    expect(result).toMatchObject({ language: 'en', publishedOn: '2024-03-03', titleGenerated: true, title: 'The Embassy of Valdoria opened a visa office in Marseille' });
  });

  it('takes a short first line as the title of one-line paragraphs, and a title before a blank line', () => {
    expect(normaliseText('Fermeture exceptionnelle du consulat\nLe consulat sera fermé le lundi 1er avril.\nMerci de votre compréhension.')).toMatchObject({
      title: 'Fermeture exceptionnelle du consulat',
      titleGenerated: false,
      paragraphs: ['Le consulat sera fermé le lundi 1er avril.', 'Merci de votre compréhension.'],
    });
    expect(normaliseText('Fermeture exceptionnelle du consulat\n\nLe consulat sera fermé le lundi 1er avril 2024.')).toMatchObject({
      title: 'Fermeture exceptionnelle du consulat',
      publishedOn: '2024-04-01',
      paragraphs: ['Le consulat sera fermé le lundi 1er avril 2024.'],
    });
  });

  it('keeps a single line as a paragraph (a title needs a body), with a headline', () => {
    expect(normaliseText('Le consulat de Valdoria sera fermé le 1er mai 2024')).toEqual({
      title: 'Le consulat de Valdoria sera fermé le 1er mai 2024',
      titleGenerated: true,
      publishedOn: '2024-05-01',
      section: null,
      sourceSection: null,
      language: 'fr',
      paragraphs: ['Le consulat de Valdoria sera fermé le 1er mai 2024'],
      tags: [],
    });
  });
});

describe('normaliseCommunique: character sets and media types', () => {
  it('reads Latin-1 / windows-1252 and UTF-16 text, not only UTF-8', () => {
    const expected = ['Le consulat sera fermé le 1er mai 2024.'];
    expect(normaliseCommunique(Buffer.from('Le consulat sera fermé le 1er mai 2024.', 'latin1')).paragraphs).toEqual(expected);
    expect(normaliseCommunique(Buffer.from('Le consulat sera fermé le 1er mai 2024.', 'latin1'), 'text/plain; charset=ISO-8859-1').paragraphs).toEqual(expected);
    expect(normaliseCommunique(Buffer.from('\ufeffLe consulat sera fermé le 1er mai 2024.', 'utf16le')).paragraphs).toEqual(expected);
  });

  it('knows the media type of a file name', () => {
    expect(mediaTypeFromName('communiqué.TXT')).toBe('text/plain');
    expect(mediaTypeFromName('notes.text')).toBe('text/plain');
    expect(mediaTypeFromName('page.htm')).toBe('text/html');
    expect(mediaTypeFromName('/tmp/page.html')).toBe('text/html');
    expect(mediaTypeFromName('Communiqué.docx')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mediaTypeFromName('scan.pdf')).toBeNull();
    expect(mediaTypeFromName('README')).toBeNull();
    expect(mediaTypeFromName('archive.docx.zip')).toBeNull();
  });
});

describe('normaliseCommunique: what it refuses', () => {
  it.each([
    ['no bytes', Buffer.alloc(0), 'empty'],
    ['only whitespace', Buffer.from(' \r\n\t\n\u00a0\n'), 'empty'],
    ['a BOM alone', Buffer.from([0xef, 0xbb, 0xbf]), 'empty'],
    ['NUL bytes', Buffer.from('Le\u0000 consulat'), 'binary'],
    ['a PNG header', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'binary'],
    ['control characters', Buffer.from('Le consulat\u0007 sera fermé.'), 'binary'],
    ['a replacement character (an earlier failed decoding)', Buffer.from('Le consulat sera ferm\ufffd.'), 'binary'],
    ['page chrome and nothing else', Buffer.from('Accueil | Presse | Contact\nAccueil > Presse\n\nSuggest To A Friend\n\u00a0Print'), 'no-paragraph'],
  ])('%s', (_, raw, reason) => {
    expect(rejection(() => normaliseCommunique(raw)).reason).toBe(reason);
  });

  it('refuses more than 5 MB and formats it cannot read yet', () => {
    expect(rejection(() => normaliseCommunique(Buffer.alloc(5 * 1024 * 1024 + 1, 'a'))).reason).toBe('too-large');
    expect(rejection(() => normaliseCommunique(Buffer.from('%PDF-1.7'), 'application/pdf')).reason).toBe('unsupported-type');
  });

  it('refuses what the event contract could not carry', () => {
    expect(rejection(() => normaliseText(Array.from({ length: 501 }, (_, n) => `Paragraphe ${n}.`).join('\n'))).reason).toBe('too-long');
    expect(rejection(() => normaliseText(`${'mot '.repeat(5001)}.`)).reason).toBe('too-long');
  });

  it('gives a message in French', () => {
    expect(rejection(() => normaliseCommunique(Buffer.alloc(0))).message).toBe('Le communiqué est vide.');
    expect(rejection(() => normaliseCommunique(Buffer.from('fermé', 'latin1'), 'text/plain; charset=utf-8')).message).toContain('UTF-8');
    expect(rejection(() => normaliseCommunique(Buffer.from('fermé'), 'text/plain; charset=klingon')).message).toContain('Jeu de caractères inconnu');
  });
});

describe('normaliseText: a dateline on its own line', () => {
  it('keeps it as a paragraph, takes its date, and writes the headline from the next one', () => {
    expect(normaliseText('Paris, le 1er mars 2024\nL’ambassade de Valdoria a rouvert son service des visas.\nLes rendez-vous se prennent en ligne.')).toEqual({
      title: 'L’ambassade de Valdoria a rouvert son service des visas',
      titleGenerated: true,
      publishedOn: '2024-03-01',
      section: null,
      sourceSection: null,
      language: 'fr',
      tags: [],
      paragraphs: ['Paris, le 1er mars 2024', 'L’ambassade de Valdoria a rouvert son service des visas.', 'Les rendez-vous se prennent en ligne.'],
    });
  });
});
