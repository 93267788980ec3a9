import { strToU8, zipSync, type Zippable } from 'fflate';
import { normaliseCommunique } from '../normalise';
import { DOCX_MEDIA_TYPE, readDocx } from './read-docx';
import { rejection } from '../rejection.spec-helper';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A paragraph: optional style id, runs given as XML (use run() for plain text). */
const p = (body: string, style?: string) => `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${body}</w:p>`;
const run = (text: string) => `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r>`;
const documentXml = (...paragraphs: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${paragraphs.join('')}<w:sectPr/></w:body></w:document>`;
const coreXml = (title: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>${title}</dc:title><dcterms:created>2019-01-02T10:00:00Z</dcterms:created></cp:coreProperties>`;
const stylesXml = `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Grandtitre"><w:name w:val="Title"/></w:style></w:styles>`;

function docx(parts: Record<string, string>, level: 0 | 6 = 6): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/media/logo.png': [new Uint8Array(64 * 1024), { level: 0 }],
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files, { level });
}


describe('readDocx', () => {
  it('reads paragraphs, runs, tabs, line breaks and entities; the Title paragraph is the title; empty paragraphs are skipped', () => {
    const raw = docx({
      'word/document.xml': documentXml(
        p(run('Réouverture du musée des Ponts &amp; Chaussées'), 'Title'),
        p(''),
        p(`${run('Le musée rouvre ses portes au public')}${run(' après deux ans de travaux.')}`),
        p('<w:r><w:t>Horaires :</w:t><w:tab/><w:t>10 h – 18 h</w:t><w:br/><w:t>Tarif :&#160;5 &#x20AC;</w:t></w:r>'),
        p('<w:r><w:t>&lt;Entrée&gt; « libre » le premier dimanche.</w:t></w:r>'),
        p('<w:r><w:delText>Texte supprimé</w:delText></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'),
      ),
    });
    expect(readDocx(raw)).toEqual({
      title: 'Réouverture du musée des Ponts & Chaussées',
      publishedOn: null,
      section: null,
      blocks: ['Le musée rouvre ses portes au public après deux ans de travaux.', 'Horaires : 10 h – 18 h\nTarif :\u00a05 €', '<Entrée> « libre » le premier dimanche.'],
    });
  });

  it.each(['Heading1', 'Titre', 'Titre1', 'Grandtitre'])('takes the first paragraph styled %s as the title (styles.xml names count too)', (style) => {
    const raw = docx({
      'word/document.xml': documentXml(p(run('Introduction'), 'Normal'), p(run('Le port de Brest s’agrandit'), style), p(run('Suite'), style), p(run('Les travaux commencent en juin.'))),
      'word/styles.xml': stylesXml,
    });
    expect(readDocx(raw)).toMatchObject({ title: 'Le port de Brest s’agrandit', blocks: ['Introduction', 'Suite', 'Les travaux commencent en juin.'] });
  });

  it('has no title without a title style, unless the first paragraph is the document’s own title (dc:title)', () => {
    const body = documentXml(p(run('Nouvelle ligne de tramway à Lyon')), p(run('La ligne T10 ouvrira en 2026.')));
    expect(readDocx(docx({ 'word/document.xml': body })).title).toBeNull();
    expect(readDocx(docx({ 'word/document.xml': body, 'docProps/core.xml': coreXml('Modèle Word') })).title).toBeNull();
    expect(readDocx(docx({ 'word/document.xml': body, 'docProps/core.xml': coreXml('Nouvelle ligne de tramway  à Lyon') }))).toMatchObject({
      title: 'Nouvelle ligne de tramway à Lyon',
      blocks: ['La ligne T10 ouvrira en 2026.'],
    });
  });

  it('takes the date from a date line written under the title, never from the file’s metadata', () => {
    const dated = docx({
      'word/document.xml': documentXml(p(run('Fermeture du consulat'), 'Title'), p(run('Le 1er mars 2024')), p(run('Le consulat sera fermé lundi.'))),
      'docProps/core.xml': coreXml('Fermeture du consulat'),
    });
    expect(readDocx(dated)).toMatchObject({ publishedOn: '2024-03-01', blocks: ['Le consulat sera fermé lundi.'] });

    const undated = docx({ 'word/document.xml': documentXml(p(run('Le consulat sera fermé lundi.'))), 'docProps/core.xml': coreXml('x') });
    expect(readDocx(undated).publishedOn).toBeNull();
  });

  it('goes through the normaliser: typography, language, date from the lead sentence, generated headline', () => {
    const raw = docx({
      'word/document.xml': documentXml(
        p(run('Le 27 avril 2023, la préfète de Bretagne a inauguré le nouveau centre de secours de Quimper, qui accueillera quarante pompiers.')),
        p(run('Le centre a coûté 12 millions d\'euros : il remplace la caserne de 1975.')),
      ),
    });
    const communique = normaliseCommunique(raw, DOCX_MEDIA_TYPE);
    expect(communique).toMatchObject({ titleGenerated: true, publishedOn: '2023-04-27', language: 'fr', section: null });
    expect(communique.paragraphs[1]).toBe('Le centre a coûté 12 millions d’euros\u00a0: il remplace la caserne de 1975.');
  });

  it('reads a stored (uncompressed) package too', () => {
    expect(readDocx(docx({ 'word/document.xml': documentXml(p(run('Un seul paragraphe.'))) }, 0)).blocks).toEqual(['Un seul paragraphe.']);
  });

  describe('what it refuses', () => {
    it('a zip bomb: a part inflating more than 100 times its size (too-large)', () => {
      const bomb = zipSync({ 'word/document.xml': new Uint8Array(2 * 1024 * 1024) }, { level: 9 });
      expect(bomb.byteLength).toBeLessThan(20 * 1024);
      const error = rejection(() => readDocx(bomb));
      expect(error.reason).toBe('too-large');
      expect(error.message).toContain('se décompresse en beaucoup trop de données');
    });

    it('more than 20 MB once inflated in all, even at a modest ratio (too-large)', () => {
      // Stored entries (ratio 1): 21 MB in the three parts read.
      const big = new Uint8Array(7 * 1024 * 1024).fill(0x20);
      const raw = zipSync({ 'word/document.xml': big, 'word/styles.xml': big, 'docProps/core.xml': big }, { level: 0 });
      expect(rejection(() => readDocx(raw)).reason).toBe('too-large');
    });

    it('does not inflate the parts it does not read (a bomb in word/media is ignored)', () => {
      const raw = zipSync({ 'word/media/bomb.bin': new Uint8Array(4 * 1024 * 1024), 'word/document.xml': strToU8(documentXml(p(run('Texte.')))) }, { level: 9 });
      expect(readDocx(raw).blocks).toEqual(['Texte.']);
    });

    it.each([
      ['not a zip at all', Buffer.from('Bonjour, ceci est du texte.'), 'binary'],
      ['a truncated zip', Buffer.from(docx({ 'word/document.xml': documentXml(p(run('Texte.'))) })).subarray(0, 200), 'binary'],
      ['the header of a zip and nothing else', Buffer.from('PK\u0003\u0004'), 'binary'],
      ['a zip without word/document.xml', zipSync({ 'content.xml': strToU8('<office:document/>') }), 'unsupported-type'],
    ])('%s', (_, raw, reason) => {
      const error = rejection(() => readDocx(raw));
      expect(error.reason).toBe(reason);
      expect(error.message).toContain('n’est pas un document Word (.docx) lisible');
    });

    it('a document with no text (no-paragraph, from the normaliser)', () => {
      expect(rejection(() => normaliseCommunique(docx({ 'word/document.xml': documentXml(p(''), p('<w:r><w:t> </w:t></w:r>')) }), DOCX_MEDIA_TYPE)).reason).toBe('no-paragraph');
    });
  });
});
