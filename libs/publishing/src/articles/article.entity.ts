import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ArticleContent, ArticleState, Correction } from './article';

/**
 * The public site's copy of an article (`publishing.article`), built from `editorial.article.approved`.
 * Its content columns hold the revision that is live, or, before the first publication, the one waiting
 * for its time. A later revision approved for a future time while an earlier one is live waits in `pending`.
 */
@Entity({ name: 'article' })
export class Article {
  /** The editorial articleId. */
  @PrimaryColumn('uuid')
  id: string;

  @Column('integer')
  revision: number;

  /** Chosen once, from the first revision's title; kept by every later revision. */
  @Column('text', { unique: true })
  slug: string;

  @Column('text')
  title: string;

  /** The communiqué's calendar date, YYYY-MM-DD. */
  @Column('date', { name: 'published_on' })
  publishedOn: string;

  @Column('text', { nullable: true })
  section: string | null;

  @Column('text')
  language: string;

  @Column('jsonb')
  paragraphs: string[];

  /** The first paragraph, at most 200 characters. */
  @Column('text')
  summary: string;

  /** `scheduled` while a publication waits for `publishAt` (even if an earlier revision is live), `withdrawn` once taken down, else `published`. */
  @Column('text')
  state: ArticleState;

  @Column('timestamptz', { name: 'publish_at', nullable: true })
  publishAt: Date | null;

  /** When the live rendering was made; null until the first publication. Not null = readers see the article. */
  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** The whole article page, rendered once at publication and served as is. */
  @Column('text', { name: 'rendered_html', nullable: true })
  renderedHtml: string | null;

  /** A hash of `renderedHtml`, sent (quoted) as the ETag. */
  @Column('text', { nullable: true })
  etag: string | null;

  /** `renderedHtml` compressed once at publication, for `Accept-Encoding: gzip` and `br`. */
  @Column('bytea', { name: 'rendered_gzip', nullable: true })
  renderedGzip: Buffer | null;

  @Column('bytea', { name: 'rendered_br', nullable: true })
  renderedBr: Buffer | null;

  /** The first publication: schema.org datePublished, feeds' pubDate. Kept through corrections and withdrawal. */
  @Column('timestamptz', { name: 'first_published_at', nullable: true })
  firstPublishedAt: Date | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  /** Dated correction notes, oldest first, shown under the article. */
  @Column('jsonb', { default: () => `'[]'` })
  corrections: Correction[];

  /** The live title and text with accents folded (search-text.ts), behind the generated `search_vector`. */
  @Column('text', { name: 'search_title', default: '' })
  searchTitle: string;

  @Column('text', { name: 'search_body', default: '' })
  searchBody: string;

  /** A revision approved for a future time while an earlier one is live. */
  @Column('jsonb', { nullable: true })
  pending: ArticleContent | null;

  /** The approval the next (or last) publication comes from: the published event's causation and correlation. */
  @Column('uuid', { name: 'cause_event_id', nullable: true })
  causeEventId: string | null;

  @Column('text', { name: 'cause_correlation_id', nullable: true })
  causeCorrelationId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
