import { findDateInWords } from './dates';
import { CommuniqueRejected } from './errors';
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

/** Media types this version reads, and the reader of each. HTML, .docx and feeds come next. */
const READERS: Record<string, (text: string) => ExtractedCommunique> = {
  'text/plain': readTextLayout,
};

export function mediaTypeOf(contentType: string): string {
  return contentType.split(';')[0].trim().toLowerCase();
}

export function isReadable(contentType: string): boolean {
  return mediaTypeOf(contentType) in READERS;
}

/** Raw bytes as received → the normalised communiqué. Throws CommuniqueRejected. */
export function normaliseCommunique(raw: Uint8Array, contentType = 'text/plain'): NormalisedCommunique {
  if (raw.byteLength > MAX_COMMUNIQUE_BYTES) throw new CommuniqueRejected('too-large', `Le communiqué dépasse ${MAX_COMMUNIQUE_BYTES / 1024 / 1024} Mo.`);
  const read = READERS[mediaTypeOf(contentType)];
  if (!read) throw new CommuniqueRejected('unsupported-type', `Format non pris en charge (${mediaTypeOf(contentType) || 'inconnu'}) : envoyez du texte brut (text/plain, .txt).`);
  return finishCommunique(read(decodeText(raw)));
}

/** Communiqué text → the normalised communiqué. Throws CommuniqueRejected. */
export function normaliseText(text: string): NormalisedCommunique {
  if (text.trim().length === 0) throw new CommuniqueRejected('empty', 'Le communiqué est vide.');
  return finishCommunique(readTextLayout(text));
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
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
export function finishCommunique(extracted: ExtractedCommunique): NormalisedCommunique {
  const language = detectLanguage([extracted.title ?? '', ...extracted.blocks].join('\n'));
  const paragraphs = extracted.blocks.map((block) => typeset(block, language)).filter((p) => p.length > 0);
  if (paragraphs.length === 0) throw new CommuniqueRejected('no-paragraph', 'Aucun paragraphe de texte une fois la navigation et les liens de la page retirés.');
  if (paragraphs.length > MAX_PARAGRAPHS) throw new CommuniqueRejected('too-long', `Trop de paragraphes (${paragraphs.length}, ${MAX_PARAGRAPHS} au plus).`);
  const longest = Math.max(...paragraphs.map((p) => p.length));
  if (longest > MAX_PARAGRAPH_LENGTH) throw new CommuniqueRejected('too-long', `Un paragraphe dépasse ${MAX_PARAGRAPH_LENGTH} caractères (${longest}).`);

  const ownTitle = extracted.title ? typeset(extracted.title, language) : '';
  const generated = ownTitle ? null : paragraphs.map(generateHeadline).find((headline) => headline !== null);
  const title = (ownTitle || generated || firstSentence(paragraphs[0])).slice(0, MAX_TITLE_LENGTH);
  return {
    title,
    titleGenerated: !ownTitle,
    publishedOn: extracted.publishedOn ?? findDateInWords(firstSentence(paragraphs[0])),
    section: extracted.section ? collapseSpaces(extracted.section) || null : null,
    language,
    paragraphs,
  };
}
