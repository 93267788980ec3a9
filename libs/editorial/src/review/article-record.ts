import { ConflictException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import type { Actor } from '@newsroom/platform';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { articleDetail } from '../articles/article-views';
import { Article } from '../articles/article.entity';
import { decide, type ArticleState, type WorkflowAction, type WorkflowOptions, type WorkflowSubject } from '../articles/workflow';
import { AuditEntry } from './review.entities';

/** How an actor is named in events, revisions, comments and the audit trail. */
export function actorName(actor: Pick<Actor, 'name' | 'email'>): string {
  return actor.name.trim() || actor.email;
}

/** The fields of an article the audit trail records before and after each action. */
export function auditSnapshot(article: Article): Record<string, unknown> {
  const { state, title, section, tags, assigneeId, publishAt, revision, currentRevision, isPublic, stateReason, correctionNote, version } = article;
  return { state, title, section, tags, assigneeId, publishAt: publishAt?.toISOString() ?? null, revision, currentRevision, isPublic, stateReason, correctionNote, version };
}

/** Moves the article to `state` (when it changes): the time of the change, and no reason yet. */
export function enterState(article: Article, state: ArticleState, now: Date): void {
  if (state === article.state) return;
  article.state = state;
  article.stateChangedAt = now;
  article.stateReason = null;
}

/** Locks the article for the rest of the transaction; 404 if there is none, 409 if `expectedVersion` is stale. */
export async function lockArticle(tx: EntityManager, articleId: string, expectedVersion?: number): Promise<Article> {
  const article = await tx.findOne(Article, { where: { id: articleId }, lock: { mode: 'pessimistic_write' } });
  if (!article) throw new NotFoundException(`No article ${articleId}.`);
  if (expectedVersion !== undefined && article.version !== expectedVersion) {
    throw new ConflictException({
      statusCode: 409,
      error: 'Conflict',
      message: `L’article a été modifié entre-temps (version ${article.version}, vous aviez la version ${expectedVersion}) : rechargez-le.`,
      current: articleDetail(article),
    });
  }
  return article;
}

/** The workflow's view of an article: who wrote its text since the last approval. */
export async function workflowSubject(tx: EntityManager, article: Article): Promise<WorkflowSubject> {
  const authors: Array<{ author_id: string }> = await tx.query(
    `SELECT DISTINCT author_id FROM editorial.article_revision WHERE article_id = $1 AND number > $2 AND author_id IS NOT NULL`,
    [article.id, article.approvedRevision ?? 0],
  );
  return { state: article.state, publishedRevision: article.publishedRevision, isPublic: article.isPublic, authorIds: authors.map((row) => row.author_id) };
}

/** Throws the decision's 403 or 409 unless `actor` may do `action` now. */
export async function ensureAllowed(tx: EntityManager, article: Article, action: WorkflowAction, actor: Actor, options: WorkflowOptions): Promise<void> {
  const decision = decide(action, await workflowSubject(tx, article), actor, options);
  if (decision.allowed) return;
  throw decision.status === 403 ? new ForbiddenException(decision.reason) : new ConflictException(decision.reason);
}

/** Writes the article's changed row (guarded by its version, then bumped) and one audit entry. */
export async function saveWithAudit(tx: EntityManager, article: Article, before: Record<string, unknown>, action: string, actor: Actor, now: Date): Promise<void> {
  const previousVersion = article.version;
  article.version += 1;
  article.updatedAt = now;
  const { id, version, ...changes } = article;
  const update = await tx.update(Article, { id, version: previousVersion }, { ...changes, version });
  if (update.affected !== 1) throw new HttpException(`Article ${id} changed meanwhile: reload it and try again.`, 409);
  await tx.insert(AuditEntry, {
    id: randomUUID(),
    articleId: id,
    actorId: actor.id,
    actorName: actorName(actor),
    action,
    at: now,
    before: before as never,
    after: auditSnapshot(article) as never,
  });
}
