import type { CommuniqueReceivedV1 } from '@newsroom/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Tag } from '../normalise';

export type SourceKind = CommuniqueReceivedV1['source']['kind'];

/** A received communiqué: its raw original, unchanged, and its first normalised reading. Table `ingestion.communique`. */
@Entity({ name: 'communique' })
export class Communique {
  @PrimaryColumn('uuid')
  id: string;

  /** sha-256 (lowercase hex) of `original`: the same bytes twice are one communiqué. */
  @Column({ type: 'text', unique: true })
  checksum: string;

  @Column({ name: 'source_kind', type: 'text' })
  sourceKind: SourceKind;

  /** A file name, a feed's name, … or null. */
  @Column({ name: 'source_name', type: 'text', nullable: true })
  sourceName: string | null;

  /** As the sender gave it (the media type decides how it is read). */
  @Column({ name: 'content_type', type: 'text' })
  contentType: string;

  /** The bytes as received. Loaded only when asked for (`addSelect`): lists and details do not need it. */
  @Column({ type: 'bytea', select: false })
  original: Buffer;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'title_generated', type: 'boolean' })
  titleGenerated: boolean;

  /** YYYY-MM-DD. */
  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  /** One of the site's sections, matched from `sourceSection`. */
  @Column({ type: 'text', nullable: true })
  section: string | null;

  /** Where the source filed it, as written there (a breadcrumb's last segment). */
  @Column({ name: 'source_section', type: 'text', nullable: true })
  sourceSection: string | null;

  /** Suggested tags: people, organisations, countries, most mentioned first. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: Tag[];

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'jsonb' })
  paragraphs: string[];

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** MinHash signature of its word 5-shingles (near-duplicates/); null when it has no words, or was ingested before. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  fingerprint: number[] | null;

  /** The earlier communiqué this one nearly duplicates (a corrected re-send…), or null. */
  @Column({ name: 'near_duplicate_of', type: 'uuid', nullable: true })
  nearDuplicateOf: string | null;

  /** Estimated Jaccard similarity with `nearDuplicateOf`, or null. */
  @Column({ name: 'near_duplicate_similarity', type: 'real', nullable: true })
  nearDuplicateSimilarity: number | null;

  /** The id of the user who sent it (editorial's user id), or `demo` / `system`. */
  @Column({ name: 'received_by', type: 'text' })
  receivedBy: string;
}
