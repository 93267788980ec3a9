import type { Tag } from './tags';

/**
 * What a reader of one source format (plain text now; HTML, .docx and feeds later) finds in a document,
 * before typography, language detection, date fallback and headline generation, which are the same for all formats.
 */
export interface ExtractedCommunique {
  /** The document's own title, or null when it has none (one is generated). */
  title: string | null;
  /** YYYY-MM-DD from the document's metadata or a date line; null to look for it in the lead sentence. */
  publishedOn: string | null;
  /** Where the source filed it (a breadcrumb's last segment), as written there. */
  section: string | null;
  /** The body, one entry per paragraph, whitespace not yet normalised. */
  blocks: string[];
}

/** The normalised communiqué: what is stored and announced in `ingestion.communique.received`. */
export interface NormalisedCommunique {
  title: string;
  /** True when the source had no title and `title` was written from its lead sentence. */
  titleGenerated: boolean;
  /** YYYY-MM-DD or null. */
  publishedOn: string | null;
  /** One of the site's configured sections (typo-tolerant match of `sourceSection`), or null. */
  section: string | null;
  /** 'fr', 'en', … */
  language: string;
  paragraphs: string[];
  /** Where the source itself filed it (a breadcrumb's last segment) as written there; `section` is its site section. */
  sourceSection: string | null;
  /** People, organisations and countries it names, most mentioned first: suggestions for the editor. */
  tags: Tag[];
}
