import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ArticleState } from './workflow';

export { ARTICLE_STATES, type ArticleState } from './workflow';

/** An article under review: opened as a draft from a communiqué, reviewed, approved, published (see CONTEXT.md for the words). */
@Entity({ name: 'article', schema: 'editorial' })
export class Article {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The communiqué it was opened from (one draft per communiqué); null for an article written here. */
  @Column({ name: 'communique_id', type: 'uuid', nullable: true })
  communiqueId: string | null;

  @Column({ type: 'text' })
  state: ArticleState;

  @Column({ type: 'text' })
  title: string;

  /** True when ingestion wrote the title (the source had none): worth a look before approval. */
  @Column({ name: 'title_generated', type: 'boolean' })
  titleGenerated: boolean;

  /** The communiqué's calendar date, YYYY-MM-DD; set to the day of approval (Paris) when it had none. */
  @Column({ name: 'published_on', type: 'date', nullable: true })
  publishedOn: string | null;

  @Column({ type: 'text', nullable: true })
  section: string | null;

  @Column({ type: 'text' })
  language: string;

  @Column({ type: 'jsonb' })
  paragraphs: string[];

  /** The editorial revision: what readers could see change (1 for the first approval). */
  @Column({ type: 'integer' })
  revision: number;

  /** The row's version, bumped by every write: optimistic concurrency for edits. */
  @Column({ type: 'integer' })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  /** The approving user's id (no foreign key: a session may outlive its account). */
  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  /** The earlier communiqué this draft's communiqué nearly duplicates (a corrected re-send…), or null. */
  @Column({ name: 'near_duplicate_of_communique', type: 'uuid', nullable: true })
  nearDuplicateOfCommunique: string | null;

  /** Estimated similarity (0–1) with that communiqué, or null. */
  @Column({ name: 'near_duplicate_similarity', type: 'real', nullable: true })
  nearDuplicateSimilarity: number | null;

  /** That communiqué's draft, once it exists here (set when either event arrives second). */
  @Column({ name: 'near_duplicate_of_article', type: 'uuid', nullable: true })
  nearDuplicateOfArticle: string | null;

  /** Embargo: not to be published before this instant; null means as soon as possible. */
  @Column({ name: 'publish_at', type: 'timestamptz', nullable: true })
  publishAt: Date | null;

  /** Suggested at ingestion, edited by the editors: people, organisations, countries, themes. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  tags: string[];

  /** The editor asked to review it, or null. */
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId: string | null;

  /** The number of its latest saved revision (1: the text as received). */
  @Column({ name: 'current_revision', type: 'integer' })
  currentRevision: number;

  /** The saved revision last approved, or null: later revisions' authors may not approve (four eyes). */
  @Column({ name: 'approved_revision', type: 'integer', nullable: true })
  approvedRevision: number | null;

  /** Live on the public site now (reported by publishing; false again once withdrawn). */
  @Column({ name: 'is_public', type: 'boolean' })
  isPublic: boolean;

  /** The public revision readers see (events' `revision`), or null if it never was public. */
  @Column({ name: 'published_revision', type: 'integer', nullable: true })
  publishedRevision: number | null;

  @Column({ name: 'public_since', type: 'timestamptz', nullable: true })
  publicSince: Date | null;

  /** For readers, with a correction of a public article: what changed. */
  @Column({ name: 'correction_note', type: 'text', nullable: true })
  correctionNote: string | null;

  /** Why it is in its state, when someone said: changes requested, rejected, withdrawn. */
  @Column({ name: 'state_reason', type: 'text', nullable: true })
  stateReason: string | null;

  @Column({ name: 'state_changed_at', type: 'timestamptz' })
  stateChangedAt: Date;
}
