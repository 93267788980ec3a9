/** Just enough of WordprocessingML for a communiqué: paragraphs, their style, the text of their runs. */

export interface DocxParagraph {
  /** `w:pStyle w:val`, the style id (e.g. "Title", "Heading1", "Titre1"), or null. */
  styleId: string | null;
  /** The runs' text: `<w:t>` as written, `<w:tab/>` → a space, `<w:br/>`/`<w:cr/>` → a line break. */
  text: string;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** `&amp;`, `&lt;`, `&#233;`, `&#xE9;`… → characters. Unknown or invalid references are left as they are. */
export function decodeXmlEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(\w+));/gi, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** Attribute `name` (e.g. `w:val`) of a start tag's attribute text, decoded, or null. */
function attribute(attributes: string, name: string): string | null {
  const match = new RegExp(`(?:^|\\s)${name.replace(':', '\\:')}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decodeXmlEntities(match[1] ?? match[2]) : null;
}

/**
 * The paragraphs of word/document.xml in document order (by their end: a paragraph in a text box, nested in
 * another, comes before it). Tables' cells are paragraphs too. Deleted text (`w:delText`), field codes
 * (`w:instrText`) and tab stops of the paragraph's properties are not text.
 */
export function docxParagraphs(xml: string): DocxParagraph[] {
  const out: DocxParagraph[] = [];
  const open: DocxParagraph[] = [];
  let inText = 0;
  let inRun = 0;
  const tokens = /<(\/?)([\w.-]+:[\w.-]+|[\w.-]+)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|([^<]+)/g;
  for (let m = tokens.exec(xml); m !== null; m = tokens.exec(xml)) {
    const [, closing, name, attributes, selfClosing, cdata, chars] = m;
    const current = open[open.length - 1];
    if (chars !== undefined || cdata !== undefined) {
      if (inText > 0 && current) current.text += cdata ?? decodeXmlEntities(chars ?? '');
      continue;
    }
    if (name === undefined) continue; // comment, processing instruction
    if (closing) {
      if (name === 'w:p') {
        const done = open.pop();
        if (done) out.push(done);
      } else if (name === 'w:t') inText = Math.max(0, inText - 1);
      else if (name === 'w:r') inRun = Math.max(0, inRun - 1);
      continue;
    }
    switch (name) {
      case 'w:p':
        if (!selfClosing) open.push({ styleId: null, text: '' });
        break;
      case 'w:pStyle':
        if (current && current.styleId === null) current.styleId = attribute(attributes, 'w:val');
        break;
      case 'w:r':
        if (!selfClosing) inRun++;
        break;
      case 'w:t':
        if (!selfClosing) inText++;
        break;
      case 'w:tab':
        if (inRun > 0 && current) current.text += ' ';
        break;
      case 'w:br':
      case 'w:cr':
        if (inRun > 0 && current) current.text += '\n';
        break;
      case 'w:noBreakHyphen':
        if (inRun > 0 && current) current.text += '\u2011';
        break;
    }
  }
  return out;
}

/** styles.xml: style id → its name ("heading 1", "Title", "titre 1"…). */
export function styleNames(xml: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const style of xml.match(/<w:style\b[\s\S]*?<\/w:style>/g) ?? []) {
    const start = /^<w:style\b([^>]*)>/.exec(style);
    const id = start ? attribute(start[1], 'w:styleId') : null;
    const name = /<w:name\b([^>]*?)\/?>/.exec(style);
    const value = name ? attribute(name[1], 'w:val') : null;
    if (id && value) names.set(id, value);
  }
  return names;
}
