import { strFromU8, unzipSync, type UnzipFileInfo } from 'fflate';
import { parseDateLine } from '../dates';
import { CommuniqueRejected } from '../errors';
import type { ExtractedCommunique } from '../extracted-communique';
import { decodeXmlEntities, docxParagraphs, styleNames } from './docx-xml';

/** Media type of a Word document (.docx). */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The parts of the package that are read; nothing else is inflated. */
const DOCUMENT = 'word/document.xml';
const STYLES = 'word/styles.xml';
const CORE = 'docProps/core.xml';
const WANTED = new Set([DOCUMENT, STYLES, CORE]);

/** Against zip bombs: at most this much inflated in all, and no part inflating more than this ratio. */
export const MAX_DOCX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024;
export const MAX_DOCX_RATIO = 100;

/** Style ids (English and French Word) and names (styles.xml, lower case) of a paragraph that is the title. */
const TITLE_STYLE_IDS = new Set(['title', 'titre', 'heading1', 'titre1']);
const TITLE_STYLE_NAMES = new Set(['title', 'titre', 'heading 1', 'titre 1']);
/** A date line is only looked for among the first paragraphs (a dateline under the title). */
const DATE_LINE_WINDOW = 3;

const NOT_DOCX = 'Ce fichier n’est pas un document Word (.docx) lisible : enregistrez-le de nouveau au format .docx, ou envoyez un texte en UTF-8.';

/**
 * A Word document (.docx, Office Open XML) → its title, date and paragraphs.
 * Paragraphs are the text of their runs (`<w:tab/>` → a space, `<w:br/>` → a line break), empty ones skipped.
 * The title is the first paragraph styled Title / Heading 1 (or Titre / Titre 1), else the first paragraph when it
 * is the document's own title (`dc:title` of docProps/core.xml). The date is only one written in the document
 * (a date line among the first paragraphs here, else the lead sentence later): the file's creation or
 * modification date says when it was typed, not when it was published.
 */
export function readDocx(raw: Uint8Array): ExtractedCommunique {
  const parts = unzipParts(raw);
  const documentXml = parts[DOCUMENT];
  if (!documentXml) throw new CommuniqueRejected('unsupported-type', `${NOT_DOCX} (Il n’y a pas de word/document.xml dans ce fichier.)`);
  const names = parts[STYLES] ? styleNames(strFromU8(parts[STYLES])) : new Map<string, string>();
  const isTitleStyle = (styleId: string | null) =>
    styleId !== null && (TITLE_STYLE_IDS.has(styleId.toLowerCase()) || TITLE_STYLE_NAMES.has((names.get(styleId) ?? '').toLowerCase()));

  const paragraphs = docxParagraphs(strFromU8(documentXml)).filter((p) => p.text.trim().length > 0);
  let titleIndex = paragraphs.findIndex((p) => isTitleStyle(p.styleId));
  if (titleIndex < 0 && paragraphs.length > 1) {
    const ownTitle = parts[CORE] ? coreTitle(strFromU8(parts[CORE])) : null;
    if (ownTitle && sameText(ownTitle, paragraphs[0].text)) titleIndex = 0;
  }
  const title = titleIndex >= 0 ? paragraphs[titleIndex].text.trim() : null;
  const blocks = paragraphs.filter((_, i) => i !== titleIndex).map((p) => p.text);

  let publishedOn: string | null = null;
  const dateIndex = blocks.slice(0, DATE_LINE_WINDOW).findIndex((block) => parseDateLine(block) !== null);
  if (dateIndex >= 0 && blocks.length > 1) {
    publishedOn = parseDateLine(blocks[dateIndex]);
    blocks.splice(dateIndex, 1);
  }
  return { title, publishedOn, section: null, blocks };
}

/** The three parts, inflated only after their declared sizes passed the limits. */
function unzipParts(raw: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  const admit = (file: UnzipFileInfo): boolean => {
    if (!WANTED.has(file.name)) return false;
    total += file.originalSize;
    const ratio = file.size > 0 ? file.originalSize / file.size : file.originalSize > 0 ? Infinity : 0;
    if (total > MAX_DOCX_UNCOMPRESSED_BYTES || ratio > MAX_DOCX_RATIO) {
      throw new CommuniqueRejected(
        'too-large',
        `Ce document Word se décompresse en beaucoup trop de données (plus de ${MAX_DOCX_UNCOMPRESSED_BYTES / 1024 / 1024} Mo, ou plus de ${MAX_DOCX_RATIO} fois sa taille) : il est refusé.`,
      );
    }
    return true;
  };
  try {
    // fflate inflates each part into a buffer of its declared size, so a lying header cannot grow past the limits.
    return unzipSync(raw, { filter: admit });
  } catch (error) {
    if (error instanceof CommuniqueRejected) throw error;
    throw new CommuniqueRejected('binary', NOT_DOCX);
  }
}

function coreTitle(coreXml: string): string | null {
  const match = /<dc:title(?:\s[^>]*)?>([\s\S]*?)<\/dc:title>/.exec(coreXml);
  return match ? decodeXmlEntities(match[1]).trim() || null : null;
}

function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/gu, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}
