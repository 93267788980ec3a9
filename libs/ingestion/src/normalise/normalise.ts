import { decodeDocument } from './charset';
import { findDateInWords } from './dates';
import { DOCX_MEDIA_TYPE, readDocx } from './docx/read-docx';
import { CommuniqueRejected } from './errors';
import { readHtml } from './html/read-html';
import { DEFAULT_SECTIONS, mapSection, type SiteSection } from './sections';
import { suggestTags } from './tags';
import type { ExtractedCommunique, NormalisedCommunique } from './extracted-communique';
import { firstSentence, generateHeadline } from './headline';
import { detectLanguage } from './language';
import { readTextLayout } from './text-layout';
import { collapseSpaces, typeset } from './typography';

/** The largest original accepted, in bytes. */
export const MAX_COMMUNIQUE_BYTES = 5 * 1024 * 1024;
/** Limits of the `ingestion.communique.received` contract. */
const MAX_PARAGRAPHS = 500;
const MAX_PARAGRAPH_LENGTH = 20_000;
const MAX_TITLE_LENGTH = 500;

/** A reader: the original bytes and their Content-Type → what the document says. Text formats decode with `decodeDocument`. */
export type CommuniqueReader = (raw: Uint8Array, contentType: string) => ExtractedCommunique;

/** Media types this version reads, and the reader of each. Feeds come next. */
const READERS: Record<string, CommuniqueReader> = {
  'text/plain': (raw, contentType) => readTextLayout(decodeDocument(raw, contentType)),
  [DOCX_MEDIA_TYPE]: (raw) => readDocx(raw),
  'text/html': (raw, contentType) => readHtml(decodeDocument(raw, contentType)),
  'application/xhtml+xml': (raw, contentType) => readHtml(decodeDocument(raw, contentType)),
};

/** Media type by file extension, for uploads sent as application/octet-stream (and the CLI). */
const MEDIA_TYPES_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  text: 'text/plain',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  docx: DOCX_MEDIA_TYPE,
};

/** `communiqué.docx` → the .docx media type; null for an extension this service does not know. */
export function mediaTypeFromName(fileName: string): string | null {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return extension ? (MEDIA_TYPES_BY_EXTENSION[extension] ?? null) : null;
}

export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

export function isReadable(contentType: string): boolean {
  return mediaTypeOf(contentType) in READERS;
}

/** Raw bytes as received → the normalised communiqué. Throws CommuniqueRejected. */
export function normaliseCommunique(raw: Uint8Array, contentType = 'text/plain', sections: readonly SiteSection[] = DEFAULT_SECTIONS): NormalisedCommunique {
  if (raw.byteLength > MAX_COMMUNIQUE_BYTES) throw new CommuniqueRejected('too-large', `Le communiqué dépasse ${MAX_COMMUNIQUE_BYTES / 1024 / 1024} Mo.`);
  const read = READERS[mediaTypeOf(contentType)];
  if (!read) {
    throw new CommuniqueRejected('unsupported-type', `Format non pris en charge (${mediaTypeOf(contentType) || 'inconnu'}) : envoyez du texte brut (.txt), une page HTML (.html) ou un document Word (.docx).`);
  }
  if (raw.byteLength === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  return finishCommunique(read(raw, contentType), sections);
}

/** Communiqué text → the normalised communiqué. Throws CommuniqueRejected. */
export function normaliseText(text: string): NormalisedCommunique {
  if (text.trim().length === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  return finishCommunique(readTextLayout(text));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * UTF-8 only (`decodeDocument` in charset.ts reads any character set; this stays for callers that want UTF-8).
 * Bytes → text, refusing what is not UTF-8 text: no bytes or only whitespace (empty), NUL bytes,
 * invalid UTF-8, control characters other than tab, line and page breaks, and U+FFFD (the mark of a
 * decoding that already failed upstream). A leading BOM is dropped.
 */
export function decodeText(raw: Uint8Array): string {
  if (raw.byteLength === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  if (raw.includes(0)) throw new CommuniqueRejected('binary', 'Ce fichier n’est pas du texte (octets nuls) : envoyez un texte en UTF-8.');
  let text: string;
  try {
    text = utf8.decode(raw);
  } catch {
    throw new CommuniqueRejected('binary', 'Ce texte n’est pas en UTF-8 valide : enregistrez-le en UTF-8 et envoyez-le de nouveau.');
  }
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/u.test(text)) {
    throw new CommuniqueRejected('binary', 'Ce texte contient des caractères de contrôle ou de remplacement : ce n’est pas un texte en UTF-8 valide.');
  }
  if (text.trim().length === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  return text;
}

/** What every reader's output goes through: language, typography, date from the lead sentence, headline, contract limits. */
export function finishCommunique(extracted: ExtractedCommunique, sections: readonly SiteSection[] = DEFAULT_SECTIONS): NormalisedCommunique {
  const language = detectLanguage([extracted.title ?? '', ...extracted.blocks].join('\n'));
  const paragraphs = extracted.blocks.map((block) => typeset(block, language)).filter((p) => p.length > 0);
  if (paragraphs.length === 0) throw new CommuniqueRejected('no-paragraph', 'Aucun paragraphe de texte une fois la navigation et les liens de la page retirés.');
  if (paragraphs.length > MAX_PARAGRAPHS) throw new CommuniqueRejected('too-long', `Trop de paragraphes (${paragraphs.length}, ${MAX_PARAGRAPHS} au plus).`);
  const longest = Math.max(...paragraphs.map((p) => p.length));
  if (longest > MAX_PARAGRAPH_LENGTH) throw new CommuniqueRejected('too-long', `Un paragraphe dépasse ${MAX_PARAGRAPH_LENGTH} caractères (${longest}).`);

  const ownTitle = extracted.title ? typeset(extracted.title, language) : '';
  const generated = ownTitle ? null : paragraphs.map(generateHeadline).find((headline) => headline !== null);
  const title = (ownTitle || generated || firstSentence(paragraphs[0])).slice(0, MAX_TITLE_LENGTH);
  const sourceSection = extracted.section ? collapseSpaces(extracted.section) || null : null;
  return {
    title,
    titleGenerated: !ownTitle,
    publishedOn: extracted.publishedOn ?? findDateInWords(firstSentence(paragraphs[0])),
    section: mapSection(sourceSection, sections),
    sourceSection,
    language,
    paragraphs,
    tags: suggestTags(title, paragraphs, language),
  };
}
