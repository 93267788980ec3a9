import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const ARTICLE_STATES = ['draft', 'approved'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** An article under review: opened as a draft from a communiqué, then approved (see CONTEXT.md for the words). */
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
}
