import type { Tag } from '../../normalise';
import { Command } from '@nestjs/cqrs';
import type { SourceKind } from '../communique.entity';

export interface IngestCommuniqueInput {
  /** The bytes as received; kept unchanged, their sha-256 identifies the communiqué. */
  raw: Buffer;
  /** `text/plain` (with or without charset) is what this version reads. */
  contentType: string;
  /** `text` for a request body, `upload` for a file, `cli` from the newsroom CLI, `demo` for demo content. */
  sourceKind: SourceKind;
  /** A file name or a source's name, or null. */
  sourceName: string | null;
  /** The user id of the sender (or `demo`, `system`). */
  receivedBy: string;
}

/** What the ingestion answers: the communiqué's id and its first reading, or the one already there for the same bytes. */
export interface IngestedCommunique {
  communiqueId: string;
  /** True when the same bytes had been ingested already: nothing was stored nor announced this time. */
  duplicate: boolean;
  title: string;
  titleGenerated: boolean;
  publishedOn: string | null;
  /** The site section it was matched to, or null. */
  section: string | null;
  /** The section as the source wrote it (a breadcrumb), or null. */
  sourceSection: string | null;
  language: string;
  /** How many paragraphs. */
  paragraphs: number;
  /** Suggested tags: people, organisations, countries. */
  tags: Tag[];
  checksum: string;
  /** The earlier communiqué this one nearly duplicates (estimated Jaccard similarity ≥ 0.6), or null. */
  nearDuplicateOf: { communiqueId: string; similarity: number } | null;
}

/** Ingest one communiqué: keep the original, normalise it, announce `ingestion.communique.received`; idempotent on the bytes. */
export class IngestCommuniqueCommand extends Command<IngestedCommunique> {
  constructor(readonly input: IngestCommuniqueInput) {
    super();
  }
}
