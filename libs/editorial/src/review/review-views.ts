import type { ArticleComment, ArticleRevision, AuditEntry } from './review.entities';

export interface CommentView {
  id: string;
  authorId: string | null;
  authorName: string;
  body: string;
  createdAt: string;
}

export interface RevisionView {
  number: number;
  title: string;
  section: string | null;
  tags: string[];
  paragraphs: string[];
  authorId: string | null;
  authorName: string;
  createdAt: string;
}

export interface AuditView {
  id: string;
  articleId: string | null;
  actorId: string | null;
  actorName: string;
  action: string;
  at: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export function commentView(comment: ArticleComment): CommentView {
  return { id: comment.id, authorId: comment.authorId, authorName: comment.authorName, body: comment.body, createdAt: comment.createdAt.toISOString() };
}

export function revisionView(revision: ArticleRevision): RevisionView {
  const { number, title, section, tags, paragraphs, authorId, authorName } = revision;
  return { number, title, section, tags, paragraphs, authorId, authorName, createdAt: revision.createdAt.toISOString() };
}

export function auditView(entry: AuditEntry): AuditView {
  const { id, articleId, actorId, actorName, action, before, after } = entry;
  return { id, articleId, actorId, actorName, action, at: entry.at.toISOString(), before, after };
}
