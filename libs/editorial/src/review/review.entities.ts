import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One save of an article's text: every save is kept, number 1 is the text as received. */
@Entity({ name: 'article_revision', schema: 'editorial' })
export class ArticleRevision {
  @PrimaryColumn({ name: 'article_id', type: 'uuid' })
  articleId: string;

  @PrimaryColumn({ type: 'integer' })
  number: number;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', nullable: true })
  section: string | null;

  @Column({ type: 'jsonb' })
  tags: string[];

  @Column({ type: 'jsonb' })
  paragraphs: string[];

  /** Null for the text as received. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A remark on an article, for the other editors (never published). */
@Entity({ name: 'article_comment', schema: 'editorial' })
export class ArticleComment {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;

  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ name: 'author_name', type: 'text' })
  authorName: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Who did what, when, with the state before and after: one row per action, never updated. */
@Entity({ name: 'audit_entry', schema: 'editorial' })
export class AuditEntry {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Insertion order: the order of the actions on one article (their row lock serialises them). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column({ name: 'article_id', type: 'uuid', nullable: true })
  articleId: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_name', type: 'text' })
  actorName: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;
}
